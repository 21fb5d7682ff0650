import { describe, expect, it } from 'vitest';
import { KUBE_PROXY_FIXTURES } from '../examples/kube-proxy-fixtures.ts';
import { SEED_SAVE } from '../examples/seed.ts';
import { syntheticDump } from '../examples/synthetic-dump.ts';
import type { Problem } from '../model/problem.ts';
import type { Rule, Target } from '../model/ruleset.ts';
import type { JumpTargets } from './interner.ts';
import { Interner } from './interner.ts';
import { splitLines } from './lines.ts';
import { readPlainRule } from './plain-rule.ts';
import { ProblemLog } from './problems.ts';
import { parseRuleArgs, targetColumn } from './rule-args.ts';
import { tokenize } from './tokenize.ts';

const KERNEL_FIXTURES = import.meta.glob<string>('../../../kernel/fixtures/*.restore.txt', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const DOCKER_SAVE = KERNEL_FIXTURES['../../../kernel/fixtures/docker-host.restore.txt'] ?? '';

/** Every `-A` line of the dumps kpviz knows: kube-proxy's, the kernel tests' (Docker's among them), the seed's. */
const CORPUS: readonly string[] = [
  SEED_SAVE,
  syntheticDump({ services: 20 }),
  ...KUBE_PROXY_FIXTURES.map((f) => f.text),
  ...Object.values(KERNEL_FIXTURES),
].flatMap((text) => splitLines(text).filter((line) => line.startsWith('-A ')));

/** What a line's reading gives: the rule, where its target stands, the problems logged. */
interface Reading {
  readonly rule: Rule | undefined;
  readonly column: number | undefined;
  readonly problems: readonly Problem[];
}

/** The words after `-A CHAIN` as parseRuleArgs reads them (the reference). */
function general(raw: string, interner: Interner): Reading {
  const log = new ProblemLog();
  const { tokens, unclosedQuote } = tokenize(raw);
  if (unclosedQuote !== undefined) return { rule: undefined, column: undefined, problems: [] };
  const rule = parseRuleArgs(tokens, 1, log, { line: 1, raw }, interner, 2);
  return { rule, column: rule.target && targetColumn(rule), problems: log.problems };
}

/** readPlainRule where it reads the line, else parseRuleArgs: what a deferred chain does. */
function plainFirst(raw: string, interner: Interner, taken: { count: number }): Reading {
  const log = new ProblemLog();
  const space = raw.indexOf(' ', 3);
  const rule =
    space > 3 && !raw.slice(3, space).includes('"')
      ? readPlainRule(raw, space + 1, { line: 1, raw }, log, interner)
      : undefined;
  if (!rule) {
    expect(log.problems).toEqual([]);
    return general(raw, interner);
  }
  taken.count++;
  return { rule, column: rule.target && targetColumn(rule), problems: log.problems };
}

/** A small deterministic generator, so that a failure can be seen again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS = [
  '!',
  '-s',
  '-d',
  '-p',
  '-i',
  '-o',
  '-m',
  '-j',
  '-g',
  '-c',
  '-f',
  '--dport',
  '--comment',
  '--source',
  '--jump',
  'tcp',
  'udp',
  'comment',
  'multiport',
  'KUBE-MARK-MASQ',
  'DNAT',
  'MASQUERADE',
  '10.0.0.1',
  '10.0.0.1/33',
  '0.0.0.0/0',
  '99999',
  '80',
  '"a b"',
  '""',
  '"-j"',
  '-',
  '--match',
  '--goto',
  '--dp',
  '--foo',
  '--to-destination',
  '10.1.0.5:8080',
];

/** A line changed in one of the ways a hand-edited or unusual dump differs. */
function mutate(line: string, next: () => number): string {
  const words = line.split(' ');
  const at = 2 + Math.floor(next() * Math.max(1, words.length - 2));
  const word = WORDS[Math.floor(next() * WORDS.length)] as string;
  switch (Math.floor(next() * 8)) {
    case 0:
      words.splice(at, 1);
      break;
    case 1:
      words.splice(at, 0, word);
      break;
    case 2:
      words[at] = word;
      break;
    case 3:
      words.splice(at, 0, '');
      break;
    case 4:
      words[at] = `"${words[at] ?? ''}"`;
      break;
    case 5:
      words.splice(at, 2, words[at + 1] ?? '', words[at] ?? '');
      break;
    case 6:
      words.push(word);
      break;
    default:
      words[at] = `${words[at] ?? ''}${next() < 0.5 ? '"' : '\t'}`;
  }
  return words.join(' ');
}

/**
 * A table every name is a chain of: a bare jump's target is shared from it, marked, so that
 * a reading that shares it where the other does not is told apart.
 */
function sharingTable(): JumpTargets {
  const made = new Map<string, Target>();
  return {
    jumpTo(kind, name) {
      const key = `${kind} ${name}`;
      const target = made.get(key) ?? ({ kind, name, options: [], shared: true } as Target);
      made.set(key, target);
      return target;
    },
  };
}

/**
 * Reads `lines` both ways, each way with its own interner kept across the lines (and, with
 * `tables`, a table to share bare jumps from).
 */
function compare(lines: readonly string[], tables = false): { taken: number } {
  const reference = new Interner();
  const interner = new Interner();
  if (tables) {
    reference.table = sharingTable();
    interner.table = sharingTable();
  }
  const taken = { count: 0 };
  for (const raw of lines) {
    const want = general(raw, reference);
    const got = plainFirst(raw, interner, taken);
    expect({ raw, ...got }).toStrictEqual({ raw, ...want });
  }
  return { taken: taken.count };
}

describe('readPlainRule', () => {
  it('reads every rule line of the known dumps as parseRuleArgs does', () => {
    expect(CORPUS.length).toBeGreaterThan(900);
    const { taken } = compare(CORPUS);
    // kube-proxy's restore input puts `-p` after `-m tcp` and `--dport` after `-d`
    // (its unit tests' dumps): parseRuleArgs reads those; iptables-save's order is plain.
    expect(taken / CORPUS.length).toBeGreaterThan(0.8);
  });

  it('shares a bare jump’s target from the table where parseRuleArgs does', () => {
    const { taken } = compare(CORPUS, true);
    expect(taken / CORPUS.length).toBeGreaterThan(0.8);
  });

  it('reads every line of an iptables-save dump itself', () => {
    expect(DOCKER_SAVE).toContain('-A DOCKER');
    for (const text of [SEED_SAVE, DOCKER_SAVE, syntheticDump({ services: 20 })]) {
      const lines = splitLines(text).filter((line) => line.startsWith('-A '));
      expect(compare(lines).taken).toBe(lines.length);
    }
  });

  it('takes a kube-proxy ClusterIP rule without tokenizing it', () => {
    const raw =
      '-A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m comment --comment "ns/svc:http cluster IP" -m tcp --dport 80 -j KUBE-SVC-ABC';
    const rule = readPlainRule(raw, 17, { line: 4, raw }, new ProblemLog(), new Interner());
    expect(rule).toMatchObject({
      destination: { negated: false, value: '10.96.0.10/32' },
      protocol: { negated: false, value: 'tcp' },
      matches: [
        { module: 'comment', options: [{ name: 'comment', args: ['ns/svc:http cluster IP'] }] },
        { module: 'tcp', options: [{ name: 'dport', args: ['80'] }] },
      ],
      target: { kind: 'jump', name: 'KUBE-SVC-ABC', options: [] },
      origin: { line: 4, raw },
    });
  });

  it('leaves a line with a problem, or words it does not know, to parseRuleArgs', () => {
    for (const raw of [
      '-A INPUT -p tcp -m tcp --dport 99999 -j ACCEPT',
      '-A INPUT -s 10.0.0.1/33 -j DROP',
      '-A INPUT -m tcp --dport 80 -j ACCEPT',
      '-A INPUT -p tcp --dport 80 -j ACCEPT',
      '-A INPUT -j DNAT --to-destination 10.0.0.1:80',
      '-A INPUT --source 10.0.0.1 -j DROP',
      '-A INPUT -c 1 2 -j DROP',
      '-A INPUT -m comment --comment a  -j DROP',
      '-A INPUT -m comment --comment "a\\"b" -j DROP',
      '-A INPUT -j ACCEPT -j DROP',
    ]) {
      const log = new ProblemLog();
      const space = raw.indexOf(' ', 3);
      expect(readPlainRule(raw, space + 1, { line: 1, raw }, log, new Interner())).toBeUndefined();
      expect(log.problems).toEqual([]);
    }
  });

  it('agrees with parseRuleArgs on lines changed at random', () => {
    const next = random(20_261_127);
    const lines: string[] = [];
    for (let n = 0; n < 10_000; n++) {
      let line = CORPUS[Math.floor(next() * CORPUS.length)] as string;
      for (let changes = next() < 0.8 ? 1 : 2; changes > 0; changes--) line = mutate(line, next);
      lines.push(line);
    }
    const { taken } = compare(lines, true);
    // Many changed lines are still plain (a word swapped for another): both ways are tried.
    expect(taken).toBeGreaterThan(400);
    expect(taken).toBeLessThan(lines.length - 400);
  });
});
