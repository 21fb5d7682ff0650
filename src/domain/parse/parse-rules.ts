import type { TableName } from '../model/names.ts';
import { isBuiltinChain } from '../model/names.ts';
import type { Rule, Ruleset, SourceRef, Table } from '../model/ruleset.ts';
import { tableOrFilter } from './infer-table.ts';
import { Interner } from './interner.ts';
import { PROGRESS_EVERY, splitLines } from './lines.ts';
import type { Progress } from './parse-dump.ts';
import type { ProblemLog } from './problems.ts';
import { parseRuleArgs } from './rule-args.ts';
import { applyCommand } from './rule-commands.ts';
import { TableBuilder } from './table-builder.ts';
import type { Token } from './tokenize.ts';
import { tokenize } from './tokenize.ts';

interface Block {
  readonly lines: { readonly tokens: readonly Token[]; readonly origin: SourceRef }[];
}

/**
 * Reads `iptables -S` (or `iptables -S -v`) output: `-P`, `-N` and `-A` lines
 * of one table, or several tables' outputs one after another (each starts
 * again with its `-P` lines). The output does not name its table: the
 * caller's `table` is used, else it is told from the built-in chains present.
 */
export function parseRules(
  text: string,
  log: ProblemLog,
  table?: TableName,
  progress?: Progress,
): Ruleset {
  const blocks: Block[] = [];
  let block: Block | undefined;
  let seenBody = false;
  const lines = splitLines(text);
  lines.forEach((raw, index) => {
    if (progress && index % PROGRESS_EVERY === 0) progress(index, lines.length);
    const origin: SourceRef = { line: index + 1, raw };
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const { tokens, unclosedQuote } = tokenize(raw);
    if (unclosedQuote !== undefined) {
      log.error(origin.line, unclosedQuote, 'this double quote is never closed');
      return;
    }
    const command = tokens[0]?.text;
    if (!block || (command === '-P' && seenBody)) {
      block = { lines: [] };
      blocks.push(block);
      seenBody = false;
    }
    if (command !== '-P') seenBody = true;
    block.lines.push({ tokens, origin });
  });
  const interner = new Interner();
  const tables: Table[] = blocks.map((b) => readBlock(b, log, table, interner));
  return { tables };
}

function readBlock(
  block: Block,
  log: ProblemLog,
  table: TableName | undefined,
  interner: Interner,
): Table {
  const name = table ?? guessTable(block, log);
  const builder = new TableBuilder(name, undefined, log);
  for (const { tokens, origin } of block.lines) {
    // A chain that -A names before any -N is a built-in one: declare it quietly.
    const [command, chain] = tokens;
    if (
      command?.text === '-A' &&
      chain &&
      !builder.hasChain(chain.text) &&
      isBuiltinChain(name, chain.text)
    ) {
      builder.declareChain(chain.text, origin, chain.column);
    }
    applyCommand(builder, tokens, origin, log, (args): Rule =>
      parseRuleArgs(args, origin.line, log, origin, interner),
    );
  }
  return builder.build();
}

/** What the block's lines show of its table: built-in chains, targets, user chains. */
function guessTable(block: Block, log: ProblemLog): TableName {
  const builtins = new Set<string>();
  const targets = new Set<string>();
  const chains = new Set<string>();
  for (const { tokens } of block.lines) {
    const [command, chain] = tokens;
    if (command?.text === '-P' && chain) builtins.add(chain.text);
    if (command?.text === '-N' && chain) chains.add(chain.text);
    const jump = tokens.findIndex((t) => t.text === '-j' || t.text === '--jump');
    const target = jump >= 0 ? tokens[jump + 1] : undefined;
    if (target) targets.add(target.text);
  }
  return tableOrFilter({ builtins, targets, chains }, log, block.lines[0]?.origin.line ?? 1);
}
