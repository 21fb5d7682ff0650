import { ROWS_PER_FRAME, rowsWaiting, whenRowsFit } from './row-batches.ts';

beforeEach(() => {
  vi.useFakeTimers({
    toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'setTimeout', 'clearTimeout'],
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Asks for `rows` rows and notes when they are let in. */
function ask(rows: number, name: string, shown: string[]) {
  return whenRowsFit(rows, () => shown.push(name));
}

describe('whenRowsFit', () => {
  it('lets bodies in a frame at a time, as many as fit the frame’s rows, in order', () => {
    expect(ROWS_PER_FRAME).toBe(24);
    const shown: string[] = [];
    ask(10, 'a', shown);
    ask(10, 'b', shown);
    ask(10, 'c', shown);
    ask(30, 'd', shown);
    ask(5, 'e', shown);
    expect(shown).toEqual([]);
    // The next frame draws the nodes; their rows start in the one after.
    vi.advanceTimersToNextFrame();
    expect(shown).toEqual([]);
    vi.advanceTimersToNextFrame();
    expect(shown).toEqual(['a', 'b']);
    vi.advanceTimersToNextFrame();
    expect(shown).toEqual(['a', 'b', 'c']);
    // A body bigger than a frame's rows comes alone.
    vi.advanceTimersToNextFrame();
    expect(shown).toEqual(['a', 'b', 'c', 'd']);
    vi.advanceTimersToNextFrame();
    expect(shown).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(rowsWaiting()).toBe(0);
  });

  it('forgets a body taken back before its turn', () => {
    const shown: string[] = [];
    ask(20, 'a', shown);
    const cancel = ask(20, 'b', shown);
    ask(1, 'c', shown);
    cancel();
    vi.advanceTimersToNextFrame();
    vi.advanceTimersToNextFrame();
    expect(shown).toEqual(['a', 'c']);
    expect(rowsWaiting()).toBe(0);
  });

  it('stops waiting for a frame once every body waiting is taken back', () => {
    const shown: string[] = [];
    const cancel = ask(5, 'a', shown);
    cancel();
    expect(vi.getTimerCount()).toBe(0);
    ask(5, 'b', shown);
    vi.advanceTimersToNextFrame();
    vi.advanceTimersToNextFrame();
    expect(shown).toEqual(['b']);
  });

  it('lets rows in without frames, as a page in the background gets none', () => {
    vi.useRealTimers();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('requestAnimationFrame', () => 1);
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    const shown: string[] = [];
    ask(20, 'a', shown);
    ask(20, 'b', shown);
    vi.advanceTimersByTime(249);
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual(['a']);
    vi.advanceTimersByTime(250);
    expect(shown).toEqual(['a', 'b']);
  });
});
