import { act, renderHook } from '@testing-library/react';
import { DumpSession } from '../../session/dump-session.ts';
import type { ServicePage } from '../../session/protocol.ts';
import { syntheticDump } from '../../domain/examples/synthetic-dump.ts';
import { FIRST_CARDS, useCardsInTurn } from './use-cards-in-turn.ts';

const session = DumpSession.open(syntheticDump({ services: 40 }));
const pageOf = (count: number, query = ''): ServicePage => session.services(query, count);
const labels = (cards: readonly { label: string }[]) => cards.map((c) => c.label);

interface Props {
  readonly page: ServicePage | null;
  readonly source: string;
}

/** The hook with every list it returned, in order. */
function renderCards(initialProps: Props) {
  const drawn: number[] = [];
  const hook = renderHook(
    ({ page, source }: Props) => {
      const cards = useCardsInTurn(page, source);
      drawn.push(cards.length);
      return cards;
    },
    { initialProps },
  );
  return { ...hook, drawn };
}

/** The next frame, then the tasks it left. */
const nextFrameAndTask = () =>
  act(() => {
    vi.advanceTimersToNextFrame();
    vi.runOnlyPendingTimers();
  });

describe('useCardsInTurn', () => {
  beforeEach(() => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'],
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('draws a dump’s first long list in two turns: the first cards, then all after a frame', () => {
    const page = pageOf(30);
    const { result } = renderCards({ page, source: 'a' });
    expect(labels(result.current)).toEqual(labels(page.services.slice(0, FIRST_CARDS)));
    act(() => {
      vi.advanceTimersToNextFrame();
    });
    // The frame has run; the task after it has not.
    expect(result.current).toHaveLength(FIRST_CARDS);
    act(() => {
      vi.runOnlyPendingTimers();
    });
    expect(labels(result.current)).toEqual(labels(page.services));
  });

  it('draws a short list whole, and no list as none', () => {
    const { result, rerender } = renderCards({ page: pageOf(FIRST_CARDS), source: 'a' });
    expect(result.current).toHaveLength(FIRST_CARDS);
    expect(vi.getTimerCount()).toBe(0);
    rerender({ page: null, source: 'a' });
    expect(result.current).toEqual([]);
  });

  it('draws the same dump’s later lists whole at once, and a new dump’s first in two turns', () => {
    const { result, rerender, drawn } = renderCards({ page: pageOf(30), source: 'a' });
    nextFrameAndTask();
    const search = pageOf(25, 'svc');
    rerender({ page: search, source: 'a' });
    expect(labels(result.current)).toEqual(labels(search.services));
    expect(vi.getTimerCount()).toBe(0);

    drawn.length = 0;
    const next = pageOf(20);
    rerender({ page: next, source: 'b' });
    expect(result.current).toHaveLength(FIRST_CARDS);
    nextFrameAndTask();
    expect(labels(result.current)).toEqual(labels(next.services));
    expect(drawn.filter((n) => n !== FIRST_CARDS && n !== 20)).toEqual([]);
  });

  it('leaves nothing waiting once unmounted or once the list is gone', () => {
    const { rerender, unmount } = renderCards({ page: pageOf(30), source: 'a' });
    expect(vi.getTimerCount()).toBe(1);
    rerender({ page: null, source: 'a' });
    expect(vi.getTimerCount()).toBe(0);
    rerender({ page: pageOf(30), source: 'a' });
    act(() => {
      vi.advanceTimersToNextFrame();
    });
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
