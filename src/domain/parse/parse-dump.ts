import type { TableName } from '../model/names.ts';
import type { Problem } from '../model/problem.ts';
import type { Ruleset } from '../model/ruleset.ts';
import type { DumpFormat } from './detect-format.ts';
import { detectFormat } from './detect-format.ts';
import { parseListing } from './parse-listing.ts';
import { parseRules } from './parse-rules.ts';
import { parseSave } from './parse-save.ts';
import { ProblemLog } from './problems.ts';

export interface ParseOptions {
  /** 'auto' (the default) tells the format from the text. */
  readonly format?: 'auto' | DumpFormat;
  /** The table of a listing or `-S` output, which does not name it. */
  readonly table?: TableName;
}

export interface ParseResult {
  readonly ruleset: Ruleset;
  /** Every problem, in line order; parsing went on past each. */
  readonly problems: readonly Problem[];
  readonly format: DumpFormat;
}

/**
 * Parses a rule dump (iptables-save, iptables -S, iptables -L listings) into
 * the netfilter model. Never throws: what cannot be read becomes a problem at
 * its line, and everything else is still returned.
 */
export function parseDump(text: string, options: ParseOptions = {}): ParseResult {
  const log = new ProblemLog();
  const requested = options.format ?? 'auto';
  const detected = requested === 'auto' ? detectFormat(text) : requested;
  const format = detected ?? 'save';
  if (text.trim() === '') {
    log.error(1, 1, 'the input is empty: paste iptables-save, iptables -S or iptables -L output');
  } else if (!detected) {
    log.error(
      1,
      1,
      'this does not look like iptables-save, iptables -S or iptables -nL output; read as iptables-save',
    );
  }
  const ruleset =
    format === 'listing'
      ? parseListing(text, log, options.table)
      : format === 'rules'
        ? parseRules(text, log, options.table)
        : parseSave(text, log);
  const problems = [...log.problems].sort((a, b) => a.line - b.line || a.column - b.column);
  return { ruleset, problems, format };
}
