import type { TableName } from '../model/names.ts';
import type { Problem } from '../model/problem.ts';
import type { Ruleset } from '../model/ruleset.ts';
import type { DumpFormat } from './detect-format.ts';
import { detectFormat } from './detect-format.ts';
import { countLines } from './lines.ts';
import { parseListing } from './parse-listing.ts';
import { parseRules } from './parse-rules.ts';
import type { DeferredChains } from './parse-save.ts';
import { parseSave, parseSaveDeferred } from './parse-save.ts';
import { ProblemLog } from './problems.ts';

export interface ParseOptions {
  /** 'auto' (the default) tells the format from the text. */
  readonly format?: 'auto' | DumpFormat;
  /** The table of a listing or `-S` output, which does not name it. */
  readonly table?: TableName;
  /**
   * Told now and then how far the parse has got, in lines (a worker turns it
   * into a progress bar); last with done === total.
   */
  readonly progress?: Progress;
  /**
   * Read an iptables-save dump's rules chain by chain as they are first wanted, rather than
   * all now (see parseSaveDeferred): the result's `rest` reads the others and tells their
   * problems. Other formats are read whole.
   */
  readonly deferRules?: boolean;
}

/** `done` of `total` lines read. */
export type Progress = (done: number, total: number) => void;

export interface ParseResult {
  readonly ruleset: Ruleset;
  /** Every problem, in line order; parsing went on past each. */
  readonly problems: readonly Problem[];
  readonly format: DumpFormat;
  /** How many lines the text has (see countLines). */
  readonly lines: number;
  /** With deferRules: the chains not read yet, and every problem once they are. */
  readonly rest?: DeferredRest;
}

/** What a parse with deferRules left to read (see ParseOptions.deferRules). */
export interface DeferredRest extends DeferredChains {
  /** Every problem logged so far (those of the chains read so far), in line order. */
  problems(): Problem[];
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
  const { progress } = options;
  const deferred =
    format === 'save' && options.deferRules === true
      ? parseSaveDeferred(text, log, progress)
      : undefined;
  const ruleset =
    deferred?.ruleset ??
    (format === 'listing'
      ? parseListing(text, log, options.table, progress)
      : format === 'rules'
        ? parseRules(text, log, options.table, progress)
        : parseSave(text, log, progress));
  // The save reader has counted them as it read.
  const lines = deferred?.lines ?? countLines(text);
  progress?.(lines, lines);
  const problems = (): Problem[] =>
    [...log.problems].sort((a, b) => a.line - b.line || a.column - b.column);
  const rest = deferred?.rest;
  return {
    ruleset,
    problems: problems(),
    format,
    lines,
    ...(rest ? { rest: { ...rest, problems } } : {}),
  };
}
