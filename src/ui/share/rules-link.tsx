import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import { decodeRules } from '../../domain/share/rules-codec.ts';
import { selectDump } from '../../store/rules-slice.ts';
import { useKpvizApi, useKpvizStore, type KpvizStore } from '../../store/store.ts';
import { ENV_HASH_KEY } from '../env/env-link.tsx';
import { readHash, updateHash } from '../location-hash.ts';

/** The fragment key a dump of the user's own lives under (`#rules=r1.…`). */
export const RULES_HASH_KEY = 'rules';

/** What came of the `#rules=` link the page was opened with. */
type LinkState =
  | { readonly status: 'restored'; readonly text: string }
  | { readonly status: 'failed'; readonly message: string };

/**
 * Open a link's dump as a paste is opened. Resolves to null when it was not shown: cancelled by
 * another load, or the text did not parse (the Rule dump panel says why, as for a paste).
 */
async function openRulesLink(store: KpvizStore, code: string): Promise<LinkState | null> {
  const shared = await decodeRules(code);
  if (!shared.ok) return { status: 'failed', message: shared.message };
  const { text, options } = shared.rules;
  await store.getState().loadDump(text, options);
  if (store.getState().dump !== text) return null;
  // Once other rules replace the link's, a reload must not bring the link's back.
  const unsubscribe = store.subscribe((state) => {
    if (state.dump === text) return;
    updateHash({ [RULES_HASH_KEY]: null });
    unsubscribe();
  });
  return { status: 'restored', text };
}

/**
 * A `#rules=` link, read once as the page opens: its dump replaces the seed, or, when the link
 * cannot be read, the seed stays and this says why (the link stays in the address bar, to be
 * looked at). An `#env=` link wins over it: EnvLink opens that one.
 */
export function RulesLink() {
  const { t } = useTranslation();
  const store = useKpvizApi();
  const dump = useKpvizStore(selectDump);
  const [link, setLink] = useState<LinkState | null>(null);

  // Once per page: StrictMode runs effects twice, and a second opening would load it again.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current) return;
    opened.current = true;
    const params = readHash();
    const code = params.get(RULES_HASH_KEY);
    if (code === null || params.has(ENV_HASH_KEY)) return;
    void openRulesLink(store, code).then(setLink);
  }, [store]);

  // Said while the link's rules are on screen, and not again once others replaced them.
  if (link?.status === 'restored' && link.text !== dump) setLink(null);

  if (link?.status === 'restored')
    return (
      <p role="status" className="share-note">
        {t('share.link.restored')}
      </p>
    );
  if (link?.status === 'failed')
    return (
      <div role="alert" className="share-note share-problem">
        <p>{t('share.link.failed', { message: link.message })}</p>
        <button type="button" onClick={() => setLink(null)}>
          {t('share.link.dismiss')}
        </button>
      </div>
    );
  return null;
}
