import { SEED_SAVE } from '../domain/examples/seed.ts';
import { DumpSession } from './dump-session.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';
import { openSession, prepareSession, WORKER_OPENED_MARK } from './session-client.ts';

/** Stands in for the session worker: records what the page sends, opens what it is given. */
class FakeWorker {
  static last: FakeWorker | undefined;
  readonly received: WorkerRequest[] = [];
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  private pieces: string[] = [];

  static started = 0;

  constructor() {
    FakeWorker.last = this;
    FakeWorker.started++;
  }

  postMessage(request: WorkerRequest): void {
    this.received.push(request);
    if (request.kind === 'text') this.pieces.push(request.text);
    if (request.kind === 'open') {
      const session = DumpSession.open(this.pieces.join(''), request.options);
      const opened: WorkerResponse = { kind: 'opened', overview: session.overview(), openMs: 1234 };
      queueMicrotask(() => this.onmessage?.({ data: opened } as MessageEvent<WorkerResponse>));
    }
  }

  terminate(): void {}
}

beforeEach(() => vi.stubGlobal('Worker', FakeWorker));
afterEach(() => vi.unstubAllGlobals());

describe('openSession with a worker', () => {
  it('sends a big dump in pieces of 1 Mi characters, in order, then opens it whole', async () => {
    // The seed's nat table, padded past 2 Mi characters with comment lines.
    const padding = `# ${'x'.repeat(1022)}\n`.repeat(2200);
    const text = padding + SEED_SAVE;
    const session = await openSession(text, { format: 'save' }).result;
    const received = FakeWorker.last?.received ?? [];
    const pieces = received.filter((r) => r.kind === 'text');
    expect(pieces.map((p) => p.text.length)).toEqual([
      1 << 20,
      1 << 20,
      text.length - 2 * (1 << 20),
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(received.at(-1)).toEqual({ kind: 'open', options: { format: 'save' } });
    expect(session?.overview.format).toBe('save');
    // The worker's own time, marked for the benchmark.
    const marks = performance.getEntriesByName(WORKER_OPENED_MARK, 'mark') as PerformanceMark[];
    expect(marks.at(-1)?.detail).toEqual({ ms: 1234 });
  });

  it('sends a small or empty dump in one piece', async () => {
    await openSession('', {}).result;
    expect(FakeWorker.last?.received).toEqual([
      { kind: 'text', text: '' },
      { kind: 'open', options: {} },
    ]);
  });

  it('opens a dump in the worker prepared for it, and prepares one at a time', async () => {
    const before = FakeWorker.started;
    prepareSession();
    prepareSession();
    const prepared = FakeWorker.last;
    const started = FakeWorker.started;
    expect(started).toBe(before + 1);
    const session = await openSession(SEED_SAVE, {}).result;
    expect(FakeWorker.started).toBe(started);
    expect(FakeWorker.last).toBe(prepared);
    expect(prepared?.received.at(-1)).toEqual({ kind: 'open', options: {} });
    expect(session?.overview.format).toBe('save');
    // Taken: the next dump starts a worker of its own.
    await openSession(SEED_SAVE, {}).result;
    expect(FakeWorker.started).toBe(started + 1);
  });
});
