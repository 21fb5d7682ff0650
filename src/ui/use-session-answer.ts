import { useEffect, useRef, useState } from 'react';
import type { Session } from '../session/session-client.ts';
import { selectSession } from '../store/rules-slice.ts';
import { useKpvizStore } from '../store/store.ts';

/**
 * An answer from the dump on screen, asked for once per `key` and dump:
 * undefined until it arrives, or while `key` is null (nothing to ask). An
 * answer for an older key or dump is never shown.
 *
 * @example
 *   const detail = useSessionAnswer(`chain ${node}`, (session) => session.query('chain', node));
 */
export function useSessionAnswer<T>(
  key: string | null,
  ask: (session: Session) => Promise<T>,
): T | undefined {
  const session = useKpvizStore(selectSession);
  // The latest `ask`, without asking again whenever a caller passes a new closure.
  const asking = useRef(ask);
  useEffect(() => {
    asking.current = ask;
  });
  const [answer, setAnswer] = useState<{ session: Session; key: string; value: T }>();
  useEffect(() => {
    if (key === null) return;
    let live = true;
    asking.current(session).then(
      (value) => {
        if (live) setAnswer({ session, key, value });
      },
      () => {
        // The dump was replaced while asking: its answer no longer matters.
      },
    );
    return () => {
      live = false;
    };
  }, [session, key]);
  return answer !== undefined && answer.session === session && answer.key === key
    ? answer.value
    : undefined;
}
