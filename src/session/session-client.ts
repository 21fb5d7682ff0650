/**
 * Opening a dump from the page: in a Web Worker wherever there is one, so a
 * 50 MB paste never freezes the page, and in the page itself elsewhere
 * (tests, a host that forbids workers). Either way the page gets a Session
 * whose queries answer asynchronously.
 */
import { ask, DumpSession, readsObjects, type ObjectsReader } from './dump-session.ts';
import type {
  DumpOverview,
  OpenOptions,
  QueryName,
  SessionQueries,
  WorkerRequest,
  WorkerResponse,
} from './protocol.ts';

type Answer<K extends QueryName> = ReturnType<SessionQueries[K]>;
type Args<K extends QueryName> = Parameters<SessionQueries[K]>;

/** An open dump, as the page sees it. */
export interface Session {
  /** The overview as the dump opened: while `checking`, of the rules read so far. */
  readonly overview: DumpOverview;
  /**
   * The overview once every rule is read (the opening one when it already was); rejected
   * when the worker reading them stops.
   */
  readonly checked: Promise<DumpOverview>;
  /**
   * Ask the dump a question (protocol.ts lists them).
   *
   * @example
   *   const graph = await session.query('graph', { focus: null, expanded: [], collapsed: [] });
   */
  query<K extends QueryName>(name: K, ...args: Args<K>): Promise<Answer<K>>;
  /** Let the dump go: a worker's ends, and its queries after this fail. */
  close(): void;
}

/** A dump being opened. */
export interface Opening {
  /** The session, or undefined when the opening was cancelled. */
  readonly result: Promise<Session | undefined>;
  /** Stop parsing; the result becomes undefined. */
  cancel(): void;
}

export type ProgressListener = (done: number, total: number) => void;

/**
 * A session over a dump parsed in this thread: for the small example the app
 * opens with, which must be on screen in the first frame.
 *
 * @example
 *   const session = pageSessionOf(DumpSession.open(SEED_LISTING));
 */
export function pageSessionOf(session: DumpSession): Session {
  return {
    overview: session.overview(),
    checked: Promise.resolve().then(() => {
      session.readSome(Infinity);
      return session.overview();
    }),
    query(name, ...args) {
      try {
        return Promise.resolve(ask(session, name, args) as Answer<typeof name>);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    close() {
      // Nothing to end: the parsed rules go when nothing refers to them.
    },
  };
}

/** Parse in this thread, after yielding once so the page can show that it is working. */
function openInPage(text: string, options: OpenOptions, onProgress?: ProgressListener): Opening {
  let cancelled = false;
  const result = (async () => {
    // The YAML reader only for Kubernetes objects: a page that shows rules loads none.
    const objects: ObjectsReader | undefined = readsObjects(text, options)
      ? (await import('../domain/env/yaml-import.ts')).environmentFromYaml
      : undefined;
    // A task of its own, after the caller has shown that the dump is being read.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (cancelled) return undefined;
    return pageSessionOf(DumpSession.open(text, options, onProgress, objects));
  })();
  return {
    result,
    cancel() {
      cancelled = true;
    },
  };
}

function workerSession(worker: Worker, overview: DumpOverview): Session {
  let lastId = 0;
  let open = true;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let checked: { resolve: (o: DumpOverview) => void; reject: (e: Error) => void } | undefined;
  const whenChecked = overview.checking
    ? new Promise<DumpOverview>((resolve, reject) => (checked = { resolve, reject }))
    : Promise.resolve(overview);
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const message = event.data;
    if (message.kind === 'checked') {
      performance.mark(WORKER_CHECKED_MARK, { detail: { ms: message.checkMs } });
      checked?.resolve(message.overview);
      return;
    }
    if (message.kind !== 'answer' && message.kind !== 'error') return;
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.kind === 'answer') waiting.resolve(message.value);
    else waiting.reject(new Error(message.message));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    const stopped = new Error('the dump worker stopped');
    for (const waiting of pending.values()) waiting.reject(stopped);
    pending.clear();
    checked?.reject(stopped);
  };
  return {
    overview,
    checked: whenChecked,
    query(name, ...args) {
      if (!open) return Promise.reject(new Error('the dump was closed'));
      const id = ++lastId;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        const request: WorkerRequest = { kind: 'query', id, name, args };
        worker.postMessage(request);
      });
    },
    close() {
      open = false;
      worker.terminate();
      for (const waiting of pending.values()) waiting.reject(new Error('the dump was closed'));
      pending.clear();
    },
  };
}

/**
 * Marked when a worker has opened a dump, with `detail.ms`: the time it spent parsing it and
 * finding its Services (`npm run bench` reports it).
 */
export const WORKER_OPENED_MARK = 'kpviz:worker-opened';

/** Marked when a worker has read every rule of its dump, with how long that took after it opened. */
export const WORKER_CHECKED_MARK = 'kpviz:worker-checked';

/** Characters of a dump sent to its worker in one message: about 4 ms of the page's time. */
const PIECE_CHARS = 1 << 20;

/** The next task of the page's event loop (a timer would be clamped to 4 ms when nested). */
const nextTask = () =>
  new Promise<void>((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });

/**
 * Hand `text` to `worker` in pieces, one per task, then ask it to open them: a 20 MB paste in
 * one message held the page for ~85 ms while it was copied, longer than a frame may take.
 */
async function sendDump(worker: Worker, text: string, options: OpenOptions): Promise<void> {
  for (let at = 0; ; at += PIECE_CHARS) {
    const piece: WorkerRequest = { kind: 'text', text: text.slice(at, at + PIECE_CHARS) };
    worker.postMessage(piece);
    if (at + PIECE_CHARS >= text.length) break;
    await nextTask();
  }
  const open: WorkerRequest = { kind: 'open', options };
  worker.postMessage(open);
}

/** Starts a session worker (throws where the page may not start one from this script). */
function startWorker(): Worker {
  // Written out in full: Vite finds and bundles the worker from this exact expression.
  return new Worker(new URL('./session.worker.ts', import.meta.url), { type: 'module' });
}

/** A worker started before its dump; `failed` once it has reported that it cannot run. */
let spare: { readonly worker: Worker; failed: boolean } | undefined;

/**
 * Start the worker the next dump will open in, ahead of it: fetching and compiling the
 * worker's script was ~250 ms of the wait after the user asked for a dump. For when one is on
 * its way (the import panel opened, text pasted). Does nothing when one is ready or workers
 * cannot start here.
 *
 * @example
 *   prepareSession(); // later: openSession(text) takes this worker
 */
export function prepareSession(): void {
  if (spare || typeof Worker === 'undefined') return;
  try {
    const ready = { worker: startWorker(), failed: false };
    ready.worker.onerror = (event) => {
      event.preventDefault();
      ready.failed = true;
    };
    spare = ready;
  } catch {
    // Another origin's script: dumps open in the page.
  }
}

/** The prepared worker if there is a sound one, else a new one. */
function takeWorker(): Worker {
  const ready = spare;
  spare = undefined;
  if (ready && !ready.failed) return ready.worker;
  ready?.worker.terminate();
  return startWorker();
}

/**
 * Open `text` in a worker of its own, telling `onProgress` how far the parse
 * has got; in the page where there are no workers, or the worker cannot start (a content
 * policy, or a script from another origin than the page's).
 *
 * @example
 *   const opening = openSession(text, {}, (done, total) => showProgress(done / total));
 *   const session = await opening.result; // undefined if opening.cancel() was called
 */
export function openSession(
  text: string,
  options: OpenOptions = {},
  onProgress?: ProgressListener,
): Opening {
  if (typeof Worker === 'undefined') return openInPage(text, options, onProgress);
  let worker: Worker;
  try {
    worker = takeWorker();
  } catch {
    // A script served from another origin than the page (the `<kpviz-player>` element on a
    // docs site) may not start a worker from its own: the dump is parsed here.
    return openInPage(text, options, onProgress);
  }
  let settle: ((session: Session | undefined) => void) | undefined;
  let fallback: Opening | undefined;
  const result = new Promise<Session | undefined>((resolve, reject) => {
    settle = resolve;
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const message = event.data;
      if (message.kind === 'progress') onProgress?.(message.done, message.total);
      else if (message.kind === 'opened') {
        // What the worker itself spent, for `npm run bench` beside the time the page waited.
        performance.mark(WORKER_OPENED_MARK, { detail: { ms: message.openMs } });
        settle = undefined;
        resolve(workerSession(worker, message.overview));
      } else if (message.kind === 'failed') {
        settle = undefined;
        worker.terminate();
        reject(new Error(message.message));
      }
    };
    worker.onerror = (event) => {
      // A worker that cannot load (a host's content policy) or crashed: the page parses instead.
      event.preventDefault();
      worker.terminate();
      if (!settle) return;
      settle = undefined;
      fallback = openInPage(text, options, onProgress);
      fallback.result.then(resolve, reject);
    };
  });
  void sendDump(worker, text, options);
  return {
    result,
    cancel() {
      worker.terminate();
      fallback?.cancel();
      const pendingSettle = settle;
      settle = undefined;
      pendingSettle?.(undefined);
    },
  };
}
