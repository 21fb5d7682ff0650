import { useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';

/**
 * Scrolls the page, as little as it takes, until the whole canvas is on
 * screen: a jump or a new focus moves the view inside it, which a reader
 * scrolled down to the rules or up to the dump would otherwise miss.
 *
 * The scroll waits for the next frame to be painted: scrolling lays the page
 * out at once, and in the task that renders a new graph that forced layout
 * made a long task longer (a 10,000-Service dump's by ~9 ms).
 */
export function useShowCanvas(): () => void {
  const store = useStoreApi();
  return useCallback(() => {
    requestAnimationFrame(() => {
      setTimeout(() => {
        // jsdom has no scrollIntoView.
        store.getState().domNode?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
      }, 0);
    });
  }, [store]);
}
