/**
 * The narration of a walk's end without delivery: routing's martian check, and the drop event
 * that closes a dropped or rejected walk. Both read the simulator's `detail` (its kind and the
 * values it names), never its English.
 */
import type { DropKind, EventStep, MartianKind } from '../sim/types.ts';
import type { Narration } from './narration.ts';
import { say } from './narration-keys.ts';
import type { Frame } from './types.ts';

/** Why ip_route_input refused the packet: the martian event's `detail.kind`. */
export function narrateMartian(frame: Frame, step: EventStep): Narration[] {
  const detail = step.detail ?? {};
  const src = String(detail.src ?? frame.after.src);
  const dst = String(detail.dst ?? frame.after.dst);
  switch (detail.kind as MartianKind | undefined) {
    case 'source-broadcast':
      return [say('martian.sourceBroadcast', { src })];
    case 'source-zeronet':
      return [say('martian.sourceZeronet', { src })];
    case 'destination-zeronet':
      return [say('martian.destinationZeronet', { dst })];
    case 'source-localnet':
      return [say('martian.sourceLocalnet', { src }), say('martian.whyLocalnet', {})];
    case 'destination-localnet':
      return [say('martian.destinationLocalnet', { dst }), say('martian.whyLocalnet', {})];
    case 'source-own':
      return [say('martian.sourceOwn', { src })];
    default:
      return [say('martian.other', {})];
  }
}

/** How the walk ended: the drop event's `detail.kind` (a DropCause) and its values. */
export function narrateDrop(step: EventStep): Narration {
  const detail = step.detail ?? {};
  const verdict = String(detail.verdict ?? 'DROP');
  const rule = String(detail.rule ?? '');
  switch (detail.kind as DropKind | undefined) {
    case 'rule':
      return verdict === 'REJECT' ? say('drop.rejected', { rule }) : say('drop.rule', { rule });
    case 'queue':
      return say('drop.queue', { rule });
    case 'policy':
      return say('drop.policy', {
        table: String(detail.table ?? step.table ?? ''),
        chain: String(detail.chain ?? step.chain ?? ''),
      });
    case 'martian':
      return say('drop.martian', {});
    case 'no-route':
      return say('drop.noRoute', { dst: String(detail.dst ?? step.packet.dst) });
    case 'no-forwarding':
      return say('drop.noForward', {});
    case 'multicast':
      return say('drop.multicast', {});
    default:
      // A drop event without a cause (none the simulator writes): its verdict alone.
      return say('drop.other', { verdict });
  }
}
