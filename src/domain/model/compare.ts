import type { Chain, Rule, Ruleset, Table } from './ruleset.ts';

/**
 * The ruleset's meaning alone: without where each piece came from (line, raw
 * text), without counters, and without the comment lines around tables. Two
 * dumps of the same rules in different formats compare equal after this.
 */
export function withoutProvenance(ruleset: Ruleset): Ruleset {
  return { tables: ruleset.tables.map(stripTable) };
}

function stripTable({ name, chains }: Table): Table {
  return { name, chains: chains.map(stripChain) };
}

function stripChain({ name, policy, rules }: Chain): Chain {
  return { name, ...(policy ? { policy } : {}), rules: rules.map(stripRule) };
}

function stripRule(rule: Rule): Rule {
  const { origin: _origin, counters: _counters, ...meaning } = rule;
  return meaning;
}
