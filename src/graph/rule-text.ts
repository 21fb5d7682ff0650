/**
 * A rule read back from the iptables-save text a RuleLine keeps: the graph
 * carries text, not the model, so that it stays plain data that a worker
 * message or a test fixture can hold.
 */
import type { Rule } from '../domain/model/ruleset.ts';
import { ProblemLog } from '../domain/parse/problems.ts';
import { parseRuleArgs } from '../domain/parse/rule-args.ts';
import { tokenize } from '../domain/parse/tokenize.ts';

/**
 * The rule an `-A CHAIN …` line holds, or undefined when it cannot be read.
 *
 * @example
 *   readRuleText('-A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j KUBE-SVC-X')?.destination;
 *   // { negated: false, value: '10.96.0.10/32' }
 */
export function readRuleText(text: string): Rule | undefined {
  const { tokens, unclosedQuote } = tokenize(text);
  if (unclosedQuote !== undefined || tokens[0]?.text !== '-A') return undefined;
  const log = new ProblemLog();
  const rule = parseRuleArgs(tokens.slice(2), 1, log);
  return log.problems.some((p) => p.severity === 'error') ? undefined : rule;
}
