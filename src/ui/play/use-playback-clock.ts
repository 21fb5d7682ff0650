import { useEffect } from 'react';
import { selectPlaying, selectSpeed, selectStep } from '../../store/playback-slice.ts';
import { useKpvizApi, useKpvizStore } from '../../store/store.ts';

/**
 * While playing, step forward every 1/speed seconds. One timeout per step, set again after
 * each: the store, not the timer, holds the step, so a pause or a click on the timeline takes
 * effect at once and nothing drifts.
 */
export function usePlaybackClock(): void {
  const store = useKpvizApi();
  const playing = useKpvizStore(selectPlaying);
  const speed = useKpvizStore(selectSpeed);
  const step = useKpvizStore(selectStep);
  useEffect(() => {
    if (!playing) return;
    const timer = window.setTimeout(() => store.getState().stepForward(), 1000 / speed);
    return () => window.clearTimeout(timer);
  }, [store, playing, speed, step]);
}
