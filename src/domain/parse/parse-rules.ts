import type { TableName } from '../model/names.ts';
import { isBuiltinChain } from '../model/names.ts';
import type { Rule, Ruleset, SourceRef, Table } from '../model/ruleset.ts';
import type { TableEvidence } from './infer-table.ts';
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

interface Evidence extends TableEvidence {
  readonly builtins: Set<string>;
  readonly targets: Set<string>;
  readonly chains: Set<string>;
}

/** One table's lines, and what they show of the table when the caller did not name it. */
interface Block {
  readonly lines: SourceRef[];
  readonly evidence?: Evidence;
}

const noEvidence = (): Evidence => ({ builtins: new Set(), targets: new Set(), chains: new Set() });

/**
 * Reads `iptables -S` (or `iptables -S -v`) output: `-P`, `-N` and `-A` lines
 * of one table, or several tables' outputs one after another (each starts
 * again with its `-P` lines). The output does not name its table: the
 * caller's `table` is used, else it is told from the built-in chains present.
 * A first pass splits the lines into tables (noting what tells each table);
 * the second tokenizes each line again rather than keep every line's words
 * alive in between, which cost the garbage collector far more.
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
      block = table ? { lines: [] } : { lines: [], evidence: noEvidence() };
      blocks.push(block);
      seenBody = false;
    }
    if (command !== '-P') seenBody = true;
    block.lines.push(origin);
    if (block.evidence) noteEvidence(block.evidence, tokens);
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
  const name =
    table ?? tableOrFilter(block.evidence ?? noEvidence(), log, block.lines[0]?.line ?? 1);
  const builder = new TableBuilder(name, undefined, log);
  interner.table = builder;
  for (const origin of block.lines) {
    // The first pass left out the lines with an unclosed quote: these tokenize cleanly.
    const { tokens } = tokenize(origin.raw);
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
    applyCommand(builder, tokens, origin, log, (words, from): Rule =>
      parseRuleArgs(words, origin.line, log, origin, interner, from),
    );
  }
  return builder.build();
}

/** What a line shows of its table: built-in chains (-P), user chains (-N), targets. */
function noteEvidence(evidence: Evidence, tokens: readonly Token[]): void {
  const [command, chain] = tokens;
  if (command?.text === '-P' && chain) evidence.builtins.add(chain.text);
  if (command?.text === '-N' && chain) evidence.chains.add(chain.text);
  const jump = tokens.findIndex((t) => t.text === '-j' || t.text === '--jump');
  const target = jump >= 0 ? tokens[jump + 1] : undefined;
  if (target) evidence.targets.add(target.text);
}
