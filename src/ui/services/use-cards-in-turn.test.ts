import { act, renderHook } from '@testing-library/react';
import { DumpSession } from '../../session/dump-session.ts';
import type { ServicePage } from '../../session/protocol.ts';
import { syntheticDump } from '../../domain/examples/synthetic-dump.ts';
import { FIRST_CARDS, useCardsInTurn } from './use-cards-in-turn.ts';

const session = DumpSession.open(syntheticDump({ services: 40 }));
const pageOf = (count: number, query = ''): ServicePage => session.services(query, count);
const labels = (cards: readonly { label: string }[]) => cards.map((c) => c.label);

describe('useCardsInTurn', () => {
  beforeEach(() => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'],
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('draws the first cards of a long list at once and the rest after the next frame', () => {
    const page = pageOf(30);
    const { result } = renderHook(() => useCardsInTurn(page));
    expect(labels(result.current)).toEqual(labels(page.services.slice(0, FIRST_CARDS)));
    act(() => {
      vi.advanceTimersToNextFrame();
    });
    // The frame has run but the task after it has not: still the first cards.
    expect(result.current).toHaveLength(FIRST_CARDS);
    act(() => {
      vi.runOnlyPendingTimers();
    });
    expect(labels(result.current)).toEqual(labels(page.services));
  });

  it('draws a short list whole, and no list as none', () => {
    const initialProps: { p: ServicePage | null } = { p: pageOf(FIRST_CARDS) };
    const { result, rerender } = renderHook(({ p }) => useCardsInTurn(p), { initialProps });
    expect(result.current).toHaveLength(FIRST_CARDS);
    rerender({ p: null });
    expect(result.current).toEqual([]);
  });

  it('starts over with a new list, and drops a turn the list no longer needs', () => {
    const first = pageOf(30);
    const { result, rerender } = renderHook(({ p }) => useCardsInTurn(p), {
      initialProps: { p: first },
    });
    act(() => {
      vi.advanceTimersToNextFrame();
      vi.runOnlyPendingTimers();
    });
    expect(result.current).toHaveLength(30);
    const second = pageOf(25);
    rerender({ p: second });
    expect(labels(result.current)).toEqual(labels(second.services.slice(0, FIRST_CARDS)));
    // A third list before the second's turn: the second's turn never shows it.
    const third = pageOf(20);
    rerender({ p: third });
    act(() => {
      vi.advanceTimersToNextFrame();
      vi.runOnlyPendingTimers();
    });
    expect(labels(result.current)).toEqual(labels(third.services));
  });
});
