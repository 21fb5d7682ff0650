/**
 * The session's questions that run packets: one traced packet, a played conversation, and a
 * thousand packets sent to see how a random split spreads. They share the compiled rules and
 * one way of saying why the kernel would not run them.
 */
import { converse } from '../domain/play/conversation.ts';
import { withSplits } from '../domain/play/leg-splits.ts';
import type { Leg } from '../domain/play/types.ts';
import { serializeRule } from '../domain/parse/serialize-save.ts';
import type { Ruleset } from '../domain/model/ruleset.ts';
import type { CompiledRuleset } from '../domain/sim/compile.ts';
import { RulesetError } from '../domain/sim/compile.ts';
import { NodeModelError } from '../domain/sim/node.ts';
import { PacketError, simulate } from '../domain/sim/simulate.ts';
import { ruleLineOf } from '../graph/rule-lines.ts';
import type {
  PlayRequest,
  PlayResult,
  PlayRule,
  SampleRequest,
  SampleResult,
  TraceRequest,
  TraceResult,
} from './protocol.ts';

/** Most packets one sample may send: enough for a spread to show, bounded for the worker. */
export const MAX_SAMPLE = 100_000;

type Failure = { readonly ok: false; readonly message: string; readonly line?: number };

/** What went wrong, in the words the trace view shows; anything else is a bug and rethrown. */
function failure(error: unknown): Failure {
  if (error instanceof RulesetError) {
    return {
      ok: false,
      message: `the kernel would not load these rules: ${error.reason}`,
      ...(error.line === undefined ? {} : { line: error.line }),
    };
  }
  if (error instanceof NodeModelError) return { ok: false, message: `the node: ${error.message}` };
  if (error instanceof PacketError) return { ok: false, message: `the packet: ${error.message}` };
  throw error;
}

/** The rules to run, compiled once: `leftOut` names the lines with errors left out. */
export interface Runnable {
  readonly ruleset: CompiledRuleset;
  /** What was compiled: the dump less its rules on lines with errors, so indexes agree. */
  readonly source: Ruleset;
  readonly leftOut: readonly number[];
}

/** One packet through the rules, or why it cannot be traced. */
export function traceOn(rules: () => Runnable, request: TraceRequest): TraceResult {
  try {
    const { ruleset, leftOut } = rules();
    const { trace } = simulate(ruleset, request.node, request.packet, request.mode);
    return { ok: true, trace, leftOut };
  } catch (error) {
    return failure(error);
  }
}

/**
 * A conversation, with the text of every rule its packets looked at and, on each packet, the
 * random splits it went through (read from the parsed rules, endpoint addresses included).
 */
export function playOn(rules: () => Runnable, request: PlayRequest): PlayResult {
  try {
    const { ruleset, source, leftOut } = rules();
    const walked = converse(ruleset, request.model, request.script, request.choice);
    const legs = withSplits(source, walked);
    return { ok: true, legs, rules: rulesLookedAt(source, legs), leftOut };
  } catch (error) {
    return failure(error);
  }
}

/** A chain longer than this gives the text of the rules its packets stepped on only. */
const WHOLE_CHAIN_RULES = 300;

/**
 * The text of every rule of the chains the packets went through: the narration quotes the
 * rules a step took and reads those a step passed over (another Service's address, the last
 * rule of KUBE-SERVICES).
 */
function rulesLookedAt(source: Ruleset, legs: readonly Leg[]): Record<string, PlayRule> {
  const texts: Record<string, PlayRule> = {};
  const chains = new Set<string>();
  const stepped: string[] = [];
  for (const leg of legs)
    for (const step of leg.outcome.steps) {
      if (step.kind === 'event') continue;
      chains.add(`${step.table}/${step.chain}`);
      if (step.kind === 'rule') stepped.push(`${step.table}/${step.chain}#${String(step.index)}`);
    }
  for (const id of chains) {
    const slash = id.indexOf('/');
    const table = source.tables.find((t) => t.name === id.slice(0, slash));
    const chain = table?.chains.find((c) => c.name === id.slice(slash + 1));
    if (!chain || chain.rules.length > WHOLE_CHAIN_RULES) continue;
    chain.rules.forEach((rule, i) => {
      texts[`${id}#${String(i + 1)}`] = {
        text: serializeRule(rule, chain.name),
        ...(rule.target ? { target: rule.target.name } : {}),
      };
    });
  }
  for (const key of stepped) {
    if (key in texts) continue;
    const line = ruleLineOf(source, key);
    if (line) texts[key] = { text: line.text, target: line.target };
  }
  return texts;
}

/**
 * `count` first packets of new connections, each drawn with its own seed: how often each
 * outcome (DNAT destination, verdict) came up, most frequent first.
 */
export function sampleOn(rules: () => Runnable, request: SampleRequest): SampleResult {
  const count = Math.max(0, Math.min(MAX_SAMPLE, Math.floor(request.count)));
  try {
    const { ruleset } = rules();
    const tally = new Map<string, { dnat: string | null; verdict: string; count: number }>();
    for (let i = 0; i < count; i++) {
      const mode = { mode: 'single', seed: request.seed + i } as const;
      const [outcome] = simulate(ruleset, request.model, request.packet, mode).trace.outcomes;
      if (!outcome) continue;
      const key = `${outcome.verdict} ${outcome.dnat ?? ''}`;
      const seen = tally.get(key);
      if (seen) seen.count++;
      else tally.set(key, { dnat: outcome.dnat, verdict: outcome.verdict, count: 1 });
    }
    const outcomes = [...tally.values()].sort((a, b) => b.count - a.count);
    return { ok: true, count, outcomes };
  } catch (error) {
    return failure(error);
  }
}
