/**
 * Kernel truth for the simulator: the same packets through the same rules, once in the real
 * kernel (kernel/probe.ts) and once in the simulator, and every difference reported with both
 * sides.
 *
 * For each probe, in order, the simulator follows every branch (`mode: all`) from the kernel
 * state the earlier probes left, and the branch that agrees with what the kernel did (its
 * conntrack entry: the DNAT destination, the masquerade address, or no entry when dropped)
 * carries the state on. Then:
 *  - each probe must have a matching branch (DNAT destination, source NAT, dropped or not);
 *  - the rule counters the kernel moved must equal the sum of the matching branches' rules,
 *    rule by rule, and so must the built-in chains' policy counters;
 *  - for a packet sent many times whose branches have fixed probabilities, the kernel's shares
 *    must pass an exact binomial test against the simulator's probabilities;
 *  - replies (sent back from each accepted connection's reply tuple) must move the counters the
 *    simulator's reply walk predicts.
 */
import type { Ruleset } from '../src/domain/model/ruleset.ts';
import { compileRuleset } from '../src/domain/sim/compile.ts';
import type { Branch } from '../src/domain/sim/simulate.ts';
import { replyPacket, simulate } from '../src/domain/sim/simulate.ts';
import { parseAddress } from '../src/domain/sim/ipv4.ts';
import type { KernelState, NumTuple } from '../src/domain/sim/runtime.ts';
import { tupleKey } from '../src/domain/sim/runtime.ts';
import { samplesToObserveAll, testCategoryCounts } from '../src/domain/sim/stats.ts';
import type { NodeModel, Outcome, PacketSpec, Tuple } from '../src/domain/sim/types.ts';
import type { KernelNode, KernelRun, Probe, ProbeObservation } from './probe.ts';

/**
 * A false failure budget for the whole kernel-truth run: each random group's share test uses
 * ALPHA and its "every branch seen" bound MISS, and a run has far fewer than 100 groups, so a
 * correct simulator fails by chance less than once in a million runs.
 */
const ALPHA = 1e-8;
const MISS = 1e-9;
/** At least this many probes for a random split, so a wrong share is caught. */
const MIN_RANDOM_SAMPLES = 600;

export interface TruthRequest {
  readonly label: string;
  /** `from` must be set (an interface of the model, or `local`). Ports may be left out. */
  readonly packet: PacketSpec & { readonly from: string };
  /** Send the reply of every accepted connection, from its endpoint. Default true. */
  readonly reply?: boolean;
}

export interface TruthCase {
  readonly name: string;
  /** iptables-restore text. */
  readonly rules: string;
  /** The same rules as kpviz reads them. */
  readonly ruleset: Ruleset;
  readonly model: NodeModel;
  /** In order; a request whose walk has random branches is sent enough times to see each. */
  readonly requests: readonly TruthRequest[];
}

export interface TruthReport {
  /** Differences, each with both sides; empty when the kernel and the simulator agree. */
  readonly failures: readonly string[];
  readonly probes: number;
  /** Groups whose shares were tested, with their sample counts. */
  readonly randomGroups: readonly { readonly label: string; readonly samples: number }[];
}

interface Sent {
  readonly request: TruthRequest;
  readonly spec: PacketSpec;
  readonly probe: Probe;
}

const endpoint = (ip: string, port: number): string => `${ip}:${port}`;

/** What the kernel's conntrack entry says the probe's NAT was, as the simulator writes it. */
function kernelNat(o: ProbeObservation): { dnat: string | null; snat: string | null } | undefined {
  const ct = o.conntrack;
  if (!ct) return undefined;
  const dnat =
    ct.reply.src !== ct.original.dst || ct.reply.sport !== ct.original.dport
      ? endpoint(ct.reply.src, ct.reply.sport)
      : null;
  const snat =
    ct.reply.dst !== ct.original.src || ct.reply.dport !== ct.original.sport
      ? endpoint(ct.reply.dst, ct.reply.dport)
      : null;
  return { dnat, snat };
}

/** The kernel's answer for one probe, in the simulator's terms. */
function kernelView(o: ProbeObservation): string {
  const nat = kernelNat(o);
  if (!nat) return o.sendError ? `not sent/dropped (${o.sendError})` : 'no conntrack entry';
  return `dnat ${nat.dnat ?? '-'}, snat ${nat.snat ?? '-'}`;
}

function simView(o: Outcome): string {
  if (!o.conntrack) return `${o.verdict} (${o.reason}), no conntrack entry`;
  return `dnat ${o.dnat ?? '-'}, snat ${o.snat ?? '-'} (${o.verdict}, ${o.reason})`;
}

/** An `ip:port` without its port. */
const addressOf = (e: string | null): string | null => e && e.slice(0, e.lastIndexOf(':'));

/**
 * Does the simulator's outcome say what the kernel did? Where the simulator says the kernel
 * picks a port at random, only the addresses are compared.
 */
function agrees(o: Outcome, k: ProbeObservation): boolean {
  const nat = kernelNat(k);
  if (!nat) return o.conntrack === undefined;
  if (!o.conntrack || o.dnat !== nat.dnat) return false;
  if (o.snat === nat.snat) return true;
  const randomPort = o.uncertain.some((u) => /random/.test(u));
  return randomPort && addressOf(o.snat) === addressOf(nat.snat);
}

const numeric = (t: Tuple): NumTuple => ({
  src: parseAddress(t.src) ?? 0,
  dst: parseAddress(t.dst) ?? 0,
  protocol: t.protocol,
  sport: t.sport,
  dport: t.dport,
});

/**
 * Where the kernel chose a port at random (MASQUERADE --random-fully, a port clash), give the
 * simulator's copy of the connection the kernel's reply tuple, so later packets of it (the
 * reply) meet the same entry in both.
 */
function alignToKernel(state: KernelState, o: ProbeObservation): void {
  const observed = o.conntrack;
  if (!observed) return;
  const entry = state.conntrack.writable(tupleKey(numeric(observed.original)));
  if (!entry) return;
  const reply = numeric(observed.reply);
  if (tupleKey(entry.reply) === tupleKey(reply)) return;
  state.conntrack.delete(tupleKey(entry.reply));
  entry.reply = reply;
  state.conntrack.set(tupleKey(reply), entry);
}

/** Rules' and policies' packet counts the simulator predicts for these outcomes. */
function predictedCounters(outcomes: readonly Outcome[]): {
  rules: Map<string, bigint>;
  policies: Map<string, bigint>;
} {
  const rules = new Map<string, bigint>();
  const policies = new Map<string, bigint>();
  for (const o of outcomes) {
    for (const key of o.rules) rules.set(key, (rules.get(key) ?? 0n) + 1n);
    for (const s of o.steps) {
      if (s.kind === 'event' && s.event === 'policy' && s.table && s.chain) {
        const key = `${s.table}/${s.chain}`;
        policies.set(key, (policies.get(key) ?? 0n) + 1n);
      }
    }
  }
  return { rules, policies };
}

function compareCounters(
  what: string,
  kernel: ReadonlyMap<string, bigint>,
  predicted: ReadonlyMap<string, bigint>,
): string[] {
  const keys = new Set([...kernel.keys(), ...predicted.keys()]);
  const diffs: string[] = [];
  for (const key of [...keys].sort()) {
    const k = kernel.get(key) ?? 0n;
    const p = predicted.get(key) ?? 0n;
    if (k !== p) diffs.push(`  ${key}: kernel ${k}, simulator ${p}`);
  }
  return diffs.length ? [`${what} counters differ:\n${diffs.join('\n')}`] : [];
}

/** Counters moved between two runs of the same load (the second includes the first). */
function delta(after: ReadonlyMap<string, bigint>, before: ReadonlyMap<string, bigint>) {
  const out = new Map<string, bigint>();
  for (const [key, value] of after) {
    const d = value - (before.get(key) ?? 0n);
    if (d !== 0n) out.set(key, d);
  }
  return out;
}

const nonZero = (m: ReadonlyMap<string, bigint>) => new Map([...m].filter(([, v]) => v !== 0n));

/** How often to send a request: once, or enough for its random branches (see ALPHA, MISS). */
function copies(outcomes: readonly Outcome[]): number {
  if (outcomes.length < 2) return 1;
  const probabilities = outcomes.map((o) => o.probability);
  const pmin = Math.min(...probabilities);
  return Math.max(MIN_RANDOM_SAMPLES, samplesToObserveAll(probabilities, pmin, MISS));
}

/** An outcome without what differs from probe to probe (the source port). */
const outcomeKey = (o: Outcome): string =>
  JSON.stringify([o.verdict, o.dnat, o.snat?.slice(0, o.snat.lastIndexOf(':')) ?? null, o.reason]);

function toProbe(id: string, spec: PacketSpec, from: string): Probe {
  if (spec.protocol === 'icmp') throw new Error(`${id}: the harness sends no ICMP`);
  return {
    id,
    src: spec.src,
    dst: spec.dst,
    ...(spec.dport === undefined ? {} : { dport: spec.dport }),
    protocol: spec.protocol,
    from,
  };
}

/**
 * Run one case through the kernel (on `node`, whose model must be the case's) and the
 * simulator, and say where they differ.
 */
export function checkCase(node: KernelNode, c: TruthCase): TruthReport {
  const failures: string[] = [];
  const compiled = compileRuleset(c.ruleset);
  node.load(c.rules);

  // What the simulator expects of a fresh node decides how often to send each request.
  const sent: Sent[] = [];
  for (const [r, request] of c.requests.entries()) {
    const first = simulate(compiled, c.model, { ...request.packet, sport: 1 }, { mode: 'all' });
    const n = copies(first.trace.outcomes);
    for (let k = 0; k < n; k++) {
      const probe = toProbe(`${r}.${k}`, request.packet, request.packet.from);
      sent.push({ request, spec: request.packet, probe });
    }
  }
  const run = node.send(sent.map((s) => s.probe));

  // Replay in the simulator, choosing at each probe the branch the kernel took.
  let state: KernelState | undefined;
  const taken: Outcome[] = [];
  const replies: { request: TruthRequest; branch: Branch; observation: ProbeObservation }[] = [];
  const groups = new Map<
    number,
    {
      probabilities: Map<string, number>;
      observed: Map<string, number>;
      independent: boolean;
      label: string;
    }
  >();
  for (const [i, observation] of run.observations.entries()) {
    const s = sent[i] as Sent;
    const spec: PacketSpec = {
      ...s.spec,
      sport: observation.probe.sport,
      dport: observation.probe.dport,
    };
    const sim = simulate(compiled, c.model, spec, { mode: 'all' }, state ? { state } : {});
    const match = sim.branches.find((b) => agrees(b.outcome, observation));
    const label = `${s.request.label} (probe ${observation.id}: ${spec.protocol} ${spec.src}:${spec.sport} → ${spec.dst}:${spec.dport} from ${s.request.packet.from})`;
    if (!match) {
      failures.push(
        `${label}: the kernel did what no branch of the simulator does\n` +
          `  kernel:    ${kernelView(observation)}\n` +
          sim.trace.outcomes.map((o) => `  simulator: ${simView(o)} p=${o.probability}`).join('\n'),
      );
      continue;
    }
    for (const u of match.outcome.uncertain) {
      if (!/random/.test(u)) failures.push(`${label}: the simulator is uncertain: ${u}`);
    }
    state = match.state;
    alignToKernel(state, observation);
    taken.push(match.outcome);
    // Shares: probes of one request whose branches (and probabilities) are the same each time.
    const r = Number(observation.id.split('.')[0]);
    const probabilities = new Map(sim.trace.outcomes.map((o) => [outcomeKey(o), o.probability]));
    let group = groups.get(r);
    if (!group) {
      group = { probabilities, observed: new Map(), independent: true, label: s.request.label };
      groups.set(r, group);
    } else if (
      group.probabilities.size !== probabilities.size ||
      [...probabilities].some(([k, p]) => group?.probabilities.get(k) !== p)
    ) {
      group.independent = false;
    }
    const key = outcomeKey(match.outcome);
    group.observed.set(key, (group.observed.get(key) ?? 0) + 1);
    if (s.request.reply !== false && match.outcome.conntrack && observation.conntrack) {
      replies.push({ request: s.request, branch: match, observation });
    }
  }

  const predicted = predictedCounters(taken);
  failures.push(...compareCounters('rule', nonZero(run.counters), predicted.rules));
  failures.push(...compareCounters('policy', nonZero(run.policies), predicted.policies));
  if (run.unmatchedConntrack.length > 0) {
    failures.push(`conntrack entries of no probe:\n  ${run.unmatchedConntrack.join('\n  ')}`);
  }

  const randomGroups: { label: string; samples: number }[] = [];
  for (const group of groups.values()) {
    if (group.probabilities.size < 2 || !group.independent) continue;
    const result = testCategoryCounts(group.observed, group.probabilities, ALPHA);
    randomGroups.push({ label: group.label, samples: result.samples });
    if (!result.ok) {
      failures.push(
        `${group.label}: the kernel's shares do not fit the simulator's probabilities ` +
          `(exact binomial test, alpha ${ALPHA}):\n` +
          result.checks
            .map(
              (ch) =>
                `  ${ch.category}: kernel ${ch.observed}/${result.samples}, simulator p=${ch.probability} (expected ${ch.expected.toFixed(1)}), p-value ${ch.pValue.toExponential(2)}`,
            )
            .join('\n'),
      );
    }
  }

  if (replies.length > 0) failures.push(...checkReplies(node, c, compiled, run, replies, state));
  return { failures, probes: sent.length, randomGroups };
}

/** Send each connection's reply from its endpoint, and compare the counters they move. */
function checkReplies(
  node: KernelNode,
  c: TruthCase,
  compiled: ReturnType<typeof compileRuleset>,
  before: KernelRun,
  replies: readonly { request: TruthRequest; branch: Branch; observation: ProbeObservation }[],
  finalState: KernelState | undefined,
): string[] {
  const failures: string[] = [];
  const probes: Probe[] = [];
  let state = finalState;
  const outcomes: Outcome[] = [];
  for (const [i, { request, branch, observation }] of replies.entries()) {
    const spec = replyPacket(branch.outcome, c.model);
    const ct = observation.conntrack;
    if (!spec || !ct) {
      failures.push(
        `${request.label}: the simulator gives no reply path for ${simView(branch.outcome)}`,
      );
      continue;
    }
    // The kernel's reply tuple is the truth; the simulator's must be the same packet.
    const kernelReply = `${ct.reply.src}:${ct.reply.sport} → ${ct.reply.dst}:${ct.reply.dport}`;
    const simReply = `${spec.src}:${spec.sport ?? 0} → ${spec.dst}:${spec.dport ?? 0}`;
    if (kernelReply !== simReply && !branch.outcome.uncertain.some((u) => /random/.test(u))) {
      failures.push(
        `${request.label}: reply tuples differ: kernel ${kernelReply}, simulator ${simReply}`,
      );
      continue;
    }
    // replyPacket chose where the endpoint sends from (`local` for the node itself).
    const from = spec.from ?? 'local';
    const packet: PacketSpec = {
      src: ct.reply.src,
      sport: ct.reply.sport,
      dst: ct.reply.dst,
      dport: ct.reply.dport,
      protocol: ct.reply.protocol,
      from,
    };
    probes.push({
      id: `reply.${i}`,
      src: packet.src,
      sport: ct.reply.sport,
      dst: packet.dst,
      dport: ct.reply.dport,
      protocol: ct.reply.protocol as 'tcp' | 'udp' | 'sctp',
      from,
      reply: true,
    });
    const sim = simulate(
      compiled,
      c.model,
      packet,
      { mode: 'single', seed: i },
      state ? { state } : {},
    );
    const first = sim.branches[0] as Branch;
    state = first.state;
    outcomes.push(first.outcome);
    for (const u of first.outcome.uncertain)
      failures.push(`${request.label} (reply): the simulator is uncertain: ${u}`);
  }
  if (probes.length === 0) return failures;
  const after = node.send(probes);
  const predicted = predictedCounters(outcomes);
  failures.push(
    ...compareCounters('reply rule', delta(after.counters, before.counters), predicted.rules),
  );
  failures.push(
    ...compareCounters('reply policy', delta(after.policies, before.policies), predicted.policies),
  );
  return failures;
}
