import { useEffect } from 'react';

/**
 * The action a key press on the page asks for, if any. `actionFor` sees only presses without
 * Alt, Ctrl or Meta that nothing handled before; the press is consumed when it returns one.
 *
 * @example
 *   useWindowKeys((event) => (event.key === 'PageDown' ? stepForward : undefined));
 */
export function useWindowKeys(actionFor: (event: KeyboardEvent) => (() => void) | undefined): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const action = actionFor(event);
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actionFor]);
}
