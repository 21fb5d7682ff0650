import { useLayoutEffect } from 'react';
import { selectPresenting } from '../../store/presenter-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { useHighContrast } from '../use-theme.ts';
import './contrast.css';
import { usePresenterUrl } from './use-presenter-url.ts';

/**
 * Whether the app shell shows the presenter view instead of the page (never both, so there is
 * one graph and one set of playback keys). Whichever is shown, it keeps `#present` in the URL
 * and marks <html> for the high-contrast theme.
 */
export function usePresenterGate(): boolean {
  const presenting = useKpvizStore(selectPresenting);
  const contrast = useHighContrast();
  usePresenterUrl();
  // Before paint, as the app sets data-theme: no frame in the old colours.
  useLayoutEffect(() => {
    if (contrast) document.documentElement.dataset.contrast = 'high';
    else delete document.documentElement.dataset.contrast;
  }, [contrast]);
  return presenting;
}
