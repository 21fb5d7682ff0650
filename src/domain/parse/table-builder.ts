import { targetSpec } from '../model/ext/targets.ts';
import type { TableName } from '../model/names.ts';
import { chainName, isBuiltinChain, STANDARD_VERDICTS } from '../model/names.ts';
import type { Chain, Counters, Rule, SourceRef, Table, Target } from '../model/ruleset.ts';
import type { ProblemLog } from './problems.ts';
import { targetColumn } from './rule-args.ts';
import { EMPTY, kept } from './rule-parts.ts';

type Policy = 'ACCEPT' | 'DROP';

/** How many chains deferInPlace tries after the last one used, and after the first unused. */
const NEAR_CHAINS = 4;

/** The slots of chains used lately (a power of two): a few Services' chains at a time. */
const RECENT_SLOTS = 256;

/** A chain as read so far. Every field is set from the start, so that none is added later. */
interface ChainDraft {
  readonly name: string;
  policy: Policy | undefined;
  counters: Counters | undefined;
  /** Where its first and last rules stand in the builder's `rules` (-1: none yet). */
  first: number;
  last: number;
  readonly origin: SourceRef;
  /** The bare `-j NAME` and `-g NAME` to this chain, made when a rule first has one (see jumpTo). */
  jump: Target | undefined;
  goto: Target | undefined;
  /**
   * The first and last lines (0-based) of its rules when they are read later (see deferRule),
   * -1 when it has none, and how many; the lines between are linked (see DeferredLines).
   */
  firstLine: number;
  lastLine: number;
  lineCount: number;
  /** What reads its lines into rules, once the table is built (see build). */
  read: ((firstLine: number) => readonly Rule[]) | undefined;
  /** The chain declared (or met) after it. */
  after: ChainDraft | undefined;
  /** Its place among the table's chains as declared (or met), from 0 (see add). */
  seq: number;
  /**
   * Its name is a word a line splits at spaces (not empty, no blank in it), so deferInPlace
   * may find it by comparing a line in place. A name written in quotes need not be.
   */
  readonly plain: boolean;
}

const newDraft = (
  name: string,
  origin: SourceRef,
  policy?: Policy,
  counters?: Counters,
): ChainDraft => ({
  name,
  policy,
  counters,
  first: -1,
  last: -1,
  origin,
  jump: undefined,
  goto: undefined,
  firstLine: -1,
  lastLine: -1,
  lineCount: 0,
  read: undefined,
  after: undefined,
  seq: 0,
  plain: name !== '' && !/[ \t\r]/.test(name),
});

/** Whether a plain chain's name stands in `text` from `at`, a word of a line ending at `end`. */
function namedAt(draft: ChainDraft, text: string, at: number, end: number): boolean {
  const stop = at + draft.name.length;
  return (
    draft.plain &&
    stop <= end &&
    text.startsWith(draft.name, at) &&
    (stop === end || text.charCodeAt(stop) === 32)
  );
}

/** Of `first` and the chains declared after it (NEAR_CHAINS in all), the one named at `at`. */
function nearAfter(
  first: ChainDraft | undefined,
  text: string,
  at: number,
  end: number,
): ChainDraft | undefined {
  let draft = first;
  for (let tries = 0; draft && tries < NEAR_CHAINS; tries++, draft = draft.after)
    if (namedAt(draft, text, at, end)) return draft;
  return undefined;
}

/**
 * The rule lines of a text left to be read later, each chain's linked from its first to its
 * last: for each line, the chain's next line (-1 after its last). One array of numbers for a
 * dump's 190,000 lines rather than a list for each of its 50,000 chains.
 */
export class DeferredLines {
  readonly next: Int32Array;

  constructor(lines: number) {
    this.next = new Int32Array(lines).fill(-1);
  }

  /** Files line `index` among the chain's lines. */
  add(draft: ChainDraft, index: number): void {
    if (draft.firstLine < 0) draft.firstLine = index;
    else this.next[draft.lastLine] = index;
    draft.lastLine = index;
    draft.lineCount++;
  }
}

/** A line of the text being read, by its index (0-based). */
type LineOf = (index: number) => string;

/** Reads a chain's deferred lines, from its first on, into rules, their targets not yet resolved. */
export type ReadDeferred = (firstLine: number) => Rule[];

/**
 * Gathers one table's chains and rules as a dump declares them, checking what
 * iptables-restore would check (a rule's chain exists, a policy only on a
 * built-in chain), and resolves each target against the table's chains.
 */
export class TableBuilder {
  private readonly chains = new Map<string, ChainDraft>();
  /** The first and the last chain declared (or met), threaded through their `after`. */
  private firstDraft: ChainDraft | undefined;
  private lastDraft: ChainDraft | undefined;
  /**
   * Every rule of the table as it came, each chain's threaded through `next`
   * in the chain's order (-1 ends it): two growing lists, rather than an array
   * per chain that a dump's 50,000 chains would each fill while the table is
   * read, to be copied into the model at the end anyway.
   */
  private readonly rules: Rule[] = [];
  private readonly next: number[] = [];
  /** The chain the last rule went to: a dump lists a chain's rules together, so it is the next one's too. */
  private lastUsed: ChainDraft | undefined;
  /** Chains rules went to lately, each in the slot of a hash of its name (see deferInPlace). */
  private readonly recent: (ChainDraft | undefined)[] = new Array<undefined>(RECENT_SLOTS).fill(
    undefined,
  );
  /**
   * Where unused looks from: no chain declared before it lacks a rule line, but those the
   * rules passed by (see deferInPlace).
   */
  private firstUnused: ChainDraft | undefined;
  preamble: string[] = [];
  trailer: string[] = [];

  /**
   * With `deferred`, rule lines are filed there by deferRule and deferInPlace, to be read when
   * their chain's rules are first wanted (see build).
   */
  constructor(
    readonly name: TableName,
    readonly origin: SourceRef | undefined,
    private readonly log: ProblemLog,
    private readonly deferred?: DeferredLines,
  ) {}

  get isEmpty(): boolean {
    return this.chains.size === 0;
  }

  hasChain(name: string): boolean {
    return this.chains.has(name);
  }

  /**
   * The target of a bare jump (or goto) to chain `name` of this table, one for every rule
   * that has it; undefined when no such chain has been declared yet. Most of a kube-proxy
   * dump's rules jump to one of its 50,000 chains: sharing the target, with the name as the
   * chain declared it, keeps one object and one string per rule out of the model, and makes
   * every later lookup of the target by name (resolveTarget, Service discovery, the graph)
   * find the very key it was stored under, its hash already known. The model is immutable,
   * so sharing changes no value.
   */
  jumpTo(kind: Target['kind'], name: string): Target | undefined {
    const draft = this.chains.get(name);
    if (!draft) return undefined;
    if (kind === 'jump') return (draft.jump ??= { kind, name: draft.name, options: EMPTY });
    return (draft.goto ??= { kind, name: draft.name, options: EMPTY });
  }

  /** `:NAME POLICY [p:b]`, `-N NAME`, or a listing's `Chain NAME (…)` header. */
  declareChain(
    name: string,
    origin: SourceRef,
    column: number,
    policy?: Policy,
    counters?: Counters,
  ): void {
    const builtin = isBuiltinChain(this.name, name);
    if (this.chains.has(name)) {
      this.log.error(origin.line, column, `chain ${name} is declared twice in table ${this.name}`);
      return;
    }
    if (policy && !builtin) {
      // iptables-restore takes ":FOO ACCEPT" for a user chain and drops the policy.
      this.log.warning(origin.line, column, `${this.noPolicy(name)}; ${policy} is ignored`);
    }
    this.add(newDraft(name, origin, builtin ? (policy ?? 'ACCEPT') : undefined, counters));
  }

  setPolicy(
    name: string,
    policy: Policy,
    origin: SourceRef,
    column: number,
    counters?: Counters,
  ): void {
    if (!isBuiltinChain(this.name, name)) {
      this.log.error(origin.line, column, this.noPolicy(name));
      return;
    }
    const draft = this.chains.get(name);
    if (!draft) this.declareChain(name, origin, column, policy, counters);
    else {
      draft.policy = policy;
      if (counters) draft.counters = counters;
    }
  }

  private noPolicy(chain: string): string {
    return `${chain} is not a built-in chain of ${this.name}, so it has no policy`;
  }

  addRule(chain: string, rule: Rule, origin: SourceRef, column: number, position?: number): void {
    const draft = this.draftOf(chain, origin.line, origin.raw, column);
    const at = this.rules.push(rule.origin === origin ? rule : { ...rule, origin }) - 1;
    this.next.push(-1);
    this.link(draft, at, position);
  }

  /**
   * `-A CHAIN …` on line `index` (0-based), its chain's name at `column`, to be read when the
   * chain's rules are first wanted (see build): what the line does to the table is known
   * now, whether the chain exists; what its rule says, later. `lineOf` gives the line's text,
   * wanted only to report a missing chain.
   */
  deferRule(chain: string, index: number, column: number, lineOf: LineOf): void {
    this.fileLine(this.draftOf(chain, index + 1, lineOf, column), index);
  }

  /**
   * deferRule for a line of `text` ending at `end` whose chain's name, a plain word, starts at
   * `at`; false when no name does (two spaces, say). The chain is found by comparing names with
   * the text in place, without slicing the name out or looking it up among 50,000: the last
   * chain used; a recent one, by a hash of the name read in place; those declared after the
   * last used (iptables-save lists a chain's rules together, the chains in declaration order);
   * those from the first not used yet on (kube-proxy's restore input writes a Service's
   * chains' rules in turn, a little out of their declared order); a lookup by name only when
   * none of those is it.
   */
  deferInPlace(
    text: string,
    start: number,
    at: number,
    end: number,
    index: number,
    lineOf: LineOf,
  ): boolean {
    let draft = this.lastUsed;
    if (!draft || !namedAt(draft, text, at, end)) {
      let hash = 0;
      let stop = at;
      for (let c = text.charCodeAt(stop); stop < end && c !== 32; c = text.charCodeAt(++stop))
        hash = (Math.imul(hash, 31) + c) | 0;
      if (stop === at) return false;
      const slot = hash & (RECENT_SLOTS - 1);
      draft = this.recent[slot];
      if (!draft || !namedAt(draft, text, at, end)) {
        draft =
          nearAfter(this.lastUsed?.after, text, at, end) ?? nearAfter(this.unused(), text, at, end);
        if (!draft) {
          draft = this.draftOf(text.slice(at, stop), index + 1, lineOf, at - start + 1);
          // A first rule past unused chains that may never have any (an empty INPUT): look on
          // from it, never back (rules in the reverse of their chains' order would walk back
          // and forth over every chain).
          if (draft.firstLine < 0 && draft.seq > (this.firstUnused?.seq ?? -1))
            this.firstUnused = draft;
        }
        this.recent[slot] = draft;
      }
    }
    this.lastUsed = draft;
    this.fileLine(draft, index);
    return true;
  }

  /** Files rule line `index` under `draft`, to be read later. */
  private fileLine(draft: ChainDraft, index: number): void {
    if (!this.deferred) throw new Error(`table ${this.name} reads its rules at once`);
    this.deferred.add(draft, index);
  }

  /** The first chain declared (or met) that has no rule line yet, else the last declared. */
  private unused(): ChainDraft | undefined {
    let draft = this.firstUnused ?? this.firstDraft;
    while (draft && draft.firstLine >= 0 && draft.after) draft = draft.after;
    this.firstUnused = draft;
    return draft;
  }

  private add(draft: ChainDraft): void {
    draft.seq = this.lastDraft ? this.lastDraft.seq + 1 : 0;
    this.chains.set(draft.name, draft);
    if (this.lastDraft) this.lastDraft.after = draft;
    else this.firstDraft = draft;
    this.lastDraft = draft;
  }

  /**
   * The chain a rule on `line` goes to, declared (with a problem) if it has not been. `raw` is
   * the line, or what gives it from its index, wanted only then.
   */
  private draftOf(chain: string, line: number, raw: string | LineOf, column: number): ChainDraft {
    let draft = this.lastUsed?.name === chain ? this.lastUsed : this.chains.get(chain);
    if (!draft) {
      const origin = { line, raw: typeof raw === 'string' ? raw : raw(line - 1) };
      // Built-in chains exist as soon as the table does; only user chains need declaring.
      const builtin = isBuiltinChain(this.name, chain);
      if (!builtin) {
        this.log.error(
          origin.line,
          column,
          `chain ${chain} was not declared in table ${this.name}`,
        );
      }
      draft = newDraft(chain, origin, builtin ? 'ACCEPT' : undefined);
      this.add(draft);
    }
    this.lastUsed = draft;
    return draft;
  }

  /**
   * Puts rule `at` into the chain: at its end, on top (`-I CHAIN` or `-I CHAIN 1`)
   * or at `position` (`-I CHAIN 3`; the end when the chain is shorter). Appending
   * and prepending cost the same however long the chain.
   */
  private link(chain: ChainDraft, at: number, position: number | undefined): void {
    const { next } = this;
    if (chain.first < 0) {
      chain.first = at;
      chain.last = at;
    } else if (position === undefined) {
      next[chain.last] = at;
      chain.last = at;
    } else if (position <= 1) {
      next[at] = chain.first;
      chain.first = at;
    } else {
      let before = chain.first;
      for (let k = 2; k < position && (next[before] as number) >= 0; k++)
        before = next[before] as number;
      next[at] = next[before] as number;
      next[before] = at;
      if (before === chain.last) chain.last = at;
    }
  }

  flush(chain: string): void {
    const draft = this.chains.get(chain);
    if (draft) {
      draft.first = -1;
      draft.last = -1;
    }
  }

  deleteChain(chain: string, origin: SourceRef, column: number): void {
    const draft = this.chains.get(chain);
    if (!draft) {
      this.log.error(origin.line, column, `-X ${chain}: no such chain in table ${this.name}`);
      return;
    }
    if (draft.policy) {
      this.log.error(origin.line, column, `${chain} is a built-in chain and cannot be deleted`);
      return;
    }
    this.chains.delete(chain);
    if (this.lastUsed === draft) this.lastUsed = undefined;
    this.recent.fill(undefined);
    if (this.firstUnused === draft) this.firstUnused = undefined;
    // Out of the declaration order too (a walk: -X lines are few, and only in restore input).
    let before: ChainDraft | undefined;
    for (let d = this.firstDraft; d && d !== draft; d = d.after) before = d;
    if (before) before.after = draft.after;
    else this.firstDraft = draft.after;
    if (this.lastDraft === draft) this.lastDraft = before;
  }

  /**
   * The table as read. A chain with deferred rules gets them from `read` when its `rules`
   * are first read (see deferredChain), with their targets resolved and their problems
   * logged then; such chains are also put in `waiting`, in the table's order.
   */
  build(read?: ReadDeferred, waiting?: Chain[]): Table {
    const chains: Chain[] = [];
    // The reader of deferred lines, their targets resolved: one for all the table's chains.
    const readResolved: ChainDraft['read'] =
      read && ((firstLine) => kept(read(firstLine).map((r) => this.resolveTarget(r))));
    for (const draft of this.chains.values()) {
      if (draft.firstLine >= 0 && readResolved) {
        const chain = deferredChain(draft, readResolved);
        chains.push(chain);
        waiting?.push(chain);
        continue;
      }
      const name = chainName(draft.name);
      const { policy, counters, origin } = draft;
      const resolved: Rule[] = [];
      for (let at = draft.first; at >= 0; at = this.next[at] as number)
        resolved.push(this.resolveTarget(this.rules[at] as Rule));
      const rules = kept(resolved);
      // One literal per shape rather than spreads of optional parts: 50,000 chains in a dump.
      chains.push(
        policy
          ? counters
            ? { name, policy, counters, rules, origin }
            : { name, policy, rules, origin }
          : counters
            ? { name, counters, rules, origin }
            : { name, rules, origin },
      );
    }
    return {
      name: this.name,
      ...(this.preamble.length ? { preamble: this.preamble } : {}),
      ...(this.trailer.length ? { trailer: this.trailer } : {}),
      chains,
      ...(this.origin ? { origin: this.origin } : {}),
    };
  }

  private resolveTarget(rule: Rule): Rule {
    const target = rule.target;
    if (!target) return rule;
    const line = rule.origin?.line ?? 0;
    // The target's column, worked out only when there is something to report.
    const at = (): number => targetColumn(rule);
    if (this.chains.has(target.name)) {
      if (isBuiltinChain(this.name, target.name)) {
        this.log.error(line, at(), `cannot jump to built-in chain ${target.name}`);
      }
      if (target.options.length > 0) {
        this.log.error(line, at(), `${target.name} is a chain; a jump to a chain takes no options`);
      }
      return rule;
    }
    if ((STANDARD_VERDICTS as readonly string[]).includes(target.name) || targetSpec(target.name)) {
      if (target.kind === 'goto')
        this.log.error(line, at(), `-g needs a chain, not ${target.name}`);
      return rule;
    }
    this.log.warning(
      line,
      at(),
      `target ${target.name} is neither a chain of table ${this.name} nor a target kpviz knows; kept as written`,
    );
    return { ...rule, target: { ...target, unknown: true } };
  }
}

/** The chains whose rules are still lines, until first read, and their drafts. */
const deferredChains = new WeakMap<Chain, ChainDraft>();

/**
 * A deferred chain's `rules`, read on first use; then a plain field of the chain. One
 * function for every chain, rather than a getter made for each of a dump's 50,000.
 */
function readDeferredRules(this: Chain): readonly Rule[] {
  const deferred = deferredChains.get(this);
  // Out first: a reading is never started twice, whatever happens in it.
  deferredChains.delete(this);
  const rules = deferred?.read ? deferred.read(deferred.firstLine) : EMPTY;
  Object.defineProperty(this, 'rules', { value: rules, enumerable: true });
  return rules;
}

/**
 * A chain whose `rules` are read from its lines when first asked for: an own, enumerable
 * getter, so that a spread or a structured clone reads them as it would a plain field.
 */
function deferredChain(draft: ChainDraft, read: ChainDraft['read']): Chain {
  const name = chainName(draft.name);
  const { policy, counters, origin } = draft;
  // The shapes build makes, less `rules`, defined last.
  const chain: Omit<Chain, 'rules'> = policy
    ? counters
      ? { name, policy, counters, origin }
      : { name, policy, origin }
    : counters
      ? { name, counters, origin }
      : { name, origin };
  Object.defineProperty(chain, 'rules', {
    get: readDeferredRules,
    enumerable: true,
    configurable: true,
  });
  draft.read = read;
  deferredChains.set(chain as Chain, draft);
  return chain as Chain;
}

/**
 * How many lines add a rule to a chain whose rules are not read yet; undefined once they are
 * (or for a chain read at once). One look-up, for the overview's count of 50,000 chains.
 */
export function unreadLines(chain: Chain): number | undefined {
  return deferredChains.get(chain)?.lineCount;
}

/** Whether a chain's rules are still unread lines (see TableBuilder.build). */
export const isDeferred = (chain: Chain): boolean => deferredChains.has(chain);
