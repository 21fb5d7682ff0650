import { useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';

/**
 * Scrolls the page, as little as it takes, until the whole canvas is on
 * screen: a jump or a new focus moves the view inside it, which a reader
 * scrolled down to the rules or up to the dump would otherwise miss.
 */
export function useShowCanvas(): () => void {
  const store = useStoreApi();
  return useCallback(() => {
    // jsdom has no scrollIntoView.
    store.getState().domNode?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [store]);
}
