import type { Rule, SourceRef } from '../model/ruleset.ts';
import type { ProblemLog } from './problems.ts';
import type { TableBuilder } from './table-builder.ts';
import type { Token } from './tokenize.ts';
import { parseCounters } from './rule-fields.ts';

/**
 * Carries out one iptables command word (-A, -I, -N, -X, -F, -P) on a table,
 * as iptables-restore input and `iptables -S` output write them.
 */
export function applyCommand(
  table: TableBuilder,
  tokens: readonly Token[],
  origin: SourceRef,
  log: ProblemLog,
  readRule: (args: readonly Token[]) => Rule,
): void {
  const [command, chainToken] = tokens;
  if (!command) return;
  if (!chainToken) {
    log.error(origin.line, command.column, `${command.text} needs a chain name`);
    return;
  }
  const chain = chainToken.text;
  const rest = tokens.slice(2);
  switch (command.text) {
    case '-A':
    case '--append':
      table.addRule(chain, readRule(rest), origin, chainToken.column);
      return;
    case '-I':
    case '--insert': {
      const position = rest[0] && /^[0-9]+$/.test(rest[0].text) ? Number(rest[0].text) : undefined;
      table.addRule(
        chain,
        readRule(position ? rest.slice(1) : rest),
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
      const policy = rest[0]?.text;
      if (policy !== 'ACCEPT' && policy !== 'DROP') {
        log.error(origin.line, rest[0]?.column ?? chainToken.column, 'a policy is ACCEPT or DROP');
        return;
      }
      // `iptables -S -v` adds the chain's counters: `-P INPUT ACCEPT -c 10 800`.
      const c =
        rest[1]?.text === '-c'
          ? parseCounters(rest[2]?.text ?? '', rest[3]?.text ?? '')
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
