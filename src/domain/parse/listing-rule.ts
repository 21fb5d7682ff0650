import { moduleName } from '../model/names.ts';
import type { Match, Rule } from '../model/ruleset.ts';
import type { Layout } from './listing-columns.ts';
import { readRuleColumns } from './listing-columns.ts';
import { readMatch } from './listing-matches.ts';
import type { Word } from './listing-scanner.ts';
import { ArgsBuilder, LineScanner } from './listing-scanner.ts';
import { readTargetOptions } from './listing-targets.ts';
import type { ProblemLog } from './problems.ts';
import { parseRuleArgs } from './rule-args.ts';

export interface ListingRule {
  readonly rule: Rule;
  /** A counter iptables printed abbreviated (`12K`), when there was one. */
  readonly abbreviated?: Word;
}

/** iptables -L marks a goto (`-g`) with `[goto]`; it cannot be told from a jump otherwise. */
const GOTO = '[goto]';

/**
 * Reads one rule line of a listing: the fixed columns, then the matches'
 * text in rule order, then the target's options. The line is turned into
 * the iptables arguments it stands for and read by parseRuleArgs, so that a
 * listing gets exactly the normalisation iptables-save input gets.
 */
export function readListingRule(
  raw: string,
  layout: Layout,
  line: number,
  log: ProblemLog,
): ListingRule | undefined {
  const s = new LineScanner(raw);
  const out = new ArgsBuilder();
  const columns = readRuleColumns(s, layout, line, log, out);
  if (!columns) return undefined;
  let goto = s.accept(GOTO);
  while (readMatch(s, out)) goto ??= s.accept(GOTO);
  const target = columns.target;
  const jump = out.tokens.length;
  if (target) {
    out.word('-j', target.column);
    out.value(target.text, target.column);
    readTargetOptions(target.text, s, out);
  }
  goto ??= s.accept(GOTO);
  let unknown = s.rest();
  if (unknown?.text.endsWith(` ${GOTO}`)) {
    goto ??= { ...unknown, column: unknown.column + unknown.text.length - GOTO.length };
    const text = unknown.text.slice(0, -GOTO.length).trimEnd();
    unknown = text ? { ...unknown, text } : undefined;
  }
  if (goto) {
    if (target) out.tokens[jump] = { text: '-g', column: target.column, quoted: false };
    else log.error(line, goto.column, '[goto] on a rule with no target');
  }
  if (unknown) {
    const shown = unknown.text.length > 40 ? `${unknown.text.slice(0, 40)}…` : unknown.text;
    log.warning(
      line,
      unknown.column,
      `kpviz cannot read "${shown}" here; kept as an unknown match`,
    );
  }
  const parsed = parseRuleArgs(out.tokens, line, log);
  const rule: Rule = {
    ...parsed,
    ...(unknown ? { matches: [...parsed.matches, unknownMatch(unknown.text)] } : {}),
    ...(columns.counters ? { counters: columns.counters } : {}),
  };
  return columns.abbreviated ? { rule, abbreviated: columns.abbreviated } : { rule };
}

/** Text no reader understood, kept verbatim as the module name so that nothing is dropped. */
function unknownMatch(text: string): Match {
  return { module: moduleName(text), options: [], unknown: true };
}
