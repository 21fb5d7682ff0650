/**
 * Where keyboard focus goes when the presenter view closes: the button that opened it, as a
 * dialog returns focus to its opener. The view unmounts and the page mounts in one commit, so
 * the view leaves a note and the button takes it when it mounts.
 */
export const focusReturn = { pending: false };
