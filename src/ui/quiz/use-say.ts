import { useCallback } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import type { Narration } from '../../domain/play/narration.ts';

/**
 * Says a sentence the domain chose (a catalogue key and its values) in the UI's language: the
 * quiz's prompts and options, and the narration that explains an answer.
 */
export function useSay(): (sentence: Narration) => string {
  const { t } = useTranslation();
  // The domain's keys are plain strings; the catalogue tests check each against both languages.
  const say = t as unknown as (key: string, values: Narration['values']) => string;
  return useCallback((sentence: Narration) => say(sentence.key, sentence.values), [say]);
}
