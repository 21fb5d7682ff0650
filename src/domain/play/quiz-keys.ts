/**
 * Every sentence a quiz question can say, as a catalogue key (under `quiz.`) and the values it
 * fills in: as NARRATION_KEYS does for the narration, so a key and its values cannot drift
 * apart and the catalogue test checks each language against this list.
 */
import { sentencesOf } from './narration-keys.ts';

export const QUIZ_KEYS = {
  'prompt.chain': ['table', 'chain'],
  'prompt.endpoint': ['chain', 'count'],
  'prompt.route': ['dst'],
  'prompt.masquerade': ['src', 'dev'],
  'option.chain': ['chain'],
  'option.endpoint': ['chain', 'address', 'share'],
  'option.dev': ['dev'],
  'option.local': [],
  'option.keep': ['src'],
  'option.snat': ['to'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

export type QuizKey = keyof typeof QUIZ_KEYS;

/**
 * One sentence of a question: `quiz.<key>` with exactly the values its strings may name.
 *
 * @example
 *   ask('option.dev', { dev: 'cni0' }); // { key: 'quiz.option.dev', values: { dev: 'cni0' } }
 */
export const ask = sentencesOf<typeof QUIZ_KEYS>('quiz');
