/**
 * A Ruleset compiled for walking: per table, each chain's rules with their
 * basic fields as integers, their matches as predicates and their targets
 * resolved. Compiling also checks what the kernel checks when the rules are
 * loaded: a jump to a missing chain, a loop, a jump deeper than nf_tables'
 * jump stack.
 */
import type { TableName } from '../model/names.ts';
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

export interface AddressTest {
  readonly cidr: Cidr;
  readonly negated: boolean;
}

export interface ProtocolTest {
  readonly number: number;
  readonly negated: boolean;
}

/**
 * One rule, ready to walk. A class with every field always present keeps the
 * hot loop's property reads monomorphic; the key and texts are built only
 * when a trace names the rule.
 */
export class CompiledRule {
  /**
   * The address tests as signed 32-bit integers (the JIT keeps them in
   * registers): the packet's address ANDed with the mask equals the network.
   * A rule without `-s` has mask 0 and network 0, which every address meets.
   */
  readonly srcMask: number;
  readonly srcNet: number;
  readonly srcNegated: boolean;
  readonly dstMask: number;
  readonly dstNet: number;
  readonly dstNegated: boolean;

  constructor(
    readonly table: string,
    readonly chain: string,
    /** 1-based within its chain, in file order. */
    readonly index: number,
    readonly rule: Rule,
    readonly src: AddressTest | undefined,
    readonly dst: AddressTest | undefined,
    readonly proto: ProtocolTest | undefined,
    readonly iif: InterfaceTest | undefined,
    readonly oif: InterfaceTest | undefined,
    /** `-f`: second and later fragments; simulated packets are never fragments. */
    readonly fragmentsOnly: boolean,
    readonly matches: readonly CompiledMatch[],
    readonly target: CompiledTarget,
  ) {
    this.srcMask = (src?.cidr.mask ?? 0) | 0;
    this.srcNet = (src?.cidr.network ?? 0) | 0;
    this.srcNegated = src?.negated ?? false;
    this.dstMask = (dst?.cidr.mask ?? 0) | 0;
    this.dstNet = (dst?.cidr.network ?? 0) | 0;
    this.dstNegated = dst?.negated ?? false;
  }

  /** `table/CHAIN#n`: how counters and traces name the rule. */
  get key(): string {
    return `${this.table}/${this.chain}#${this.index}`;
  }

  /** The rule's line in the dump, when known. */
  get line(): number | undefined {
    return this.rule.origin?.line;
  }
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
  /**
   * Every rule's address tests in one array: (address & mask) == net, each
   * maybe negated. A walk reads these first, so the rules of a 30,000-rule
   * KUBE-SERVICES whose addresses differ are passed over in one sequential
   * sweep without touching their objects.
   */
  readonly addresses: AddressColumns;
}

export interface AddressColumns {
  /** Four per rule, side by side: srcMask, srcNet, dstMask, dstNet. */
  readonly tests: Int32Array;
  /** Per rule: SRC_NEGATED | DST_NEGATED. */
  readonly negated: Uint8Array;
}

/** Bits of AddressColumns.negated. */
export const SRC_NEGATED = 1;
export const DST_NEGATED = 2;

function addressColumns(rules: readonly CompiledRule[]): AddressColumns {
  const tests = new Int32Array(rules.length * 4);
  const negated = new Uint8Array(rules.length);
  rules.forEach((r, i) => {
    tests[4 * i] = r.srcMask;
    tests[4 * i + 1] = r.srcNet;
    tests[4 * i + 2] = r.dstMask;
    tests[4 * i + 3] = r.dstNet;
    negated[i] = (r.srcNegated ? SRC_NEGATED : 0) | (r.dstNegated ? DST_NEGATED : 0);
  });
  return { tests, negated };
}

/**
 * One table. Chains are compiled the first time a walk enters them: a trace
 * touches a handful of a big dump's chains, and compiling all of them up
 * front costs seconds for a 30,000-Service node.
 */
export class CompiledTable {
  private readonly compiled = new Map<string, CompiledChain>();

  constructor(
    readonly name: TableName,
    private readonly source: ReadonlyMap<string, Chain>,
  ) {}

  /**
   * The chain, compiled; undefined when the dump has no such chain. With iptables-nft a
   * built-in chain the rules neither declare nor append to is not created, so it sees no
   * packet and counts none (observed: kernel/NOTES.md).
   */
  chain(name: string): CompiledChain | undefined {
    let chain = this.compiled.get(name);
    if (chain) return chain;
    const raw = this.source.get(name);
    if (!raw) return undefined;
    const builtin = (BUILTIN_CHAINS[this.name] as readonly string[]).includes(name);
    chain = compileChain(this.name, raw, this.source, builtin);
    this.compiled.set(name, chain);
    return chain;
  }
}

export interface CompiledRuleset {
  readonly tables: ReadonlyMap<string, CompiledTable>;
}

/** Rules the kernel would not load. */
export class RulesetError extends Error {
  constructor(
    /** What is wrong, without the line. */
    readonly reason: string,
    readonly line?: number,
  ) {
    super(line === undefined ? reason : `line ${line}: ${reason}`);
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

function compileChain(
  table: string,
  chain: Chain,
  chains: ReadonlyMap<string, Chain>,
  builtin: boolean,
): CompiledChain {
  const rules = chain.rules.map((rule, i): CompiledRule => {
    const line = rule.origin?.line;
    const matches: CompiledMatch[] = [];
    for (const m of rule.matches) {
      const compiled = compileMatch(m, () => `${table}/${chain.name}#${i + 1}`);
      if (compiled) matches.push(compiled);
    }
    return new CompiledRule(
      table,
      chain.name,
      i + 1,
      rule,
      address(rule.source, line),
      address(rule.destination, line),
      protocol(rule.protocol, line),
      iface(rule.inInterface),
      iface(rule.outInterface),
      rule.fragment !== undefined && !rule.fragment.negated,
      matches,
      target(rule, chains),
    );
  });
  return {
    name: chain.name,
    builtin,
    ...(chain.policy ? { policy: chain.policy } : {}),
    rules,
    addresses: addressColumns(rules),
  };
}

/**
 * Loops and depth, from every built-in chain, as nf_tables validates them
 * when the rules are loaded (chains no built-in chain reaches are not checked,
 * as the kernel does not).
 */
function validate(table: TableName, chains: ReadonlyMap<string, Chain>): void {
  // Chains by number, so the walk below works on arrays (a dump may hold 100,000 chains).
  const list = [...chains.values()];
  const number = new Map(list.map((c, i) => [c.name as string, i]));
  const onPath = new Uint8Array(list.length);
  const deepest = new Int8Array(list.length).fill(-1);
  const builtin = new Uint8Array(list.length);
  for (const hook of BUILTIN_CHAINS[table]) {
    const n = number.get(hook);
    if (n !== undefined) builtin[n] = 1;
  }
  const visit = (n: number, level: number, from: number, via?: Rule): void => {
    const chain = list[n] as Chain;
    if (onPath[n])
      throw new RulesetError(
        `table ${table}: chain ${list[from]?.name ?? '?'} jumps back to ${chain.name}, which leads to it (a loop); the kernel refuses it`,
        via?.origin?.line,
      );
    if (level > MAX_JUMP_DEPTH)
      throw new RulesetError(
        `table ${table}: chain ${chain.name} is reached through ${level} nested jumps; ` +
          `the kernel allows ${MAX_JUMP_DEPTH} (nf_tables' jump stack)`,
        via?.origin?.line,
      );
    if ((deepest[n] as number) >= level) return;
    deepest[n] = level;
    onPath[n] = 1;
    for (const rule of chain.rules) {
      const name = rule.target?.name;
      if (name === undefined) continue;
      const next = number.get(name);
      if (next !== undefined && !builtin[next]) visit(next, level + 1, n, rule);
    }
    onPath[n] = 0;
  };
  for (let n = 0; n < list.length; n++) if (builtin[n]) visit(n, 0, -1);
}

const cache = new WeakMap<Ruleset, CompiledRuleset>();

/** Compile (once per Ruleset object) and validate; throws RulesetError. IPv4 rulesets only. */
export function compileRuleset(ruleset: Ruleset): CompiledRuleset {
  const cached = cache.get(ruleset);
  if (cached) return cached;
  const tables = new Map<string, CompiledTable>();
  for (const table of ruleset.tables) {
    if (!isTableName(table.name)) continue;
    const chains = new Map(table.chains.map((c) => [c.name as string, c]));
    for (const chain of table.chains) {
      for (const rule of chain.rules) {
        if (rule.source?.value.includes(':') || rule.destination?.value.includes(':'))
          throw new RulesetError(
            'an IPv6 rule: the simulator follows the IPv4 path (iptables, not ip6tables)',
            rule.origin?.line,
          );
      }
    }
    validate(table.name, chains);
    tables.set(table.name, new CompiledTable(table.name, chains));
  }
  const result = { tables };
  cache.set(ruleset, result);
  return result;
}
