/**
 * The app's state in the URL's fragment (`#scenario=nodeport&step=4&env=e1.…`): a link opens
 * where it was copied, and a fragment never reaches the server, so any static host serves it.
 * Each feature owns its own keys; writing one key keeps the others. Writes replace the
 * current history entry, so stepping through an animation does not fill the Back button.
 */

/** The fragment's parameters, as the URL holds them now. */
export function readHash(): URLSearchParams {
  return new URLSearchParams(window.location.hash.replace(/^#/, ''));
}

/**
 * Set (a string) or remove (null) some keys of the fragment, leaving the others as they are.
 *
 * @example
 *   updateHash({ scenario: 'nodeport-external', step: '3' });
 *   updateHash({ step: null });
 */
export function updateHash(changes: Readonly<Record<string, string | null>>): void {
  const params = readHash();
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  const text = params.toString();
  const url = `${window.location.pathname}${window.location.search}${text ? `#${text}` : ''}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`)
    window.history.replaceState(window.history.state, '', url);
}
