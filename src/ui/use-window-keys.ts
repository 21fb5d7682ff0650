import { useEffect } from 'react';

/** The action a key press asks for, if any. */
export type KeyAction = (event: KeyboardEvent) => (() => void) | undefined;

/**
 * Do what `actionFor` says a key press asks for, consuming the press; presses with Alt, Ctrl
 * or Meta and those something handled before are left alone. For keys bound to one element
 * (an embedded player's) rather than the window.
 *
 * @example
 *   <div onKeyDown={(e) => runKeyAction(e.nativeEvent, (event) => playbackAction(event, store))}>
 */
export function runKeyAction(event: KeyboardEvent, actionFor: KeyAction): void {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
  const action = actionFor(event);
  if (!action) return;
  event.preventDefault();
  action();
}

/**
 * The action a key press on the page asks for, if any. `actionFor` sees only presses without
 * Alt, Ctrl or Meta that nothing handled before; the press is consumed when it returns one.
 *
 * @example
 *   useWindowKeys((event) => (event.key === 'PageDown' ? stepForward : undefined));
 */
export function useWindowKeys(actionFor: KeyAction): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => runKeyAction(event, actionFor);
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actionFor]);
}
