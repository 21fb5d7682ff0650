import { targetSpec } from '../model/ext/targets.ts';
import type { TableName } from '../model/names.ts';
import { chainName, isBuiltinChain, STANDARD_VERDICTS } from '../model/names.ts';
import type { Chain, Counters, Rule, SourceRef, Table } from '../model/ruleset.ts';
import type { ProblemLog } from './problems.ts';
import { targetColumn } from './rule-args.ts';

type Policy = 'ACCEPT' | 'DROP';

interface ChainDraft {
  name: string;
  policy?: Policy;
  counters?: Counters;
  rules: Rule[];
  /**
   * Rules inserted at the top (`-I CHAIN` or `-I CHAIN 1`), newest last: kept
   * apart so that thousands of prepends cost linear time, not a splice each.
   */
  prepended: Rule[];
  origin: SourceRef;
}

/**
 * Gathers one table's chains and rules as a dump declares them, checking what
 * iptables-restore would check (a rule's chain exists, a policy only on a
 * built-in chain), and resolves each target against the table's chains.
 */
export class TableBuilder {
  private readonly chains = new Map<string, ChainDraft>();
  preamble: string[] = [];
  trailer: string[] = [];

  constructor(
    readonly name: TableName,
    readonly origin: SourceRef | undefined,
    private readonly log: ProblemLog,
  ) {}

  get isEmpty(): boolean {
    return this.chains.size === 0;
  }

  hasChain(name: string): boolean {
    return this.chains.has(name);
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
    const draft: ChainDraft = { name, rules: [], prepended: [], origin };
    if (builtin) draft.policy = policy ?? 'ACCEPT';
    if (counters) draft.counters = counters;
    this.chains.set(name, draft);
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
    let draft = this.chains.get(chain);
    if (!draft) {
      // Built-in chains exist as soon as the table does; only user chains need declaring.
      if (!isBuiltinChain(this.name, chain)) {
        this.log.error(
          origin.line,
          column,
          `chain ${chain} was not declared in table ${this.name}`,
        );
      }
      draft = { name: chain, rules: [], prepended: [], origin };
      if (isBuiltinChain(this.name, chain)) draft.policy = 'ACCEPT';
      this.chains.set(chain, draft);
    }
    const withOrigin: Rule = rule.origin === origin ? rule : { ...rule, origin };
    if (position === undefined) draft.rules.push(withOrigin);
    else if (position <= 1) draft.prepended.push(withOrigin);
    else {
      settle(draft);
      draft.rules.splice(position - 1, 0, withOrigin);
    }
  }

  flush(chain: string): void {
    const draft = this.chains.get(chain);
    if (draft) {
      draft.rules = [];
      draft.prepended = [];
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
  }

  build(): Table {
    const chains: Chain[] = [...this.chains.values()].map((draft) => ({
      name: chainName(draft.name),
      ...(draft.policy ? { policy: draft.policy } : {}),
      ...(draft.counters ? { counters: draft.counters } : {}),
      rules: settle(draft).map((rule) => this.resolveTarget(rule)),
      origin: draft.origin,
    }));
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
    const at = (): number =>
      targetColumn(rule) ?? Math.max(1, (rule.origin?.raw.indexOf(` ${target.name}`) ?? 0) + 2);
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

/** The chain's rules in order, with the prepended ones (newest first) moved in on top. */
function settle(draft: ChainDraft): Rule[] {
  if (draft.prepended.length > 0) {
    draft.rules = [...draft.prepended.reverse(), ...draft.rules];
    draft.prepended = [];
  }
  return draft.rules;
}
