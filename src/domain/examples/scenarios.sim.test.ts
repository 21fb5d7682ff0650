/**
 * Every scenario through the packet simulator, under both profiles, in
 * all-branches mode: each packet runs from the kernel state of every branch
 * the packets before it took (conntrack entries, `recent` lists), and each
 * branch's outcome must be the scenario's expectation, field by field.
 *
 * Probabilities are compared exactly (toBe): the simulator multiplies the
 * kernel-held statistic probabilities along a path in the same order as
 * endpointShares(), so the doubles agree to the last bit.
 */
import { describe, expect, it } from 'vitest';
import { generateRules } from '../kube/generate.ts';
import type { ProfileName } from '../kube/node-settings.ts';
import type { Rule, Ruleset } from '../model/ruleset.ts';
import { parseDump } from '../parse/parse-dump.ts';
import type { CompiledRuleset } from '../sim/compile.ts';
import { compileRuleset } from '../sim/compile.ts';
import type { KernelState } from '../sim/runtime.ts';
import { emptyKernelState } from '../sim/runtime.ts';
import type { Branch } from '../sim/simulate.ts';
import { simulate } from '../sim/simulate.ts';
import type { Hook, Outcome, PacketSpec } from '../sim/types.ts';
import type { DnatBranch, ProfilePacket, Scenario, ScenarioExpectation } from './scenarios.ts';
import { SCENARIOS, SCENARIO_PROFILES, packetsFor, replyFor } from './scenarios.ts';

/** One way the packets so far can have gone: the branch each took, and the state they left. */
interface Path {
  /** The product of the branches' probabilities. */
  readonly probability: number;
  /** Packet index → the branch it took on this path. */
  readonly taken: ReadonlyMap<number, Branch>;
  readonly state: KernelState;
  /** The DNAT choices along the path, for messages: ` after 0→10.244.1.2:80`. */
  readonly label: string;
}

/** One packet sent from the end of one path, and every branch it can take. */
interface Run {
  readonly path: Path;
  /** Undefined for a reply whose request left no connection to answer. */
  readonly packet: PacketSpec | undefined;
  readonly branches: readonly Branch[];
}

interface ProfileRun {
  readonly ruleset: Ruleset;
  /** Packet index → its runs, one per path of the packets before it. */
  readonly runs: ReadonlyMap<number, readonly Run[]>;
}

const ipOf = (ipPort: string): string => ipPort.slice(0, ipPort.lastIndexOf(':'));
const ipPort = (ip: string, port: number | undefined): string => `${ip}:${port ?? 0}`;

/** The scenario's rules under a profile, generated and read back as the kernel holds them. */
function rulesFor(scenario: Scenario, profile: ProfileName): Ruleset {
  const { restore } = generateRules(scenario.objects, { ...scenario.node, profile });
  const { ruleset, problems } = parseDump(restore, { format: 'save' });
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new Error(`${scenario.id} (${profile}): ${JSON.stringify(errors)}`);
  return ruleset;
}

/** The packet a scenario packet sends at the end of `path`. */
function packetOn(
  scenario: Scenario,
  { packet }: ProfilePacket,
  path: Path,
): PacketSpec | undefined {
  if (!packet.reply) return packet.packet;
  const request = path.taken.get(packet.of);
  return request && replyFor(packet, request.outcome, scenario.model);
}

/** Every packet of the scenario under `profile`, from every branch of the packets before it. */
function runScenario(scenario: Scenario, profile: ProfileName): ProfileRun {
  const ruleset = rulesFor(scenario, profile);
  const compiled: CompiledRuleset = compileRuleset(ruleset);
  let paths: Path[] = [{ probability: 1, taken: new Map(), state: emptyKernelState(), label: '' }];
  const runs = new Map<number, Run[]>();
  for (const p of packetsFor(scenario, profile)) {
    const here: Run[] = [];
    const next: Path[] = [];
    for (const path of paths) {
      const packet = packetOn(scenario, p, path);
      const branches = packet
        ? simulate(compiled, scenario.model, packet, { mode: 'all' }, { state: path.state })
            .branches
        : [];
      here.push({ path, packet, branches });
      for (const branch of branches) {
        const { dnat } = branch.outcome;
        next.push({
          probability: path.probability * branch.outcome.probability,
          taken: new Map([...path.taken, [p.index, branch]]),
          state: branch.state,
          label: dnat === null ? path.label : `${path.label} ${p.index}→${dnat}`,
        });
      }
    }
    runs.set(p.index, here);
    paths = next;
  }
  return { ruleset, runs };
}

/** The rule at `table/CHAIN#n` (the simulator's name for it) in the parsed rules. */
function ruleAt(ruleset: Ruleset, key: string): Rule | undefined {
  const m = /^([^/]+)\/(.+)#(\d+)$/.exec(key);
  if (!m) return undefined;
  const [, table, chain, n] = m;
  const rules = ruleset.tables
    .find((t) => t.name === table)
    ?.chains.find((c) => c.name === chain)?.rules;
  return rules?.[Number(n) - 1];
}

/**
 * Where a rule's target decided the outcome: the hook, table and chain of the
 * last step of the rule named by `reason`; undefined when no rule decided
 * (delivered, forwarded, a policy, routing).
 */
function decidedAt(
  o: Outcome,
): { readonly hook: Hook; readonly table: string; readonly chain: string } | undefined {
  const step = o.steps.findLast(
    (s) => s.kind === 'rule' && s.matched && `${s.table}/${s.chain}#${s.index}` === o.reason,
  );
  return step?.kind === 'rule'
    ? { hook: step.hook, table: step.table, chain: step.chain }
    : undefined;
}

/** The ICMP error a REJECT rule sends: its --reject-with, else REJECT's default. */
function rejectWith(ruleset: Ruleset, o: Outcome): string | undefined {
  if (o.verdict !== 'REJECT') return undefined;
  const target = ruleAt(ruleset, o.reason)?.target;
  if (target?.name !== 'REJECT') return `not a REJECT rule: ${o.reason}`;
  return target.options.find((x) => x.name === 'reject-with')?.args[0] ?? 'icmp-port-unreachable';
}

/** Every field of the expectation against one branch's outcome. */
function checkOutcome(
  where: string,
  ruleset: Ruleset,
  packet: PacketSpec,
  e: ScenarioExpectation,
  b: DnatBranch,
  o: Outcome,
): void {
  expect(o.verdict, `${where}: verdict`).toBe(e.verdict);
  expect(o.delivery, `${where}: delivery`).toBe(e.delivery);
  expect(o.dnat, `${where}: DNAT destination`).toBe(b.to);
  const masqueraded = b.masqueraded ?? e.masqueraded;
  expect(o.masqueraded, `${where}: masqueraded`).toBe(masqueraded);
  expect(o.snat === null ? undefined : ipOf(o.snat), `${where}: MASQUERADE's source`).toBe(b.snat);
  expect(o.outInterface, `${where}: out interface`).toBe(b.outInterface);
  expect(o.final.ctState, `${where}: conntrack state`).toBe(e.ctState);
  expect(decidedAt(o), `${where}: deciding rule (${o.reason})`).toEqual(e.verdictAt);
  expect(rejectWith(ruleset, o), `${where}: REJECT's answer`).toBe(e.rejectWith);
  const final = {
    src: ipPort(o.final.src, o.final.sport),
    dst: ipPort(o.final.dst, o.final.dport),
  };
  // A request's header as it leaves: the DNAT destination and MASQUERADE's source, else as sent.
  expect(final, `${where}: final header`).toEqual(
    e.final ?? {
      src: o.snat ?? ipPort(packet.src, packet.sport),
      dst: b.to ?? ipPort(packet.dst, packet.dport),
    },
  );
  expect(o.uncertain, `${where}: uncertain`).toEqual([]);
}

/** The expectation's branch for a DNAT destination (`null`: none). */
function branchTo(e: ScenarioExpectation, to: string | null): DnatBranch | undefined {
  return e.dnat.find((b) => b.to === to);
}

const sortedTargets = (targets: readonly (string | null)[]): string[] =>
  targets.map((t) => t ?? '(none)').sort();

/** The checks of one packet, on every path of the packets before it. */
function checkPacket(
  scenario: Scenario,
  profile: ProfileName,
  { ruleset, runs }: ProfileRun,
  p: ProfilePacket,
): void {
  const e = p.expect;
  const list = runs.get(p.index) ?? [];
  expect(list.length, 'paths reaching this packet').toBeGreaterThan(0);
  for (const { path, packet, branches } of list) {
    const where = `${scenario.id} (${profile}) packet ${p.index}${path.label ? ` after${path.label}` : ''}`;
    expect(packet, `${where}: a packet to send`).toBeDefined();
    if (!packet) continue;
    if (p.packet.reply) {
      // The answer enters where the request left (or from the node's own socket), toward
      // MASQUERADE's address or the client itself.
      const request = path.taken.get(p.packet.of)?.outcome;
      const sent = scenario.packets[p.packet.of];
      const client = sent && !sent.reply ? sent.packet.src : undefined;
      expect(packet.from, `${where}: the reply's way in`).toBe(request?.outInterface ?? 'local');
      expect(packet.dst, `${where}: the reply's destination`).toBe(
        request?.snat ? ipOf(request.snat) : client,
      );
      if (packet.protocol === 'tcp')
        expect(packet.tcpFlags, `${where}: TCP flags`).toEqual(['SYN', 'ACK']);
    }
    const targets = branches.map((x) => x.outcome.dnat);
    if (e.sameAsPacket === undefined) {
      // A fresh choice on every path: exactly the expectation's branches, each as likely.
      expect(sortedTargets(targets), `${where}: DNAT destinations`).toEqual(
        sortedTargets(e.dnat.map((b) => b.to)),
      );
    } else {
      // Certain, given the earlier packet: where that packet went on this path.
      const earlier = path.taken.get(e.sameAsPacket)?.outcome.dnat;
      expect(targets, `${where}: same destination as packet ${e.sameAsPacket}`).toEqual([earlier]);
    }
    for (const { outcome: o } of branches) {
      const b = branchTo(e, o.dnat);
      expect(b, `${where}: a branch for ${o.dnat ?? 'no DNAT'}`).toBeDefined();
      if (!b) continue;
      const at = `${where} → ${o.dnat ?? 'no DNAT'}`;
      expect(o.probability, `${at}: probability`).toBe(
        e.sameAsPacket === undefined ? b.probability : 1,
      );
      checkOutcome(at, ruleset, packet, e, b, o);
    }
  }
  if (e.sameAsPacket !== undefined) {
    // Over all paths, each destination is as likely as the earlier packet made it.
    const reached = new Map<string | null, number>();
    for (const { path, branches } of list) {
      for (const { outcome: o } of branches) {
        reached.set(o.dnat, (reached.get(o.dnat) ?? 0) + path.probability * o.probability);
      }
    }
    expect(
      [...reached].sort(([a], [b]) => String(a).localeCompare(String(b))),
      `${scenario.id} (${profile}) packet ${p.index}: destinations over every path`,
    ).toEqual(
      e.dnat
        .map((b): [string | null, number] => [b.to, b.probability])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  }
}

describe('each scenario through the simulator', () => {
  for (const scenario of SCENARIOS) {
    for (const profile of SCENARIO_PROFILES) {
      describe(`${scenario.id} (${profile})`, () => {
        let result: ProfileRun | undefined;
        const run = (): ProfileRun => (result ??= runScenario(scenario, profile));
        for (const p of packetsFor(scenario, profile)) {
          it(`packet ${p.index}: ${p.packet.label}`, () => {
            checkPacket(scenario, profile, run(), p);
          });
        }
      });
    }
  }
});
