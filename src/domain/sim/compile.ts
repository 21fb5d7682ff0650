/**
 * A Ruleset compiled for walking: per table, each chain's rules with their
 * basic fields as integers, their matches as predicates and their targets
 * resolved. Compiling also checks what the kernel checks when the rules are
 * loaded: a jump to a missing chain, a loop, a jump deeper than nf_tables'
 * jump stack.
 */
import { BUILTIN_CHAINS, isTableName } from '../model/names.ts';
import type { Chain, Negatable, Rule, Ruleset, Option } from '../model/ruleset.ts';
import type { Cidr } from './ipv4.ts';
import { parseCidr } from './ipv4.ts';
import type { CompiledMatch } from './match-compile.ts';
import { compileMatch } from './match-compile.ts';

/**
 * nf_tables validates jumps and gotos from each base chain and refuses a
 * chain reached at level 16 (NFT_JUMP_STACK_SIZE): at most 15 nested
 * jumps ("RULE_APPEND failed (Too many links)", seen on iptables 1.8.9 nft).
 */
export const MAX_JUMP_DEPTH = 15;

export type CompiledTarget =
  | { readonly kind: 'none' }
  | { readonly kind: 'verdict'; readonly verdict: 'ACCEPT' | 'DROP' | 'RETURN' | 'QUEUE' }
  | { readonly kind: 'chain'; readonly chain: string; readonly goto: boolean }
  | { readonly kind: 'extension'; readonly name: string; readonly options: readonly Option[] }
  | { readonly kind: 'unknown'; readonly name: string };

export interface CompiledRule {
  /** `table/CHAIN#n`: how counters and traces name the rule. */
  readonly key: string;
  readonly index: number;
  readonly rule: Rule;
  readonly line?: number;
  readonly src?: { readonly cidr: Cidr; readonly negated: boolean };
  readonly dst?: { readonly cidr: Cidr; readonly negated: boolean };
  readonly proto?: { readonly number: number; readonly negated: boolean };
  readonly iif?: InterfaceTest;
  readonly oif?: InterfaceTest;
  /** `-f`: second and later fragments; simulated packets are never fragments. */
  readonly fragment?: boolean;
  readonly matches: readonly CompiledMatch[];
  readonly target: CompiledTarget;
}

export interface InterfaceTest {
  readonly name: string;
  /** `eth+`: a prefix. */
  readonly wildcard: boolean;
  readonly negated: boolean;
}

export interface CompiledChain {
  readonly name: string;
  readonly builtin: boolean;
  readonly policy?: 'ACCEPT' | 'DROP';
  readonly rules: readonly CompiledRule[];
}

export interface CompiledTable {
  readonly name: string;
  readonly chains: ReadonlyMap<string, CompiledChain>;
}

export interface CompiledRuleset {
  readonly tables: ReadonlyMap<string, CompiledTable>;
  /** Rule key → compiled rule. */
  readonly rules: ReadonlyMap<string, CompiledRule>;
}

/** Rules the kernel would not load. */
export class RulesetError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = 'RulesetError';
  }
}

const PROTOCOLS: Readonly<Record<string, number>> = {
  icmp: 1,
  tcp: 6,
  udp: 17,
  sctp: 132,
  all: 0,
};

function address(n: Negatable | undefined, line: number | undefined) {
  if (!n) return undefined;
  const cidr = parseCidr(n.value);
  if (!cidr) throw new RulesetError(`"${n.value}" is not an IPv4 address or prefix`, line);
  return cidr.mask === 0 && !n.negated ? undefined : { cidr, negated: n.negated };
}

function iface(n: Negatable | undefined): InterfaceTest | undefined {
  if (!n) return undefined;
  const wildcard = n.value.endsWith('+');
  return { name: wildcard ? n.value.slice(0, -1) : n.value, wildcard, negated: n.negated };
}

function protocol(n: Negatable | undefined, line: number | undefined) {
  if (!n) return undefined;
  const number = PROTOCOLS[n.value] ?? Number(n.value);
  if (!Number.isInteger(number)) throw new RulesetError(`unknown protocol "${n.value}"`, line);
  return number === 0 && !n.negated ? undefined : { number, negated: n.negated };
}

const VERDICTS = new Set(['ACCEPT', 'DROP', 'RETURN', 'QUEUE']);

function target(rule: Rule, chains: ReadonlyMap<string, Chain>): CompiledTarget {
  const t = rule.target;
  if (!t) return { kind: 'none' };
  if (VERDICTS.has(t.name))
    return { kind: 'verdict', verdict: t.name as 'ACCEPT' | 'DROP' | 'RETURN' | 'QUEUE' };
  if (chains.has(t.name)) return { kind: 'chain', chain: t.name, goto: t.kind === 'goto' };
  if (t.unknown) return { kind: 'unknown', name: t.name };
  return { kind: 'extension', name: t.name, options: t.options };
}

function compileChain(table: string, chain: Chain, chains: ReadonlyMap<string, Chain>) {
  const builtin = (BUILTIN_CHAINS[table as keyof typeof BUILTIN_CHAINS] ?? []).some(
    (h) => h === chain.name,
  );
  const rules = chain.rules.map((rule, i): CompiledRule => {
    const key = `${table}/${chain.name}#${i + 1}`;
    const line = rule.origin?.line;
    const src = address(rule.source, line);
    const dst = address(rule.destination, line);
    const proto = protocol(rule.protocol, line);
    const iif = iface(rule.inInterface);
    const oif = iface(rule.outInterface);
    const matches = rule.matches
      .map((m) => compileMatch(m, key))
      .filter((m): m is CompiledMatch => m !== undefined);
    return {
      key,
      index: i + 1,
      rule,
      ...(line === undefined ? {} : { line }),
      ...(src ? { src } : {}),
      ...(dst ? { dst } : {}),
      ...(proto ? { proto } : {}),
      ...(iif ? { iif } : {}),
      ...(oif ? { oif } : {}),
      ...(rule.fragment ? { fragment: !rule.fragment.negated } : {}),
      matches,
      target: target(rule, chains),
    };
  });
  return {
    name: chain.name,
    builtin,
    ...(chain.policy ? { policy: chain.policy } : {}),
    rules,
  };
}

/** Loops and depth, from every built-in chain, as nf_tables validates them. */
function validate(table: CompiledTable): void {
  const onPath = new Set<string>();
  const deepest = new Map<string, number>();
  const visit = (chain: CompiledChain, level: number, via: CompiledRule | undefined): void => {
    if (onPath.has(chain.name))
      throw new RulesetError(
        `table ${table.name}: chain ${chain.name} jumps back into itself (a loop); the kernel refuses it`,
        via?.line,
      );
    if (level > MAX_JUMP_DEPTH)
      throw new RulesetError(
        `table ${table.name}: chain ${chain.name} is reached through ${level} nested jumps; ` +
          `the kernel allows ${MAX_JUMP_DEPTH} (nf_tables' jump stack)`,
        via?.line,
      );
    if ((deepest.get(chain.name) ?? -1) >= level) return;
    deepest.set(chain.name, level);
    onPath.add(chain.name);
    for (const rule of chain.rules) {
      if (rule.target.kind !== 'chain') continue;
      const next = table.chains.get(rule.target.chain);
      if (next && !next.builtin) visit(next, level + 1, rule);
    }
    onPath.delete(chain.name);
  };
  for (const chain of table.chains.values()) if (chain.builtin) visit(chain, 0, undefined);
}

const cache = new WeakMap<Ruleset, CompiledRuleset>();

/** Compile (once per Ruleset object) and validate; throws RulesetError. IPv4 rulesets only. */
export function compileRuleset(ruleset: Ruleset): CompiledRuleset {
  const cached = cache.get(ruleset);
  if (cached) return cached;
  const tables = new Map<string, CompiledTable>();
  const rules = new Map<string, CompiledRule>();
  for (const table of ruleset.tables) {
    if (!isTableName(table.name)) continue;
    const byName = new Map(table.chains.map((c) => [c.name as string, c]));
    const chains = new Map<string, CompiledChain>();
    for (const chain of table.chains) {
      const compiled = compileChain(table.name, chain, byName);
      chains.set(chain.name, compiled);
      for (const r of compiled.rules) rules.set(r.key, r);
    }
    // Built-in chains the dump leaves out exist in the kernel with policy ACCEPT.
    for (const hook of BUILTIN_CHAINS[table.name]) {
      if (!chains.has(hook))
        chains.set(hook, { name: hook, builtin: true, policy: 'ACCEPT', rules: [] });
    }
    const compiled = { name: table.name, chains };
    validate(compiled);
    tables.set(table.name, compiled);
  }
  const result = { tables, rules };
  cache.set(ruleset, result);
  return result;
}
