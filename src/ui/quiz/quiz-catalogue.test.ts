import { describe, expect, it } from 'vitest';
import { QUIZ_KEYS, type QuizKey } from '../../domain/play/quiz-keys.ts';
import { en } from '../i18n/en.ts';
import { zh } from '../i18n/zh.ts';

/** A string of a nested catalogue object by dotted path. */
function lookup(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (at, key) =>
        typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined,
      value,
    );
}

/** The names a string interpolates: `{{chain}}` → chain. */
const interpolated = (text: string): string[] =>
  [...new Set([...text.matchAll(/\{\{\s*([^,}\s]+)[^}]*\}\}/g)].map((m) => m[1] ?? ''))].sort();

const keys = Object.keys(QUIZ_KEYS) as QuizKey[];

// The domain's buildQuiz says only keys of QUIZ_KEYS, each with exactly its values (quiz.test.ts).
describe.each([
  ['en', en.quiz],
  ['zh', zh.quiz],
])('the %s quiz catalogue', (_, catalogue) => {
  it('says every prompt and option, naming only the values the domain supplies', () => {
    const problems = keys.flatMap((k) => {
      const text = lookup(catalogue, k);
      if (typeof text !== 'string' || text.trim() === '') return [`${k}: missing`];
      const extra = interpolated(text).filter(
        (name) => !(QUIZ_KEYS[k] as readonly string[]).includes(name),
      );
      return extra.map((name) => `${k}: {{${name}}}`);
    });
    expect(problems).toEqual([]);
  });
});

describe('the zh quiz', () => {
  it('translates every sentence but the bare chain name, naming the same values', () => {
    const problems = keys.flatMap((k) => {
      const [mine, theirs] = [String(lookup(zh.quiz, k)), String(lookup(en.quiz, k))];
      if (mine === theirs && k !== 'option.chain') return [`${k}: not translated`];
      return interpolated(mine).join() === interpolated(theirs).join()
        ? []
        : [`${k}: values differ`];
    });
    expect(problems).toEqual([]);
  });
});
