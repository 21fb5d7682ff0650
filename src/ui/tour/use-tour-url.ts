import { useEffect, useRef } from 'react';
import { selectTourOpen, selectTourStep } from '../../store/tour-slice.ts';
import { useKpvizApi, useKpvizStore } from '../../store/store.ts';
import { readHash, updateHash } from '../location-hash.ts';

/**
 * The tour's step in the URL's fragment (`#tour=3`, 1-based as the app shows it), so a teacher
 * can send a link to one step. The first run reads the link; every later change writes it,
 * leaving the player's `scenario` and `step` and the other keys to their owners.
 */
export function useTourUrl(): void {
  const store = useKpvizApi();
  const open = useKpvizStore(selectTourOpen);
  const step = useKpvizStore(selectTourStep);
  const restored = useRef(false);

  useEffect(() => {
    if (!restored.current) {
      restored.current = true;
      const shown = Number(readHash().get('tour'));
      if (Number.isInteger(shown) && shown >= 1) void store.getState().startTour(shown - 1);
      return;
    }
    updateHash({ tour: open ? String(step + 1) : null });
  }, [store, open, step]);
}
