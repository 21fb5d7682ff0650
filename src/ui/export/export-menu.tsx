import './export.css';
import { useId, useState } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import { drawingBounds, svgDocument } from '../../graph/export-svg.ts';
import { useKpvizApi, useKpvizStore } from '../../store/store.ts';
import { downloadBlob, downloadText } from '../env/download.ts';
import { graphDrawing } from './graph-svg.ts';
import { PNG_MAX_PIXELS, PNG_MAX_SIDE, pngScale, svgToPng } from './svg-png.ts';
import { traceMarkdown } from './trace-markdown.ts';
import { traceDocument } from './trace-rows.ts';

/** The names the exported files get. */
export const DOWNLOADS = {
  svg: 'kpviz-graph.svg',
  png: 'kpviz-graph.png',
  markdown: 'kpviz-trace.md',
  rules: 'kpviz-rules.save.txt',
} as const;

/**
 * Export, beside the view tabs: the graph as SVG or PNG (all of it, as laid out, in the theme
 * on screen), the played scenario's steps as a Markdown table, and the rules as iptables-save
 * text. Each downloads a file made in the page; the status line says what came of it.
 */
export function ExportMenu() {
  const store = useKpvizApi();
  const { t } = useTranslation();
  const id = useId();
  const played = useKpvizStore((state) => state.playback.status === 'ready');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  /** Run an export, one at a time, and say what came of it. */
  const run = (work: () => Promise<string>) => () => {
    if (busy) return;
    setBusy(true);
    setStatus(t('export.working'));
    work().then(
      (said) => {
        setStatus(said);
        setBusy(false);
      },
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        setStatus(t('export.failed', { reason }));
        setBusy(false);
      },
    );
  };

  const drawing = () => {
    const state = store.getState();
    return graphDrawing(state.graph, state.focusLabel, t, state);
  };

  const svg = run(async () => {
    downloadText(DOWNLOADS.svg, svgDocument(await drawing()), 'image/svg+xml');
    return t('export.done', { file: DOWNLOADS.svg });
  });

  const png = run(async () => {
    const shown = await drawing();
    const { width, height } = drawingBounds(shown);
    const wanted = Math.max(2, window.devicePixelRatio || 1);
    const scale = pngScale(width, height, wanted);
    const image = svgDocument({ ...shown, scale });
    downloadBlob(DOWNLOADS.png, await svgToPng(image, width * scale, height * scale));
    if (scale >= wanted) return t('export.done', { file: DOWNLOADS.png });
    return t('export.pngScaled', {
      file: DOWNLOADS.png,
      scale: scale.toFixed(2),
      wanted,
      side: PNG_MAX_SIDE,
      pixels: PNG_MAX_PIXELS / 1_000_000,
    });
  });

  const markdown = run(() => {
    const { playback, scenario } = store.getState();
    if (playback.status !== 'ready') return Promise.reject(new Error(t('export.noPlayback')));
    const text = traceMarkdown(traceDocument(playback, scenario, t));
    downloadText(DOWNLOADS.markdown, text, 'text/markdown');
    return Promise.resolve(t('export.done', { file: DOWNLOADS.markdown }));
  });

  const rules = run(async () => {
    downloadText(DOWNLOADS.rules, await store.getState().session.query('save'));
    return t('export.done', { file: DOWNLOADS.rules });
  });

  return (
    <div className="export-menu">
      <div className="export-actions" role="group" aria-labelledby={`${id}-label`} aria-busy={busy}>
        <span id={`${id}-label`} className="export-label">
          {t('export.label')}
        </span>
        <button type="button" onClick={svg}>
          {t('export.svg')}
        </button>
        <button type="button" onClick={png}>
          {t('export.png')}
        </button>
        <button
          type="button"
          onClick={markdown}
          disabled={!played}
          aria-describedby={played ? undefined : `${id}-why`}
        >
          {t('export.markdown')}
        </button>
        <button type="button" onClick={rules}>
          {t('export.rules')}
        </button>
      </div>
      {!played && (
        <p id={`${id}-why`} className="muted export-note">
          {t('export.noPlayback')}
        </p>
      )}
      <p role="status" className="export-note">
        {status}
      </p>
    </div>
  );
}
