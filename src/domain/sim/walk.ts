/**
 * Walking one table's chains at one hook, as ipt_do_table / nft_do_chain do:
 * rules in order, a rule's target runs when all its matches hold, jumps push
 * a return point, gotos do not, RETURN or the end of a user chain pops, and
 * the end of a built-in chain (or a RETURN with nothing to return to) applies
 * its policy.
 */
import type { CompiledChain, CompiledRule, CompiledTable, InterfaceTest } from './compile.ts';
import type { Env } from './runtime.ts';
import { applyTarget } from './targets.ts';
import type { Effect, Hook, PacketState, Step } from './types.ts';

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

/** ipt_ip's fields, in the order the kernel tests them; the first that fails, as written. */
function basicsFail(rule: CompiledRule, env: Env): string | undefined {
  const p = env.pkt;
  const { src, dst, proto, iif, oif } = rule;
  if (src && ((p.src & src.cidr.mask) >>> 0 === src.cidr.network) === src.negated)
    return `${src.negated ? '! ' : ''}-s ${rule.rule.source?.value ?? ''}`;
  if (dst && ((p.dst & dst.cidr.mask) >>> 0 === dst.cidr.network) === dst.negated)
    return `${dst.negated ? '! ' : ''}-d ${rule.rule.destination?.value ?? ''}`;
  if (iif && !ifaceHolds(iif, p.iif))
    return `${iif.negated ? '! ' : ''}-i ${rule.rule.inInterface?.value ?? ''}`;
  if (oif && !ifaceHolds(oif, p.oif))
    return `${oif.negated ? '! ' : ''}-o ${rule.rule.outInterface?.value ?? ''}`;
  if (proto && (p.proto === proto.number) === proto.negated)
    return `${proto.negated ? '! ' : ''}-p ${rule.rule.protocol?.value ?? ''}`;
  if (rule.fragment === true) return '-f';
  return undefined;
}

/** What the matches left on `env` (read through a call: they set it behind the compiler's back). */
function sideEffects(env: Env): Pick<Env, 'uncertain' | 'notes' | 'probability'> {
  return { uncertain: env.uncertain, notes: env.notes, probability: env.probability };
}

interface Frame {
  readonly chain: CompiledChain;
  readonly next: number;
}

export function walkTable(table: CompiledTable, hook: Hook, env: Env, rec: Recorder): WalkResult {
  const base = table.chains.get(hook);
  if (!base) return { verdict: 'ACCEPT', chain: hook };
  env.hook = hook;
  env.table = table.name;
  const stack: Frame[] = [];
  let chain = base;
  let i = 0;
  let skipFrom = -1;
  const flushSkip = (upTo: number): void => {
    if (skipFrom < 0) return;
    rec.steps.push({
      kind: 'skip',
      hook,
      table: table.name,
      chain: chain.name,
      first: skipFrom + 1,
      last: upTo,
    });
    skipFrom = -1;
  };
  const policy = (): WalkResult => {
    const verdict = base.policy ?? 'ACCEPT';
    rec.steps.push({
      kind: 'event',
      event: 'policy',
      hook,
      table: table.name,
      chain: base.name,
      text: `end of ${table.name} ${base.name}: policy ${verdict}`,
      detail: { verdict },
      packet: rec.snapshot(),
    });
    return { verdict, chain: base.name };
  };
  for (;;) {
    if (i >= chain.rules.length) {
      flushSkip(chain.rules.length);
      const frame = stack.pop();
      if (chain.builtin || !frame) return policy();
      chain = frame.chain;
      i = frame.next;
      continue;
    }
    const rule = chain.rules[i] as CompiledRule;
    env.uncertain = undefined;
    env.notes = undefined;
    env.probability = undefined;
    let failed = basicsFail(rule, env);
    if (failed === undefined) {
      for (const m of rule.matches) {
        if (!m.test(env)) {
          failed = m.text;
          break;
        }
      }
    }
    const matched = failed === undefined;
    const { uncertain, notes, probability } = sideEffects(env);
    // Plain misses collapse into one skip step; a miss worth telling (random, uncertain) does not.
    if (!matched && uncertain === undefined && probability === undefined) {
      if (skipFrom < 0) skipFrom = i;
      i++;
      continue;
    }
    flushSkip(i);
    if (uncertain !== undefined) rec.uncertain.push(`${rule.key}: ${uncertain}`);
    const common = {
      kind: 'rule' as const,
      hook,
      table: table.name,
      chain: chain.name,
      index: rule.index,
      ...(rule.line === undefined ? {} : { line: rule.line }),
      ...(uncertain === undefined ? {} : { uncertain }),
      ...(notes ? { notes } : {}),
      ...(probability === undefined ? {} : { probability }),
    };
    if (!matched) {
      rec.steps.push({ ...common, matched: false, failed, packet: rec.snapshot() });
      i++;
      continue;
    }
    rec.rules.push(rule.key);
    const target = rule.target;
    switch (target.kind) {
      case 'none':
        rec.steps.push({ ...common, matched: true, packet: rec.snapshot() });
        i++;
        continue;
      case 'verdict': {
        rec.steps.push({
          ...common,
          matched: true,
          verdict: target.verdict,
          packet: rec.snapshot(),
        });
        if (target.verdict === 'RETURN') {
          const frame = stack.pop();
          if (chain.builtin || !frame) return policy();
          chain = frame.chain;
          i = frame.next;
          continue;
        }
        return { verdict: target.verdict, rule, chain: chain.name };
      }
      case 'chain': {
        const next = table.chains.get(target.chain) as CompiledChain;
        rec.steps.push({
          ...common,
          matched: true,
          verdict: `${target.goto ? 'goto' : 'jump'} ${target.chain}`,
          packet: rec.snapshot(),
        });
        if (!target.goto) stack.push({ chain, next: i + 1 });
        chain = next;
        i = 0;
        continue;
      }
      case 'unknown': {
        const reason = `${rule.key}: target ${target.name} is not known; the walk goes on as if it did nothing`;
        rec.uncertain.push(reason);
        rec.steps.push({
          ...common,
          matched: true,
          uncertain: reason,
          verdict: 'continue',
          packet: rec.snapshot(),
        });
        i++;
        continue;
      }
      case 'extension': {
        const result = applyTarget(target.name, target.options, env);
        if (result.effect) rec.effects.push(result.effect);
        if (result.uncertain) rec.uncertain.push(`${rule.key}: ${result.uncertain}`);
        rec.steps.push({
          ...common,
          matched: true,
          verdict: result.verdict === 'CONTINUE' ? 'continue' : result.verdict,
          ...(result.effect ? { effect: result.effect } : {}),
          ...(result.uncertain ? { uncertain: result.uncertain } : {}),
          ...(result.note ? { notes: [...(common.notes ?? []), result.note] } : {}),
          packet: rec.snapshot(),
        });
        if (result.verdict === 'CONTINUE') {
          i++;
          continue;
        }
        return { verdict: result.verdict, rule, chain: chain.name };
      }
    }
  }
}
