import type { Rule, SourceRef } from '../model/ruleset.ts';
import type { ProblemLog } from './problems.ts';
import type { TableBuilder } from './table-builder.ts';
import type { Token } from './tokenize.ts';
import { parseCounters } from './rule-fields.ts';

/** Reads the rule whose words start at `tokens[from]`. */
export type ReadRule = (tokens: readonly Token[], from: number) => Rule;

const POSITION = /^[0-9]+$/;

/**
 * Carries out one iptables command word (-A, -I, -N, -X, -F, -P) on a table,
 * as iptables-restore input and `iptables -S` output write them. The command
 * is `tokens[start]` (after a line's counters, say); the words are read in
 * place, never copied.
 */
export function applyCommand(
  table: TableBuilder,
  tokens: readonly Token[],
  origin: SourceRef,
  log: ProblemLog,
  readRule: ReadRule,
  start = 0,
): void {
  const command = tokens[start];
  const chainToken = tokens[start + 1];
  if (!command) return;
  if (!chainToken) {
    log.error(origin.line, command.column, `${command.text} needs a chain name`);
    return;
  }
  const chain = chainToken.text;
  const from = start + 2;
  const first = tokens[from];
  switch (command.text) {
    case '-A':
    case '--append':
      table.addRule(chain, readRule(tokens, from), origin, chainToken.column);
      return;
    case '-I':
    case '--insert': {
      const position = first && POSITION.test(first.text) ? Number(first.text) : undefined;
      table.addRule(
        chain,
        readRule(tokens, position ? from + 1 : from),
        origin,
        chainToken.column,
        position ?? 1,
      );
      return;
    }
    case '-N':
    case '--new-chain':
      table.declareChain(chain, origin, chainToken.column);
      return;
    case '-X':
    case '--delete-chain':
      table.deleteChain(chain, origin, chainToken.column);
      return;
    case '-F':
    case '--flush':
      table.flush(chain);
      return;
    case '-P':
    case '--policy': {
      const policy = first?.text;
      if (policy !== 'ACCEPT' && policy !== 'DROP') {
        log.error(origin.line, first?.column ?? chainToken.column, 'a policy is ACCEPT or DROP');
        return;
      }
      // `iptables -S -v` adds the chain's counters: `-P INPUT ACCEPT -c 10 800`.
      const c =
        tokens[from + 1]?.text === '-c'
          ? parseCounters(tokens[from + 2]?.text ?? '', tokens[from + 3]?.text ?? '')
          : undefined;
      table.setPolicy(chain, policy, origin, chainToken.column, c);
      return;
    }
    default:
      log.error(
        origin.line,
        command.column,
        `"${command.text}" is not a rule line: expected -A CHAIN … (or -N, -X, -F, -P, -I)`,
      );
  }
}
