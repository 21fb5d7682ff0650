import { startTransition, useEffect, useState } from 'react';
import type { ServicePage, ServiceSummary } from '../../session/protocol.ts';

/**
 * Cards drawn as soon as a list comes: more than the panel shows at once. The rest follow
 * in a task of their own once these are painted, so that a new dump's list, its graph and
 * React Flow's measuring of it do not add up to one long task.
 */
export const FIRST_CARDS = 12;

/**
 * The page's Services to draw now: the first FIRST_CARDS when the page is new, all of them
 * from the frame after those were painted.
 */
export function useCardsInTurn(page: ServicePage | null): readonly ServiceSummary[] {
  const [complete, setComplete] = useState<ServicePage | null>(null);
  const services = page?.services ?? [];
  const waiting = page !== null && page !== complete && services.length > FIRST_CARDS;
  useEffect(() => {
    if (!waiting) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame callback runs before that frame is painted; the task after it, once it is.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setComplete(page)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [waiting, page]);
  return waiting ? services.slice(0, FIRST_CARDS) : services;
}
