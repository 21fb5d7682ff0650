/**
 * Where the guided tour was left, kept in localStorage so reopening the app can offer to go
 * on from there. Storage can be missing or refuse (private windows, a full quota, a sandboxed
 * iframe): the tour then simply does not remember, it never fails.
 */

const KEY = 'kpviz.tour.step';

/** The 0-based step saved, or null when there is none (or it is not a step below `count`). */
export function readTourStep(count: number): number | null {
  try {
    const text = globalThis.localStorage.getItem(KEY);
    const step = text === null ? NaN : Number(text);
    return Number.isInteger(step) && step >= 0 && step < count ? step : null;
  } catch {
    return null;
  }
}

/** Save the step (null forgets it: the tour was finished). */
export function writeTourStep(step: number | null): void {
  try {
    if (step === null) globalThis.localStorage.removeItem(KEY);
    else globalThis.localStorage.setItem(KEY, String(step));
  } catch {
    // Not remembered: the tour still works, only resuming is not offered.
  }
}
