/**
 * The Web Worker that holds a dump the user brought: it parses the text,
 * reports progress, and answers the page's queries from the parsed rules
 * (see protocol.ts). One worker per dump, so cancelling a parse is
 * terminating its worker while the dump on screen stays answered by its own.
 */
import { environmentFromYaml } from '../domain/env/yaml-import.ts';
import { ask, DumpSession } from './dump-session.ts';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';

let session: DumpSession | undefined;
/** The dump's text as its pieces arrive, until it is opened. */
let pieces: string[] = [];

const post = (message: WorkerResponse) => {
  self.postMessage(message);
};

/**
 * How long the worker reads the rules an opened dump left for later before it looks for
 * the page's questions again (it stops between chains, so a chain of 10,000 rules is read
 * at one go).
 */
const SLICE_MS = 40;

/**
 * How long after telling the page something (the dump opened, an answer) the worker waits
 * before it reads on: the page has work to do with it (a new graph to draw), and on a
 * machine of two cores the reading would slow that down.
 */
const QUIET_MS = 300;

/** The longest the reading waits for a quiet moment: questions one after another do not stop it. */
const MAX_WAIT_MS = 2000;

/** When the worker last told the page something it will act on. */
let toldAt = 0;

/** Reads the rest of `opened`'s rules a slice at a time, then tells the page. */
function readOn(opened: DumpSession, since: number, readAt = performance.now()): void {
  const now = performance.now();
  const wait = now - readAt >= MAX_WAIT_MS ? 0 : Math.max(0, toldAt + QUIET_MS - now);
  setTimeout(() => {
    if (wait > 0 && performance.now() < toldAt + QUIET_MS) {
      readOn(opened, since, readAt);
      return;
    }
    if (!opened.readSome(performance.now() + SLICE_MS)) {
      readOn(opened, since);
      return;
    }
    post({ kind: 'checked', overview: opened.overview(), checkMs: performance.now() - since });
  }, wait);
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.kind === 'text') {
    pieces.push(request.text);
    return;
  }
  if (request.kind === 'open') {
    const text = pieces.join('');
    pieces = [];
    try {
      const start = performance.now();
      session = DumpSession.open(
        text,
        request.options,
        (done, total) => post({ kind: 'progress', done, total }),
        environmentFromYaml,
        // The page is told of the dump once what it first shows is read; the rest follows.
        { deferRules: true },
      );
      const overview = session.overview();
      const opened = performance.now();
      post({ kind: 'opened', overview, openMs: opened - start });
      toldAt = performance.now();
      if (overview.checking) readOn(session, opened);
    } catch (error) {
      post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  try {
    if (!session) throw new Error('no dump is open');
    post({ kind: 'answer', id: request.id, value: ask(session, request.name, request.args) });
    toldAt = performance.now();
  } catch (error) {
    post({
      kind: 'error',
      id: request.id,
      message: error instanceof Error ? error.message : String(error),
    });
  }
};
