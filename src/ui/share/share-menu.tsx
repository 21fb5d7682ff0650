import './share.css';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import { useKpvizApi } from '../../store/store.ts';
import { scenarioName } from '../play/scenario-name.ts';
import { useTheme } from '../use-theme.ts';
import { RulesLink } from './rules-link.tsx';
import { appLink, elementSnippet, embedParams, iframeSnippet, linkParams } from './share-links.ts';
import { shareStateOf } from './share-state.ts';

type Copied = 'link' | 'iframe' | 'element';

/**
 * Share, in the header: copy a link to what is on screen, or a snippet that embeds the player
 * (an iframe of embed.html, or the <kpviz-player> element). What was copied also shows in a
 * read-only field, for browsers that refuse the clipboard. Beside it, what came of the
 * `#rules=` link the page was opened with.
 */
export function ShareMenu() {
  const { t } = useTranslation();
  const store = useKpvizApi();
  const theme = useTheme();
  const ids = useId();
  const summary = useRef<HTMLElement>(null);
  const [open, setOpen] = useState(false);
  const [autoplay, setAutoplay] = useState(false);
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');

  const copy = async (what: Copied) => {
    setStatus('');
    const state = store.getState();
    const read = await shareStateOf(state);
    if (!read.ok) {
      setText('');
      setStatus(
        'chars' in read
          ? t('share.tooLarge', { size: Math.ceil(read.chars / 1024) })
          : read.message,
      );
      return;
    }
    const href = window.location.href;
    const embed = embedParams(read.share, { theme, autoplay });
    const { scenario } = state;
    const title = t('share.iframeTitle', {
      scenario: scenario === null ? t('app.tagline') : scenarioName(scenario, t),
    });
    const made =
      what === 'link'
        ? appLink(href, linkParams(read.share))
        : what === 'iframe'
          ? iframeSnippet(href, embed, title)
          : elementSnippet(href, embed);
    setText(made);
    try {
      await navigator.clipboard.writeText(made);
      setStatus(t('share.copied'));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      setStatus(t('share.copyFailed', { reason }));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDetailsElement>) => {
    if (event.key !== 'Escape' || !open) return;
    event.stopPropagation();
    setOpen(false);
    summary.current?.focus();
  };

  return (
    <div className="share">
      <details
        className="share-menu"
        open={open}
        onToggle={(event) => setOpen(event.currentTarget.open)}
        onKeyDown={onKeyDown}
      >
        <summary ref={summary}>{t('share.menu')}</summary>
        <section className="share-panel" aria-label={t('share.heading')}>
          <p className="muted">{t('share.hint')}</p>
          <div className="share-actions">
            <button type="button" onClick={() => void copy('link')}>
              {t('share.copyLink')}
            </button>
            <button type="button" onClick={() => void copy('iframe')}>
              {t('share.copyIframe')}
            </button>
            <button type="button" onClick={() => void copy('element')}>
              {t('share.copyElement')}
            </button>
          </div>
          <label className="share-autoplay">
            <input
              type="checkbox"
              checked={autoplay}
              onChange={(event) => setAutoplay(event.target.checked)}
            />
            {t('share.autoplay')}
          </label>
          {text !== '' && (
            <>
              <label htmlFor={`${ids}-text`}>{t('share.text')}</label>
              <textarea
                id={`${ids}-text`}
                readOnly
                value={text}
                rows={4}
                spellCheck={false}
                onFocus={(event) => event.currentTarget.select()}
              />
            </>
          )}
          <p role="status">{status}</p>
        </section>
      </details>
      <RulesLink />
    </div>
  );
}
