import type { StateCreator } from 'zustand';
import { TOUR_STEPS, tourFrame } from '../domain/tour/tour-steps.ts';
import type { KpvizState } from './store.ts';
import { readTourStep, writeTourStep } from './tour-storage.ts';

/**
 * Whether the graph shows the tour step's moment yet: the player is still playing its
 * scenario, it shows it, or the rules on screen have no such moment (a dump other than the
 * seed's: no NodePort, no endpoints).
 */
export type TourMoment = 'seeking' | 'shown' | 'missing';

export interface TourSlice {
  tourOpen: boolean;
  /** The 0-based step shown while the tour is open, or last shown. */
  tourStep: number;
  /** The step to offer resuming at (saved across visits); null once the tour was finished. */
  tourSaved: number | null;
  tourMoment: TourMoment;
  /**
   * Open the tour at `step` (0-based; the first by default) and drive the player there: the
   * step's scenario, paused at its moment, so the graph, Packet and Narration show it.
   */
  startTour: (step?: number) => Promise<void>;
  nextTourStep: () => Promise<void>;
  previousTourStep: () => Promise<void>;
  /** Close the tour. Ended before its last step, it stays on offer to resume. */
  endTour: () => void;
}

const LAST = TOUR_STEPS.length - 1;

export const createTourSlice: StateCreator<KpvizState, [], [], TourSlice> = (set, get, store) => {
  /** Counts steps asked for, so only the latest one moves the player. */
  let seeks = 0;
  /** Resolves once the player is not running a scenario (ready, unavailable, failed or idle). */
  const settled = () =>
    new Promise<void>((resolve) => {
      if (get().playback.status !== 'running') {
        resolve();
        return;
      }
      const unsubscribe = store.subscribe((state) => {
        if (state.playback.status === 'running') return;
        unsubscribe();
        resolve();
      });
    });

  async function show(index: number): Promise<void> {
    const step = TOUR_STEPS[index];
    if (!step) return;
    const seq = ++seeks;
    set({ tourOpen: true, tourStep: index, tourSaved: index, tourMoment: 'seeking' });
    writeTourStep(index);
    // A play asked for at the same time (a link's own `scenario=`) can finish after ours and
    // replace it: ask again, a bounded number of times, until the player plays the step's.
    for (let attempt = 0; attempt < 3; attempt++) {
      const { scenario, playback } = get();
      if (scenario !== step.scenario || playback.status === 'idle')
        await get().chooseScenario(step.scenario);
      await settled();
      if (seq !== seeks) return;
      if (get().scenario === step.scenario) break;
    }
    const { scenario, playback } = get();
    const at =
      scenario === step.scenario && playback.status === 'ready'
        ? tourFrame(step, playback.frames)
        : -1;
    if (at < 0) {
      set({ tourMoment: 'missing' });
      return;
    }
    // Paused at the moment: the text speaks of this step, not of one the clock moved on to.
    get().pause();
    get().stepTo(at);
    set({ tourMoment: 'shown' });
  }

  return {
    tourOpen: false,
    tourStep: 0,
    tourSaved: readTourStep(TOUR_STEPS.length),
    tourMoment: 'seeking',
    startTour: (step = 0) => show(Math.max(0, Math.min(step, LAST))),
    nextTourStep: async () => {
      const { tourOpen, tourStep } = get();
      if (tourOpen && tourStep < LAST) await show(tourStep + 1);
    },
    previousTourStep: async () => {
      const { tourOpen, tourStep } = get();
      if (tourOpen && tourStep > 0) await show(tourStep - 1);
    },
    endTour: () => {
      // A step still being sought must not reopen the player where the tour was.
      ++seeks;
      const finished = get().tourStep === LAST;
      set({ tourOpen: false, ...(finished ? { tourSaved: null } : {}) });
      if (finished) writeTourStep(null);
    },
  };
};

/** How many steps the tour has. */
export const TOUR_LENGTH = TOUR_STEPS.length;

export const selectTourOpen = (state: KpvizState): boolean => state.tourOpen;
export const selectTourStep = (state: KpvizState): number => state.tourStep;
export const selectTourSaved = (state: KpvizState): number | null => state.tourSaved;
export const selectTourMoment = (state: KpvizState): TourMoment => state.tourMoment;
