import { flushSync } from 'react-dom';

/**
 * How many rule rows newly drawn nodes bring in per frame. A new dump's graph
 * mounts its nodes at once; their rows, most of what the browser lays out and
 * paints, come in batches of about this many a frame, so that no frame lays out
 * the whole graph's text (on a slow machine, 300 new rows took a 50 ms frame).
 */
export const ROWS_PER_FRAME = 24;

/**
 * When a batch is let in even if no frame comes: a page in the background or an
 * embedding frame scrolled out of view gets no animation frames, and its rows
 * must still be there when it is looked at.
 */
const NO_FRAME_MS = 250;

interface Waiting {
  readonly rows: number;
  readonly show: () => void;
}

const queue: Waiting[] = [];
let frame: number | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
/**
 * Whether the coming frame is the one the waiting nodes come in: it draws them
 * (their boxes, handles and edges) and no rows; the rows start a frame later.
 */
let nodesFrame = false;

/** Forgets the coming frame and timer. */
function stop(): void {
  if (frame !== undefined) cancelAnimationFrame(frame);
  if (timer !== undefined) clearTimeout(timer);
  frame = undefined;
  timer = undefined;
}

/** Lets in the waiting bodies that fit this frame's budget (at least one), in the order they asked. */
function letIn(inFrame: boolean): void {
  stop();
  if (inFrame && nodesFrame) {
    nodesFrame = false;
    schedule();
    return;
  }
  nodesFrame = false;
  let budget = ROWS_PER_FRAME;
  const batch: Waiting[] = [];
  while (queue.length > 0 && (batch.length === 0 || budget >= (queue[0] as Waiting).rows)) {
    const next = queue.shift() as Waiting;
    budget -= next.rows;
    batch.push(next);
  }
  // Committed now, so that this frame lays out this batch and no more.
  flushSync(() => {
    for (const waiting of batch) waiting.show();
  });
  if (queue.length > 0) schedule();
}

function schedule(): void {
  frame ??= requestAnimationFrame(() => letIn(true));
  timer ??= setTimeout(() => letIn(false), NO_FRAME_MS);
}

/**
 * Calls `show` in a coming frame (not the next: the one after the frame that
 * draws the new nodes), once the bodies that asked before it are in and its
 * `rows` fit that frame's budget (see ROWS_PER_FRAME). Returns what takes the
 * request back (a node gone before its turn).
 */
export function whenRowsFit(rows: number, show: () => void): () => void {
  const waiting: Waiting = { rows, show };
  if (queue.length === 0) nodesFrame = true;
  queue.push(waiting);
  schedule();
  return () => {
    const at = queue.indexOf(waiting);
    if (at >= 0) queue.splice(at, 1);
    if (queue.length === 0) stop();
  };
}

/** How many nodes' rows are still waiting for their frame. */
export const rowsWaiting = (): number => queue.length;
