import { useEffect, useRef } from 'react';
import { selectPresenting } from '../../store/presenter-slice.ts';
import { useKpvizApi, useKpvizStore } from '../../store/store.ts';
import { readHash, updateHash } from '../location-hash.ts';

/**
 * `#present` in the URL's fragment: a link opens the presenter view (with the scenario and
 * step beside it, `#scenario=nodeport-external&step=4&present=`). The first run reads the link;
 * every later change writes the key, leaving the others' keys as they are.
 */
export function usePresenterUrl(): void {
  const store = useKpvizApi();
  const presenting = useKpvizStore(selectPresenting);
  const restored = useRef(false);
  useEffect(() => {
    if (!restored.current) {
      restored.current = true;
      if (readHash().has('present')) store.getState().enterPresenter();
      return;
    }
    updateHash({ present: presenting ? '' : null });
  }, [store, presenting]);
}
