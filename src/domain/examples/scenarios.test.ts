import { describe, expect, it } from 'vitest';
import type { ProtocolWord } from '../kube/chain-names.ts';
import {
  serviceExternalChain,
  serviceFirewallChain,
  serviceLBChain,
  servicePortEndpointChain,
  servicePortPolicyClusterChain,
  servicePortPolicyLocalChain,
} from '../kube/chain-names.ts';
import { generateRules } from '../kube/generate.ts';
import { cidrContains, joinHostPort, parseCIDR } from '../kube/ip.ts';
import type { ProfileName } from '../kube/node-settings.ts';
import type { EndpointSlice, KubeObject, Service } from '../kube/objects.ts';
import { readKubeObjects } from '../kube/read-objects.ts';
import { nameString } from '../kube/service-ports.ts';
import { quantiseProbability } from '../model/ext/probability.ts';
import type { Chain, Ruleset, Table } from '../model/ruleset.ts';
import { parseDump } from '../parse/parse-dump.ts';
import { formatIPv4, parseAddress } from '../sim/ipv4.ts';
import type { NodeView } from '../sim/node.ts';
import { nodeView } from '../sim/simulate.ts';
import type { Scenario, ScenarioExpectation, ScenarioReply, ScenarioRequest } from './scenarios.ts';
import {
  SCENARIOS,
  SCENARIO_PROFILES,
  endpointShares,
  expectationFor,
  kernelProbability,
  packetsFor,
  probabilityText,
  scenarioById,
  storedProbability,
} from './scenarios.ts';

const TOLERANCE = 1e-12;

/** Every expectation a packet has: the common one and each profile's. */
const expectations = (packet: Scenario['packets'][number]): ScenarioExpectation[] =>
  SCENARIO_PROFILES.map((profile) => expectationFor(packet, profile));

const requests = (scenario: Scenario): [number, ScenarioRequest][] =>
  scenario.packets.flatMap((p, i): [number, ScenarioRequest][] => (p.reply ? [] : [[i, p]]));

const replies = (scenario: Scenario): [number, ScenarioReply][] =>
  scenario.packets.flatMap((p, i): [number, ScenarioReply][] => (p.reply ? [[i, p]] : []));

const services = (objects: readonly KubeObject[]): Service[] =>
  objects.filter((o): o is Service => o.kind === 'Service');

const slices = (objects: readonly KubeObject[]): EndpointSlice[] =>
  objects.filter((o): o is EndpointSlice => o.kind === 'EndpointSlice');

const ipOf = (ipPort: string): string => ipPort.slice(0, ipPort.lastIndexOf(':'));

/** An address as the simulator's NodeView takes it. */
function address(ip: string): number {
  const a = parseAddress(ip);
  if (a === undefined) throw new Error(`${ip} is not an IPv4 address`);
  return a;
}

/** The interface the node's routing sends `ip` out of (undefined for a local address). */
function routeOut(view: NodeView, ip: string): string | undefined {
  const route = view.route(address(ip));
  return route.kind === 'unicast' ? route.dev : undefined;
}

/** The source MASQUERADE picks for a packet to `ip`: the out interface's address toward the next hop. */
function masqueradeSource(view: NodeView, ip: string): string | undefined {
  const route = view.route(address(ip));
  if (route.kind !== 'unicast') return undefined;
  const chosen = view.masqueradeAddress(route.dev, route.via ?? address(ip));
  return chosen === undefined ? undefined : formatIPv4(chosen);
}

/** The scenario's Service and the ready endpoints (`ip:port`) of its service port. */
function servicePortOf(scenario: Scenario): { service: Service; endpoints: string[] } {
  const ref = scenario.servicePort;
  const service = services(scenario.objects).find(
    (s) => s.namespace === ref.namespace && s.name === ref.service,
  );
  if (!service) throw new Error(`${scenario.id}: no Service ${ref.namespace}/${ref.service}`);
  const endpoints = slices(scenario.objects)
    .filter((s) => s.namespace === ref.namespace && s.serviceName === ref.service)
    .flatMap((slice) => {
      const port = slice.ports.find(
        (p) => (p.name ?? '') === ref.portName && (p.protocol ?? 'TCP') === ref.protocol,
      );
      if (port?.port === undefined) return [];
      return slice.endpoints
        .filter((e) => e.conditions?.ready !== false)
        .map((e) => joinHostPort(e.addresses[0] ?? '', port.port ?? 0));
    });
  return { service, endpoints };
}

interface Generated {
  readonly ruleset: Ruleset;
  readonly chains: ReadonlySet<string>;
}

const generatedCache = new Map<string, Generated>();

/** The scenario's rules under a profile, as the kernel would hold them (parsed back). */
function generated(scenario: Scenario, profile: ProfileName): Generated {
  const key = `${scenario.id}/${profile}`;
  const cached = generatedCache.get(key);
  if (cached) return cached;
  const { restore } = generateRules(scenario.objects, { ...scenario.node, profile });
  const { ruleset } = parseDump(restore);
  const chains = new Set(ruleset.tables.flatMap((t) => t.chains.map((c) => c.name)));
  const result = { ruleset, chains };
  generatedCache.set(key, result);
  return result;
}

/** `relies`/`lacks` names resolved to the scenario's own chains. */
function resolveChains(scenario: Scenario, profile: ProfileName, name: string): string[] {
  if (!name.endsWith('-')) return [name];
  const ref = scenario.servicePort;
  const S = nameString(
    ref.namespace,
    ref.service,
    ref.portName,
    profile === 'legacy' ? 'trailing-colon' : 'current',
  );
  const p = ref.protocol.toLowerCase() as ProtocolWord;
  switch (name) {
    case 'KUBE-SVC-':
      return [servicePortPolicyClusterChain(S, p)];
    case 'KUBE-SVL-':
      return [servicePortPolicyLocalChain(S, p)];
    case 'KUBE-EXT-':
      return [serviceExternalChain(S, p)];
    case 'KUBE-FW-':
      return [serviceFirewallChain(S, p)];
    case 'KUBE-XLB-':
      return [serviceLBChain(S, p)];
    case 'KUBE-SEP-':
      return servicePortOf(scenario).endpoints.map((ep) => servicePortEndpointChain(S, p, ep));
    default:
      throw new Error(`${scenario.id}: unknown chain kind ${name}`);
  }
}

const table = (ruleset: Ruleset, name: string): Table | undefined =>
  ruleset.tables.find((t) => t.name === name);

const chainIn = (t: Table | undefined, name: string): Chain | undefined =>
  t?.chains.find((c) => c.name === name);

const optionArg = (
  options: readonly { name: string; args: readonly string[] }[],
  name: string,
): string | undefined => options.find((o) => o.name === name)?.args[0];

/**
 * For each nat chain that balances over KUBE-SEP chains (the random rules, not
 * the affinity checks), the chance each DNAT destination is reached, walking
 * the parsed rules with the probabilities the kernel holds.
 */
function balancers(ruleset: Ruleset): Map<string, number>[] {
  const nat = table(ruleset, 'nat');
  const dnatOf = (sep: string) => {
    const rule = chainIn(nat, sep)?.rules.find((r) => r.target?.name === 'DNAT');
    return rule?.target ? optionArg(rule.target.options, 'to-destination') : undefined;
  };
  const out: Map<string, number>[] = [];
  for (const chain of nat?.chains ?? []) {
    const split = chain.rules.filter(
      (r) =>
        r.target?.name.startsWith('KUBE-SEP-') && !r.matches.some((m) => m.module === 'recent'),
    );
    if (split.length === 0) continue;
    const shares = new Map<string, number>();
    let rest = 1;
    for (const rule of split) {
      const statistic = rule.matches.find((m) => m.module === 'statistic');
      const text = statistic ? optionArg(statistic.options, 'probability') : undefined;
      const p = text === undefined ? 1 : kernelProbability(text);
      const to = dnatOf(rule.target?.name ?? '');
      if (to === undefined) throw new Error(`${chain.name}: a KUBE-SEP chain without DNAT`);
      shares.set(to, (shares.get(to) ?? 0) + rest * p);
      rest *= 1 - p;
    }
    out.push(shares);
  }
  return out;
}

describe('the scenario list', () => {
  it('has unique, kebab-case ids, a title and a summary for each', () => {
    const ids = SCENARIOS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of SCENARIOS) {
      expect(s.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(s.title.length).toBeGreaterThan(0);
      expect(s.summary.length).toBeGreaterThan(40);
      expect(scenarioById(s.id)).toBe(s);
    }
  });

  it('covers the required cases', () => {
    expect(SCENARIOS.map((s) => s.id)).toEqual(
      expect.arrayContaining([
        'nodeport-external',
        'node-to-clusterip',
        'pod-to-clusterip',
        'hairpin',
        'loadbalancer',
        'loadbalancer-source-ranges',
        'no-endpoints',
        'etp-local-with-endpoint',
        'etp-local-without-endpoint',
        'session-affinity',
        'udp-dns',
      ]),
    );
  });

  it('reads every manifest without problems, into the scenario objects', () => {
    // The scenario objects are made from the same spec as the YAML, not read from it: where the
    // reader found each object in the text is all they lack.
    const unplaced = (objects: readonly KubeObject[]) =>
      objects.map(({ position: _position, ...object }) => object);
    for (const s of SCENARIOS) {
      const { objects, problems } = readKubeObjects(s.manifest);
      expect(problems, s.id).toEqual([]);
      expect(unplaced(objects), s.id).toStrictEqual(unplaced(s.objects));
      expect(services(objects).length, s.id).toBeGreaterThan(0);
    }
  });
});

describe('the rules of each scenario', () => {
  for (const scenario of SCENARIOS) {
    for (const profile of SCENARIO_PROFILES) {
      describe(`${scenario.id} (${profile})`, () => {
        it('are generated with no warning and parse back without errors', () => {
          const { restore, notes } = generateRules(scenario.objects, {
            ...scenario.node,
            profile,
          });
          expect(notes.filter((n) => n.severity !== 'info')).toEqual([]);
          const errors = parseDump(restore).problems.filter((p) => p.severity === 'error');
          expect(errors).toEqual([]);
        });

        it('hold the chains the scenario relies on, and none it says are absent', () => {
          const { chains } = generated(scenario, profile);
          for (const name of scenario.relies[profile]) {
            const resolved = resolveChains(scenario, profile, name);
            expect(resolved.length, name).toBeGreaterThan(0);
            for (const chain of resolved)
              expect(chains.has(chain), `${name} → ${chain}`).toBe(true);
          }
          for (const name of scenario.lacks?.[profile] ?? []) {
            for (const chain of resolveChains(scenario, profile, name)) {
              expect(chains.has(chain), `${name} → ${chain}`).toBe(false);
            }
          }
        });

        it('balance as the expectations say, with the kernel-held probabilities', () => {
          const found = balancers(generated(scenario, profile).ruleset);
          for (const { index, expect: e } of packetsFor(scenario, profile)) {
            const targets = e.dnat.filter((b) => b.to !== null);
            if (targets.length === 0) continue;
            const match = found.find(
              (shares) =>
                shares.size === targets.length &&
                targets.every(
                  (b) => Math.abs((shares.get(b.to ?? '') ?? -1) - b.probability) < TOLERANCE,
                ),
            );
            expect(match, `packet ${index}: ${JSON.stringify(targets)}`).toBeDefined();
          }
        });

        it('stop packets in the chain the expectations name, reached from that hook', () => {
          const { ruleset } = generated(scenario, profile);
          for (const { index, expect: e } of packetsFor(scenario, profile)) {
            if (e.verdict === 'ACCEPT') {
              expect(e.verdictAt, `packet ${index}`).toBeUndefined();
              continue;
            }
            const at = e.verdictAt;
            expect(at, `packet ${index}`).toBeDefined();
            if (!at) continue;
            const t = table(ruleset, at.table);
            const chain = chainIn(t, at.chain);
            expect(
              chain?.rules.some((r) => r.target?.name === e.verdict),
              `packet ${index}: ${at.table}/${at.chain} -j ${e.verdict}`,
            ).toBe(true);
            expect(
              chainIn(t, at.hook)?.rules.some((r) => r.target?.name === at.chain),
              `packet ${index}: ${at.hook} → ${at.chain}`,
            ).toBe(true);
          }
        });
      });
    }
  }
});

describe('the packets of each scenario', () => {
  for (const scenario of SCENARIOS) {
    describe(scenario.id, () => {
      const { model } = scenario;
      const view = nodeView(model);
      const names = model.interfaces.map((i) => i.name);

      it('enter where the model says such a packet enters', () => {
        for (const [index, { packet }] of requests(scenario)) {
          const from = packet.from ?? '';
          expect(from === 'local' || names.includes(from), `packet ${index} from ${from}`).toBe(
            true,
          );
          const local = view.isLocal(address(packet.src));
          expect(local, `packet ${index}: local source iff sent from the node`).toBe(
            from === 'local',
          );
          // The route back to the client leaves by the interface its packet came in on.
          if (!local)
            expect(view.interfaceTowards(address(packet.src)), `packet ${index}`).toBe(from);
          expect(packet.sport, `packet ${index}`).toBeGreaterThan(1023);
        }
      });

      it('go to an address and port of the scenario Service', () => {
        const { service } = servicePortOf(scenario);
        const ref = scenario.servicePort;
        const sp = service.ports.find(
          (p) => (p.name ?? '') === ref.portName && (p.protocol ?? 'TCP') === ref.protocol,
        );
        expect(sp, 'the service port').toBeDefined();
        if (!sp) return;
        for (const [index, { packet }] of requests(scenario)) {
          expect(packet.protocol, `packet ${index}`).toBe(ref.protocol.toLowerCase());
          const toClusterIP = packet.dst === service.clusterIP && packet.dport === sp.port;
          const toNodePort = view.isLocal(address(packet.dst)) && packet.dport === sp.nodePort;
          const toLoadBalancer =
            (service.loadBalancerIngressIPs ?? []).includes(packet.dst) && packet.dport === sp.port;
          expect(toClusterIP || toNodePort || toLoadBalancer, `packet ${index}`).toBe(true);
        }
      });

      it('have DNAT branches that are endpoints, with probabilities summing to 1', () => {
        const { endpoints } = servicePortOf(scenario);
        for (const [index, packet] of scenario.packets.entries()) {
          for (const e of expectations(packet)) {
            const sum = e.dnat.reduce((n, b) => n + b.probability, 0);
            expect(Math.abs(sum - 1), `packet ${index}`).toBeLessThan(TOLERANCE);
            for (const b of e.dnat) {
              expect(b.probability, `packet ${index}`).toBeGreaterThan(0);
              if (b.to !== null) expect(endpoints, `packet ${index}`).toContain(b.to);
            }
            if (e.verdict !== 'ACCEPT') {
              expect(e.delivery, `packet ${index}`).toBeNull();
              expect(e.dnat, `packet ${index}`).toEqual([{ to: null, probability: 1 }]);
            }
          }
        }
      });

      it('leave by the interface the route to their destination takes, masqueraded to its address', () => {
        for (const [index, packet] of scenario.packets.entries()) {
          for (const e of expectations(packet)) {
            const depends = e.masqueraded === 'depends';
            const flags = e.dnat.map((b) => b.masqueraded ?? e.masqueraded);
            // 'depends' only where the branches really differ, and then each says.
            expect(
              depends
                ? new Set(flags).size > 1 && flags.every((f) => typeof f === 'boolean')
                : true,
              `packet ${index}`,
            ).toBe(true);
            if (!depends)
              expect(
                flags.every((f) => f === e.masqueraded),
                `packet ${index}`,
              ).toBe(true);
            for (const [i, b] of e.dnat.entries()) {
              const masqueraded = flags[i] === true;
              expect(b.snat !== undefined, `packet ${index}: snat iff masqueraded`).toBe(
                masqueraded,
              );
              if (e.delivery === 'forward' || e.delivery === 'output') {
                const target = b.to !== null ? ipOf(b.to) : undefined;
                const dst = target ?? (packet.reply ? ipOf(e.final?.dst ?? '') : packet.packet.dst);
                expect(b.outInterface, `packet ${index}`).toBe(routeOut(view, dst));
                if (b.snat !== undefined) {
                  expect(b.snat, `packet ${index}`).toBe(masqueradeSource(view, dst));
                }
              } else {
                expect(b.outInterface, `packet ${index}`).toBeUndefined();
              }
            }
          }
        }
      });

      it('masquerade pod traffic to a ClusterIP only on the branch back to the client itself', () => {
        const { service } = servicePortOf(scenario);
        const cidr = parseCIDR(scenario.node.clusterCIDR ?? '');
        for (const [index, req] of requests(scenario)) {
          const { src, dst } = req.packet;
          if (dst !== service.clusterIP || !cidr || !cidrContains(cidr, src)) continue;
          for (const profile of SCENARIO_PROFILES) {
            const e = expectationFor(req, profile);
            for (const b of e.dnat) {
              if (b.to === null) continue;
              const self = ipOf(b.to) === src;
              expect(b.masqueraded ?? e.masqueraded, `packet ${index} → ${b.to}`).toBe(self);
              if (!self) continue;
              // kube-proxy's KUBE-SEP chain: "-s <endpoint IP> -j KUBE-MARK-MASQ".
              const sep = resolveChains(scenario, profile, 'KUBE-SEP-').find((name) =>
                chainIn(table(generated(scenario, profile).ruleset, 'nat'), name)?.rules.some(
                  (r) =>
                    r.target?.name === 'DNAT' &&
                    optionArg(r.target.options, 'to-destination') === b.to,
                ),
              );
              const rules =
                chainIn(table(generated(scenario, profile).ruleset, 'nat'), sep ?? '')?.rules ?? [];
              expect(
                rules.some(
                  (r) =>
                    r.target?.name === 'KUBE-MARK-MASQ' && r.source?.value.startsWith(`${src}/`),
                ),
                `${profile}: ${sep} marks ${src}`,
              ).toBe(true);
            }
          }
        }
      });

      it('refer to earlier packets only, with sameAsPacket sharing their destinations', () => {
        for (const [index, packet] of scenario.packets.entries()) {
          for (const e of expectations(packet)) {
            if (e.sameAsPacket === undefined) continue;
            expect(e.sameAsPacket, `packet ${index}`).toBeLessThan(index);
            const earlier = scenario.packets[e.sameAsPacket];
            expect(earlier?.reply, `packet ${index}`).toBeFalsy();
            if (!earlier) continue;
            const key = (x: ScenarioExpectation) =>
              x.dnat.map((b) => `${b.to}@${b.probability}`).join(' ');
            for (const profile of SCENARIO_PROFILES) {
              expect(key(expectationFor(packet, profile)), `packet ${index} ${profile}`).toBe(
                key(expectationFor(earlier, profile)),
              );
            }
          }
        }
      });

      it('answer each accepted connection, from the address the client connected to', () => {
        const answered = new Set(replies(scenario).map(([, r]) => r.of));
        for (const [index, req] of requests(scenario)) {
          const accepted = expectations(req).some((e) => e.verdict === 'ACCEPT' && e.dnat[0]?.to);
          if (accepted) expect(answered.has(index), `request ${index} has a reply`).toBe(true);
        }
        for (const [index, reply] of replies(scenario)) {
          expect(reply.of, `reply ${index}`).toBeLessThan(index);
          const req = scenario.packets[reply.of];
          expect(req && !req.reply, `reply ${index} answers a request`).toBe(true);
          if (!req || req.reply) continue;
          const { src, sport, dst, dport } = req.packet;
          for (const e of expectations(reply)) {
            expect(e.verdict).toBe('ACCEPT');
            expect(e.ctState).toBe('ESTABLISHED');
            expect(e.masqueraded).toBe(false);
            expect(e.final).toEqual({ src: `${dst}:${dport}`, dst: `${src}:${sport}` });
          }
        }
        const last = scenario.packets.at(-1);
        const lastAccepted = requests(scenario)
          .filter(([, r]) => expectations(r).some((e) => e.verdict === 'ACCEPT' && e.dnat[0]?.to))
          .at(-1);
        if (lastAccepted) expect(last?.reply, 'ends with a reply').toBe(true);
      });
    });
  }
});

describe('packetsFor', () => {
  it('leaves out the reply of a request a profile does not accept', () => {
    const scenario = scenarioById('etp-local-without-endpoint');
    expect(scenario).toBeDefined();
    if (!scenario) return;
    const current = packetsFor(scenario, 'current').map((p) => p.index);
    const legacy = packetsFor(scenario, 'legacy').map((p) => p.index);
    expect(current).toEqual([0, 1, 2]);
    expect(legacy).toEqual([0, 1]);
    expect(packetsFor(scenario, 'legacy')[1]?.expect.verdict).toBe('DROP');
  });
});

describe('endpointShares', () => {
  const SCALE = 2 ** 31;

  it("uses kube-proxy's probability texts", () => {
    expect(probabilityText(3, 'current')).toBe('0.3333333333');
    expect(probabilityText(3, 'legacy')).toBe('0.33333');
    expect(probabilityText(2, 'current')).toBe('0.5000000000');
  });

  it('quantises them as iptables and the kernel do', () => {
    expect(storedProbability('0.3333333333')).toBe(715827883);
    expect(storedProbability('0.33333')).toBe(715820724);
    for (const text of ['0.3333333333', '0.33333', '0.5000000000', '0.1000000000']) {
      // The stored value prints back the way iptables-save shows it.
      expect(kernelProbability(text).toFixed(11)).toBe(quantiseProbability(text));
    }
  });

  it('gives each endpoint its chance under each profile', () => {
    const c0 = 715827883 / SCALE;
    const l0 = 715820724 / SCALE;
    const near = (actual: number[], wanted: number[]) => {
      expect(actual.length).toBe(wanted.length);
      actual.forEach((a, i) => expect(Math.abs(a - (wanted[i] ?? NaN))).toBeLessThan(1e-15));
    };
    near(endpointShares(3, 'current'), [c0, (1 - c0) / 2, (1 - c0) / 2]);
    near(endpointShares(3, 'legacy'), [l0, (1 - l0) / 2, (1 - l0) / 2]);
    near(endpointShares(2, 'legacy'), [0.5, 0.5]);
    near(endpointShares(1, 'current'), [1]);
    expect(endpointShares(3, 'current')[0]).not.toBe(endpointShares(3, 'legacy')[0]);
  });
});
