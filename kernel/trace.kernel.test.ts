/**
 * Kernel truth for the packet simulator: real TCP SYNs, UDP datagrams and SCTP INITs through
 * real rules in network namespaces (kernel/probe.ts), compared with the simulator probe by
 * probe (kernel/truth.ts): DNAT destinations, masquerading, drops and rejects, every rule's and
 * policy's counter, the replies' counters, and the shares of random splits.
 *
 * Cases:
 *  - every named scenario (src/domain/examples/scenarios.ts) under both generator profiles;
 *  - kube-proxy's own unit-test dumps, probed at every Service address and node port they hold,
 *    from outside and from a pod;
 *  - hand-written non-kube rulesets: a host firewall (recent with a hit count, NOTRACK,
 *    CONNMARK, REJECT kinds, iprange, addrtype) and a Docker host.
 *
 * Run with `npm run test:kernel` (root, iproute2, iptables, nftables, conntrack, python3).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { KUBE_PROXY_FIXTURES } from '../src/domain/examples/kube-proxy-fixtures.ts';
import { SCENARIOS } from '../src/domain/examples/scenarios.ts';
import { withBuiltinJumps } from '../src/domain/kube/add-builtin-jumps.ts';
import { generateRules } from '../src/domain/kube/generate.ts';
import type { ProfileName } from '../src/domain/kube/node-settings.ts';
import type { Ruleset } from '../src/domain/model/ruleset.ts';
import { parseDump } from '../src/domain/parse/parse-dump.ts';
import { serializeSave } from '../src/domain/parse/serialize-save.ts';
import { parseAddress } from '../src/domain/sim/ipv4.ts';
import { nodeView } from '../src/domain/sim/simulate.ts';
import type { NodeModel, PacketSpec, Protocol } from '../src/domain/sim/types.ts';
import { KernelNode } from './probe.ts';
import { kernelSuite } from './suite.ts';
import type { TruthCase, TruthReport, TruthRequest } from './truth.ts';
import { checkCase } from './truth.ts';

const namespaces = kernelSuite();
const HERE = dirname(fileURLToPath(import.meta.url));

/** One KernelNode per distinct model (building one takes a while); all destroyed at the end. */
const nodes = new Map<string, KernelNode>();
function nodeFor(model: NodeModel): KernelNode {
  const key = JSON.stringify(model);
  let node = nodes.get(key);
  if (!node) {
    node = new KernelNode(namespaces, model);
    nodes.set(key, node);
  }
  return node;
}
afterAll(() => {
  for (const node of nodes.values()) node.destroy();
});

function readRules(text: string): Ruleset {
  const { ruleset, problems } = parseDump(text, { format: 'save' });
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0)
    throw new Error(errors.map((p) => `line ${p.line}: ${p.message}`).join('\n'));
  return ruleset;
}

/** `from` as the simulator would choose it: local for a node address, else the route back. */
function withFrom(model: NodeModel, packet: PacketSpec): PacketSpec & { from: string } {
  if (packet.from !== undefined) return { ...packet, from: packet.from };
  const view = nodeView(model);
  const src = parseAddress(packet.src) ?? 0;
  const from = view.isLocal(src) ? 'local' : view.interfaceTowards(src);
  if (from === undefined) throw new Error(`no interface leads back to ${packet.src}`);
  return { ...packet, from };
}

function expectAgreement(c: TruthCase): TruthReport {
  const report = checkCase(nodeFor(c.model), c);
  expect(report.failures.join('\n\n')).toBe('');
  expect(report.probes).toBeGreaterThan(0);
  return report;
}

// --- The named scenarios, under both profiles --------------------------------------------

const PROFILES: readonly ProfileName[] = ['current', 'legacy'];

describe('named scenarios: the simulator agrees with the kernel', () => {
  for (const scenario of SCENARIOS) {
    for (const profile of PROFILES) {
      it(`${scenario.id} (${profile})`, () => {
        const rules = generateRules(scenario.objects, { ...scenario.node, profile }).restore;
        const requests: TruthRequest[] = scenario.packets.flatMap((p) =>
          p.reply === true
            ? []
            : [
                {
                  label: `${scenario.id}/${profile}: ${p.label}`,
                  packet: withFrom(scenario.model, p.packet),
                },
              ],
        );
        const report = expectAgreement({
          name: `${scenario.id} (${profile})`,
          rules,
          ruleset: readRules(rules),
          model: scenario.model,
          requests,
        });
        // Every request the scenario splits at random had its shares tested, but for one that
        // pins its client (session affinity: later packets go where it went), whose copies
        // from that client all land on the first one's endpoint.
        const expectation = (p: (typeof scenario.packets)[number]) =>
          p.expectByProfile?.[profile] ?? p.expect;
        const pins = new Set(scenario.packets.map((p) => expectation(p).sameAsPacket));
        const split = scenario.packets.filter(
          (p, i) =>
            p.reply !== true &&
            expectation(p).dnat.length > 1 &&
            expectation(p).sameAsPacket === undefined &&
            !pins.has(i),
        );
        expect(report.randomGroups.map((g) => g.label)).toEqual(
          expect.arrayContaining(split.map((p) => `${scenario.id}/${profile}: ${p.label}`)),
        );
      });
    }
  }
});

// --- kube-proxy's own unit-test dumps ----------------------------------------------------

/** The node of kube-proxy's unit tests (testNodeIP 192.168.0.2), its pods behind cni0. */
const TEST_MODEL: NodeModel = {
  interfaces: [
    { name: 'eth0', addresses: ['192.168.0.2/24'] },
    { name: 'cni0', addresses: ['10.0.0.1/8'] },
  ],
  routes: [{ destination: '0.0.0.0/0', dev: 'eth0', via: '192.168.0.1' }],
  ipForward: true,
  routeLocalnet: true,
};
const EXTERNAL = '203.0.113.7';
const POD = '10.0.0.5';

/**
 * Packets to every address and port a dump's KUBE-SERVICES / KUBE-NODEPORTS /
 * KUBE-EXTERNAL-SERVICES rules name: each Service address from outside and from a pod, each
 * node port from outside.
 */
function servicePackets(ruleset: Ruleset): TruthRequest[] {
  const seen = new Set<string>();
  const out: TruthRequest[] = [];
  for (const table of ruleset.tables) {
    for (const chain of table.chains) {
      // v1.2+ proxiers, and the v1.1 userspace proxier's portal chains.
      if (
        !/^KUBE-(SERVICES|NODEPORTS|EXTERNAL-SERVICES|PORTALS-CONTAINER|NODEPORT-CONTAINER)$/.test(
          chain.name,
        )
      )
        continue;
      for (const rule of chain.rules) {
        const protocol = rule.protocol?.value as Protocol | undefined;
        if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'sctp') continue;
        const port = rule.matches
          .find((m) => m.module === protocol)
          ?.options.find((o) => o.name === 'dport' && !o.negated)?.args[0];
        if (port === undefined || port.includes(':')) continue;
        const dst = rule.destination?.value.replace(/\/32$/, '');
        const targets =
          dst !== undefined && !rule.destination?.negated
            ? [{ dst, from: [EXTERNAL, POD] }]
            : /SERVICES|PORTALS/.test(chain.name)
              ? []
              : [{ dst: '192.168.0.2', from: [EXTERNAL] }];
        for (const t of targets) {
          if (parseAddress(t.dst) === undefined) continue;
          for (const src of t.from) {
            const key = `${protocol} ${src} ${t.dst}:${port}`;
            if (seen.has(key)) continue;
            seen.add(key);
            out.push({
              label: `${key} (${table.name}/${chain.name})`,
              packet: withFrom(TEST_MODEL, { src, dst: t.dst, dport: Number(port), protocol }),
            });
          }
        }
      }
    }
  }
  return out;
}

/** Packets every node sees besides Service traffic: the filter chains meet them too. */
const NODE_PACKETS: readonly TruthRequest[] = [
  {
    label: 'ssh to the node from outside',
    packet: { src: EXTERNAL, dst: '192.168.0.2', dport: 22, protocol: 'tcp', from: 'eth0' },
  },
  {
    label: 'a pod to the internet',
    packet: { src: POD, dst: '198.51.100.1', dport: 443, protocol: 'tcp', from: 'cni0' },
  },
  // route_localnet is 1 on kube-proxy's nodes: KUBE-FIREWALL is what stops this.
  {
    label: '127.0.0.1 from outside',
    packet: { src: EXTERNAL, dst: '127.0.0.1', dport: 80, protocol: 'tcp', from: 'eth0' },
  },
  {
    label: 'a node process to localhost',
    packet: { src: '127.0.0.1', dst: '127.0.0.1', dport: 10249, protocol: 'tcp', from: 'local' },
  },
];

/** Dumps the kernel refuses as they are (see round-trip.kernel.test.ts), and IPv6 ones. */
const NOT_LOADABLE: Readonly<Record<string, string>> = {
  'legacy-xlb-overall': 'jumps to KUBE-MARK-DROP, which the dump never declares',
  'ipv6-localhost-nodeports': 'IPv6 (the simulator follows the IPv4 path)',
};

/**
 * kube-proxy's restore data holds no jump from the built-in chains: kube-proxy adds those with
 * `iptables -I` (src/domain/kube/add-builtin-jumps.ts). A node runs both; so do these tests, for
 * each jump whose target the dump declares, unless the dump has jumps of its own.
 */
const withKubeProxyJumps = (ruleset: Ruleset, legacy: boolean): string =>
  serializeSave(withBuiltinJumps(ruleset, legacy).ruleset);

describe("kube-proxy's unit-test dumps: the simulator agrees with the kernel", () => {
  for (const fixture of KUBE_PROXY_FIXTURES) {
    if (NOT_LOADABLE[fixture.name]) continue;
    it(fixture.name, () => {
      // Written back by kpviz (multi-word comments quoted, as iptables-restore needs them),
      // with the built-in chains' jumps kube-proxy adds beside its restore data.
      const rules = withKubeProxyJumps(readRules(fixture.text), fixture.name.startsWith('legacy-'));
      const ruleset = readRules(rules);
      const requests = [...servicePackets(ruleset), ...NODE_PACKETS];
      expectAgreement({ name: fixture.name, rules, ruleset, model: TEST_MODEL, requests });
    });
  }
  it('skips only the dumps the kernel cannot load, for a stated reason', () => {
    expect(
      Object.keys(NOT_LOADABLE).every((n) => KUBE_PROXY_FIXTURES.some((f) => f.name === n)),
    ).toBe(true);
  });
});

// --- Hand-written rulesets ---------------------------------------------------------------

const fixture = (name: string): string => readFileSync(join(HERE, 'fixtures', name), 'utf8');

const HOST_MODEL: NodeModel = {
  interfaces: [
    { name: 'eth0', addresses: ['192.168.1.10/24'] },
    { name: 'eth1', addresses: ['10.20.0.10/16'] },
  ],
  routes: [{ destination: '0.0.0.0/0', dev: 'eth0', via: '192.168.1.1' }],
  ipForward: false,
  routeLocalnet: false,
};

/** A request builder for one node: `from` as the simulator would choose unless given. */
const requestsOn =
  (model: NodeModel) =>
  (
    label: string,
    src: string,
    dst: string,
    dport: number,
    protocol: 'tcp' | 'udp' = 'tcp',
    from?: string,
  ): TruthRequest => ({
    label,
    packet: withFrom(model, { src, dst, dport, protocol, ...(from ? { from } : {}) }),
  });

const request = requestsOn(HOST_MODEL);

describe('hand-written rulesets: the simulator agrees with the kernel', () => {
  it('a host firewall', () => {
    const rules = fixture('truth-host-firewall.restore.txt');
    const office = '10.20.3.4';
    expectAgreement({
      name: 'host firewall',
      rules,
      ruleset: readRules(rules),
      model: HOST_MODEL,
      requests: [
        // SSH from the office: three connections pass, the fourth trips the hit count.
        ...[1, 2, 3, 4, 5].map((n) =>
          request(`ssh #${n} from the office`, office, '10.20.0.10', 22),
        ),
        request('ssh from the internet', '203.0.113.9', '192.168.1.10', 22),
        request('https', '203.0.113.9', '192.168.1.10', 443),
        request('port 8005 returns from WEB to the policy', '203.0.113.9', '192.168.1.10', 8005),
        request('port 8007', '203.0.113.9', '192.168.1.10', 8007),
        request('DNS is rejected', '203.0.113.9', '192.168.1.10', 53, 'udp'),
        request('SMTP gets a reset', '203.0.113.9', '192.168.1.10', 25),
        request('a blocked range', '198.51.100.15', '192.168.1.10', 443),
        request('subnet broadcast', '192.168.1.77', '192.168.1.255', 9999, 'udp'),
        request('VXLAN is not tracked', '192.168.1.77', '192.168.1.10', 4789, 'udp'),
        request('anything else', '203.0.113.9', '192.168.1.10', 3306),
        request('not for this host, no forwarding', '203.0.113.9', '192.168.1.99', 80),
        request(
          'a martian: our own address from outside',
          '192.168.1.10',
          '192.168.1.10',
          443,
          'tcp',
          'eth0',
        ),
        request('from the host itself', '192.168.1.10', '203.0.113.9', 443, 'tcp', 'local'),
        request('to itself over lo', '127.0.0.1', '127.0.0.1', 22, 'tcp', 'local'),
      ],
    });
  });

  it('a NAT gateway', () => {
    const rules = fixture('truth-nat-gateway.restore.txt');
    const model: NodeModel = {
      interfaces: [
        { name: 'eth0', addresses: ['192.168.1.10/24', '192.168.1.11/24'] },
        { name: 'lan0', addresses: ['10.1.0.1/24'] },
      ],
      routes: [{ destination: '0.0.0.0/0', dev: 'eth0', via: '192.168.1.1' }],
      ipForward: true,
      routeLocalnet: false,
    };
    const r = requestsOn(model);
    expectAgreement({
      name: 'nat gateway',
      rules,
      ruleset: readRules(rules),
      model,
      requests: [
        r('web from the LAN goes to the proxy', '10.1.0.40', '198.51.100.1', 80),
        r('https from the low half is SNATed', '10.1.0.40', '198.51.100.1', 443),
        r(
          'https from the high half is marked and masqueraded into a port range',
          '10.1.0.200',
          '198.51.100.1',
          443,
        ),
        r('NTP is not tracked', '10.1.0.40', '198.51.100.1', 123, 'udp'),
        r('a port forward with a new port', '203.0.113.9', '192.168.1.10', 2222),
        r('a port forward keeping the port', '203.0.113.9', '192.168.1.10', 8443),
        r('an unforwarded port reaches the gateway', '203.0.113.9', '192.168.1.10', 25),
        r('the secondary address is not forwarded', '203.0.113.9', '192.168.1.11', 2222),
        r('inbound to the LAN without DNAT is rejected', '203.0.113.9', '10.1.0.40', 22),
        r(
          'the gateway itself to the API address',
          '192.168.1.10',
          '10.96.0.1',
          443,
          'tcp',
          'local',
        ),
      ],
    });
  });

  it('a Docker host', () => {
    const rules = fixture('docker-host.restore.txt');
    const model: NodeModel = {
      interfaces: [
        { name: 'eth0', addresses: ['192.168.1.10/24'] },
        { name: 'docker0', addresses: ['172.17.0.1/16'] },
        { name: 'br-3f1c2a9d7e01', addresses: ['172.18.0.1/16'] },
      ],
      routes: [{ destination: '0.0.0.0/0', dev: 'eth0', via: '192.168.1.1' }],
      ipForward: true,
      routeLocalnet: false,
    };
    const r = requestsOn(model);
    expectAgreement({
      name: 'docker host',
      rules,
      ruleset: readRules(rules),
      model,
      requests: [
        r('published TCP port from outside', '203.0.113.9', '192.168.1.10', 8080),
        r('published UDP port from outside', '203.0.113.9', '192.168.1.10', 5353, 'udp'),
        r('a container to the internet is masqueraded', '172.17.0.2', '198.51.100.1', 443),
        r('a container to another bridge is isolated', '172.17.0.3', '172.18.0.3', 53, 'udp'),
        r('a container to the host port is not DNATed', '172.17.0.3', '192.168.1.10', 8080),
        r(
          'the host to its own published port',
          '192.168.1.10',
          '192.168.1.10',
          8080,
          'tcp',
          'local',
        ),
        r('localhost is left alone', '127.0.0.1', '127.0.0.1', 8080, 'tcp', 'local'),
        r('an unpublished port', '203.0.113.9', '192.168.1.10', 9000),
        r('straight to a container from outside', '203.0.113.9', '172.17.0.2', 80),
      ],
    });
  });
});
