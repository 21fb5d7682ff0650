/**
 * Walking one table's chains at one hook, as ipt_do_table / nft_do_chain do:
 * rules in order, a rule's target runs when all its matches hold, jumps push
 * a return point, gotos do not, RETURN or the end of a user chain pops, and
 * the end of a built-in chain (or a RETURN with nothing to return to) applies
 * its policy.
 */
import type { CompiledChain, CompiledRule, CompiledTable, InterfaceTest } from './compile.ts';
import { DST_NEGATED, SRC_NEGATED } from './compile.ts';
import type { CompiledMatch } from './match-compile.ts';
import { matchText } from './match-compile.ts';
import type { Env, Pkt } from './runtime.ts';
import { applyTarget, unknownTarget } from './targets.ts';
import type { Doubt, Effect, Hook, PacketState, RuleStep, Step } from './types.ts';

export interface WalkResult {
  readonly verdict: 'ACCEPT' | 'DROP' | 'REJECT' | 'QUEUE';
  /** The rule that decided, or undefined for a chain policy. */
  readonly rule?: CompiledRule;
  readonly chain: string;
}

/** What a walk records for the trace. */
export interface Recorder {
  readonly steps: Step[];
  /** Keys of rules whose matches all held (their counters move), in order. */
  readonly rules: string[];
  readonly uncertain: string[];
  readonly effects: Effect[];
  snapshot(): PacketState;
}

const ifaceHolds = (test: InterfaceTest, name: string): boolean =>
  (test.wildcard ? name.startsWith(test.name) : name === test.name) !== test.negated;

/** ipt_ip's fields (addresses, interfaces, protocol), the kernel's first test of every rule. */
function basicsHold(rule: CompiledRule, p: Pkt): boolean {
  const { proto, iif, oif } = rule;
  if (iif !== undefined && !ifaceHolds(iif, p.iif)) return false;
  if (oif !== undefined && !ifaceHolds(oif, p.oif)) return false;
  if (proto !== undefined && (p.proto === proto.number) === proto.negated) return false;
  return !rule.fragmentsOnly;
}

/**
 * The first rule from `from` on whose ipt_ip part (addresses from the
 * chain's columns, interfaces, protocol) the packet meets; the chain's
 * length when none. A small loop of its own, which the JIT compiles tight.
 */
function nextCandidate(chain: CompiledChain, from: number, p: Pkt): number {
  const { tests, negated } = chain.addresses;
  const src = p.src | 0;
  const dst = p.dst | 0;
  const n = chain.rules.length;
  for (let i = from; i < n; i++) {
    const k = 4 * i;
    const srcMiss = (src & (tests[k] as number)) ^ (tests[k + 1] as number);
    const dstMiss = (dst & (tests[k + 2] as number)) ^ (tests[k + 3] as number);
    const neg = negated[i] as number;
    if (neg === 0) {
      if ((srcMiss | dstMiss) !== 0) continue;
    } else if (
      (srcMiss === 0) === ((neg & SRC_NEGATED) !== 0) ||
      (dstMiss === 0) === ((neg & DST_NEGATED) !== 0)
    ) {
      continue;
    }
    if (basicsHold(chain.rules[i] as CompiledRule, p)) return i;
  }
  return n;
}

/** What the matches left on `env` (read through a call: they set it behind the compiler's back). */
function sideEffects(env: Env): Pick<Env, 'uncertain' | 'doubt' | 'notes' | 'probability'> {
  return {
    uncertain: env.uncertain,
    doubt: env.doubt,
    notes: env.notes,
    probability: env.probability,
  };
}

/** Rules from+1..upTo (1-based) of a chain were passed over. */
function recordSkip(
  rec: Recorder,
  hook: Hook,
  table: string,
  chain: string,
  from: number,
  upTo: number,
): void {
  rec.steps.push({ kind: 'skip', hook, table, chain, first: from + 1, last: upTo });
}

/** The end of a built-in chain: its policy decides. */
function policy(rec: Recorder, hook: Hook, table: string, base: CompiledChain): WalkResult {
  const verdict = base.policy ?? 'ACCEPT';
  rec.steps.push({
    kind: 'event',
    event: 'policy',
    hook,
    table,
    chain: base.name,
    text: `end of ${table} ${base.name}: policy ${verdict}`,
    detail: { verdict },
    packet: rec.snapshot(),
  });
  return { verdict, chain: base.name };
}

/** A rule step's optional parts. */
interface StepExtra {
  uncertain: string | undefined;
  doubts: readonly Doubt[] | undefined;
  notes: readonly string[] | undefined;
  probability: number | undefined;
  failed?: string;
  failedModule?: string;
  verdict?: string;
  effect?: Effect | undefined;
  rejectWith?: string | undefined;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A RuleStep built field by field: object spreads of objects with varying
 * optional fields cost more than the whole walk of a big chain.
 */
function ruleStep(
  rule: CompiledRule,
  hook: Hook,
  table: string,
  chain: string,
  matched: boolean,
  packet: PacketState,
  extra: StepExtra,
): RuleStep {
  const step: Writable<RuleStep> = {
    kind: 'rule',
    hook,
    table,
    chain,
    index: rule.index,
    matched,
    packet,
  };
  const line = rule.line;
  if (line !== undefined) step.line = line;
  if (extra.failed !== undefined) step.failed = extra.failed;
  if (extra.failedModule !== undefined) step.failedModule = extra.failedModule;
  if (extra.verdict !== undefined) step.verdict = extra.verdict;
  if (extra.effect !== undefined) step.effect = extra.effect;
  if (extra.rejectWith !== undefined) step.rejectWith = extra.rejectWith;
  if (extra.uncertain !== undefined) step.uncertain = extra.uncertain;
  if (extra.doubts !== undefined) step.doubts = extra.doubts;
  if (extra.notes !== undefined) step.notes = extra.notes;
  if (extra.probability !== undefined) step.probability = extra.probability;
  return step;
}

interface Frame {
  readonly chain: CompiledChain;
  readonly next: number;
}

export function walkTable(table: CompiledTable, hook: Hook, env: Env, rec: Recorder): WalkResult {
  const base = table.chain(hook);
  if (!base) return { verdict: 'ACCEPT', chain: hook };
  env.hook = hook;
  env.table = table.name;
  const stack: Frame[] = [];
  let chain = base;
  let i = 0;
  let skipFrom = -1;
  for (;;) {
    if (i >= chain.rules.length) {
      if (skipFrom >= 0)
        recordSkip(rec, hook, table.name, chain.name, skipFrom, chain.rules.length);
      skipFrom = -1;
      const frame = stack.pop();
      if (chain.builtin || !frame) return policy(rec, hook, table.name, base);
      chain = frame.chain;
      i = frame.next;
      continue;
    }
    const next = nextCandidate(chain, i, env.pkt);
    if (next !== i) {
      if (skipFrom < 0) skipFrom = i;
      i = next;
      continue;
    }
    const rule = chain.rules[i] as CompiledRule;
    env.uncertain = undefined;
    env.doubt = undefined;
    env.notes = undefined;
    env.probability = undefined;
    let failedAt = -1;
    const matches = rule.matches;
    for (let m = 0; m < matches.length; m++) {
      if (!(matches[m] as CompiledMatch).test(env)) {
        failedAt = m;
        break;
      }
    }
    const matched = failedAt < 0;
    const { uncertain, doubt, notes, probability } = sideEffects(env);
    // Plain misses collapse into one skip step; a miss worth telling (random, uncertain) does not.
    if (!matched && uncertain === undefined && probability === undefined) {
      if (skipFrom < 0) skipFrom = i;
      i++;
      continue;
    }
    if (skipFrom >= 0) recordSkip(rec, hook, table.name, chain.name, skipFrom, i);
    skipFrom = -1;
    if (uncertain !== undefined) rec.uncertain.push(`${rule.key}: ${uncertain}`);
    const extra: StepExtra = {
      uncertain,
      doubts: doubt === undefined ? undefined : [doubt],
      notes,
      probability,
    };
    if (!matched) {
      const failed = (matches[failedAt] as CompiledMatch).match;
      extra.failed = matchText(failed);
      extra.failedModule = failed.module;
      rec.steps.push(ruleStep(rule, hook, table.name, chain.name, false, rec.snapshot(), extra));
      i++;
      continue;
    }
    rec.rules.push(rule.key);
    const target = rule.target;
    switch (target.kind) {
      case 'none':
        rec.steps.push(ruleStep(rule, hook, table.name, chain.name, true, rec.snapshot(), extra));
        i++;
        continue;
      case 'verdict': {
        extra.verdict = target.verdict;
        rec.steps.push(ruleStep(rule, hook, table.name, chain.name, true, rec.snapshot(), extra));
        if (target.verdict === 'RETURN') {
          const frame = stack.pop();
          if (chain.builtin || !frame) return policy(rec, hook, table.name, base);
          chain = frame.chain;
          i = frame.next;
          continue;
        }
        return { verdict: target.verdict, rule, chain: chain.name };
      }
      case 'chain': {
        const next = table.chain(target.chain) as CompiledChain;
        extra.verdict = `${target.goto ? 'goto' : 'jump'} ${target.chain}`;
        rec.steps.push(ruleStep(rule, hook, table.name, chain.name, true, rec.snapshot(), extra));
        if (!target.goto) stack.push({ chain, next: i + 1 });
        chain = next;
        i = 0;
        continue;
      }
      case 'unknown': {
        const reason = `${rule.key}: ${unknownTarget(target.name)}`;
        rec.uncertain.push(reason);
        extra.uncertain = reason;
        extra.doubts = [{ kind: 'target-unknown', target: target.name }];
        extra.verdict = 'continue';
        rec.steps.push(ruleStep(rule, hook, table.name, chain.name, true, rec.snapshot(), extra));
        i++;
        continue;
      }
      case 'extension': {
        const result = applyTarget(target.name, target.options, env);
        if (result.effect) rec.effects.push(result.effect);
        if (result.uncertain) rec.uncertain.push(`${rule.key}: ${result.uncertain}`);
        extra.verdict = result.verdict === 'CONTINUE' ? 'continue' : result.verdict;
        extra.effect = result.effect;
        extra.rejectWith = result.rejectWith;
        if (result.uncertain) extra.uncertain = result.uncertain;
        if (result.doubts) extra.doubts = result.doubts;
        if (result.note) extra.notes = [...(notes ?? []), result.note];
        rec.steps.push(ruleStep(rule, hook, table.name, chain.name, true, rec.snapshot(), extra));
        if (result.verdict === 'CONTINUE') {
          i++;
          continue;
        }
        return { verdict: result.verdict, rule, chain: chain.name };
      }
    }
  }
}
