import { encodeEnvironment } from '../../domain/env/share-codec.ts';
import { encodeRules } from '../../domain/share/rules-codec.ts';
import type { KpvizState } from '../../store/store.ts';
import { rulesSourceOf, type ShareState } from './share-links.ts';

export type ShareReading =
  | { readonly ok: true; readonly share: ShareState }
  /** The dump on screen makes a link `chars` long: too long to share. */
  | { readonly ok: false; readonly chars: number }
  /** The environment does not fit a link: the codec's words. */
  | { readonly ok: false; readonly message: string };

/**
 * The store's state as a link holds it, the rules encoded (which takes a compression stream,
 * hence a promise).
 *
 * @example
 *   const read = await shareStateOf(useKpvizStore.getState());
 *   if (read.ok) copy(appLink(location.href, linkParams(read.share)));
 */
export async function shareStateOf(state: KpvizState): Promise<ShareReading> {
  const place = {
    scenario: state.scenario,
    step: state.step,
    language: state.language,
    ...(state.scenario === 'custom' ? { packet: state.packetForm } : {}),
  };
  switch (rulesSourceOf(state)) {
    case 'seed':
    case 'scenario':
      return { ok: true, share: { ...place, rules: null } };
    case 'env': {
      const encoded = await encodeEnvironment(state.envValid);
      if (!encoded.ok) return encoded;
      return { ok: true, share: { ...place, rules: { key: 'env', code: encoded.text } } };
    }
    case 'rules': {
      const encoded = await encodeRules({ text: state.dump, options: state.options });
      if (!encoded.ok) return encoded;
      return { ok: true, share: { ...place, rules: { key: 'rules', code: encoded.text } } };
    }
  }
}
