import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import type { Environment } from '../../domain/env/environment.ts';
import { encodeEnvironment } from '../../domain/env/share-codec.ts';
import { selectEnvValid } from '../../store/env-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { readHash, updateHash } from '../location-hash.ts';

/** The fragment key the environment lives under; other features own other keys. */
export const ENV_HASH_KEY = 'env';

/**
 * The environment in the URL, both ways. On load, an `#env=` link opens its environment (only a
 * valid one; the seed stays otherwise, and this says why). Once the user has changed the
 * environment, every valid one is written back into the fragment, so the address bar is always
 * a link to what is on screen; one too big for a link takes its key out, rather than leave a
 * link to an older state.
 */
export function EnvLink() {
  const { t } = useTranslation();
  const env = useKpvizStore(selectEnvValid);
  const touched = useKpvizStore((state) => state.envTouched);
  const link = useKpvizStore((state) => state.envLink);
  const openShared = useKpvizStore((state) => state.openSharedEnvironment);
  const [note, setNote] = useState<{ env: Environment; words: string } | null>(null);

  // Once per page: StrictMode runs effects twice, and a second opening would diff the link's
  // environment against itself.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current) return;
    opened.current = true;
    const text = readHash().get(ENV_HASH_KEY);
    if (text !== null) void openShared(text);
  }, [openShared]);

  useEffect(() => {
    if (!touched) return;
    let current = true;
    void encodeEnvironment(env).then((encoded) => {
      if (!current) return;
      updateHash({ [ENV_HASH_KEY]: encoded.ok ? encoded.text : null });
      if (!encoded.ok) setNote({ env, words: encoded.message });
    });
    return () => {
      current = false;
    };
  }, [env, touched]);

  const copy = async () => {
    const encoded = await encodeEnvironment(env);
    if (!encoded.ok) {
      setNote({ env, words: encoded.message });
      return;
    }
    updateHash({ [ENV_HASH_KEY]: encoded.text });
    try {
      await navigator.clipboard.writeText(window.location.href);
      setNote({ env, words: t('env.share.copied') });
    } catch (error) {
      setNote({ env, words: t('env.export.copyFailed', { reason: String(error) }) });
    }
  };

  return (
    <section className="env-transfer" aria-label={t('env.share.heading')}>
      <h3>{t('env.share.heading')}</h3>
      <p className="muted">{t('env.share.hint')}</p>
      <div className="actions">
        <button type="button" onClick={() => void copy()}>
          {t('env.share.copy')}
        </button>
      </div>
      {note?.env === env && <p role="status">{note.words}</p>}
      {link?.status === 'restored' && <p role="status">{t('env.share.restored')}</p>}
      {link?.status === 'failed' && (
        <div role="alert" className="env-problem">
          {link.message !== '' && <p>{t('env.share.failed', { message: link.message })}</p>}
          {link.problems.length > 0 && (
            <>
              <p>{t('env.share.invalid')}</p>
              <ul>
                {link.problems.map((problem, i) => (
                  <li key={i}>
                    <code>{problem.path}</code>: {problem.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
