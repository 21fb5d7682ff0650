import { startTransition, useEffect, useState } from 'react';
import type { ServicePage, ServiceSummary } from '../../session/protocol.ts';

/**
 * Cards drawn at once when a dump's first list comes: more than the panel shows at once. The
 * rest follow in a task of their own once these are painted, so that a new dump's list, its
 * graph and React Flow's measuring of it do not add up to one long task.
 */
export const FIRST_CARDS = 12;

/**
 * The page's Services to draw now. A dump's (`source`'s) first long page is drawn in two
 * turns: its first FIRST_CARDS at once, all of it from the task after the next frame. Its
 * later pages (a search's answers) are drawn whole, so that the cards a page shares with the
 * one before stay as they are.
 */
export function useCardsInTurn(
  page: ServicePage | null,
  source: unknown,
): readonly ServiceSummary[] {
  /** The dump whose list has been drawn whole. */
  const [whole, setWhole] = useState<{ readonly source: unknown } | null>(null);
  const services = page?.services ?? [];
  const waiting = page !== null && services.length > FIRST_CARDS && whole?.source !== source;
  useEffect(() => {
    if (!waiting) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame callback runs before that frame is painted; the task after it, once it is.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setWhole({ source })), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [waiting, source]);
  return waiting ? services.slice(0, FIRST_CARDS) : services;
}
