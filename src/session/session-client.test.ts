import { SEED_SAVE } from '../domain/examples/seed.ts';
import { DumpSession } from './dump-session.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';
import { openSession } from './session-client.ts';

/** Stands in for the session worker: records what the page sends, opens what it is given. */
class FakeWorker {
  static last: FakeWorker | undefined;
  readonly received: WorkerRequest[] = [];
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  private pieces: string[] = [];

  constructor() {
    FakeWorker.last = this;
  }

  postMessage(request: WorkerRequest): void {
    this.received.push(request);
    if (request.kind === 'text') this.pieces.push(request.text);
    if (request.kind === 'open') {
      const session = DumpSession.open(this.pieces.join(''), request.options);
      const opened: WorkerResponse = { kind: 'opened', overview: session.overview() };
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
  });

  it('sends a small or empty dump in one piece', async () => {
    await openSession('', {}).result;
    expect(FakeWorker.last?.received).toEqual([
      { kind: 'text', text: '' },
      { kind: 'open', options: {} },
    ]);
  });
});
