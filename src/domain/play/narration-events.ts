/**
 * The narration of the kernel's own steps between the rules: where a packet enters,
 * conntrack's lookup, the nat table skipped for a known connection and the bindings applied
 * instead, routing, confirmation, delivery. The packet's role in the conversation (request,
 * the endpoint's reply, the client's next packet) changes what is worth saying.
 */
import type { EventStep, RouteKind, Tuple } from '../sim/types.ts';
import type { Narration } from './narration.ts';
import { narrateDrop, narrateMartian } from './narration-drop.ts';
import { say } from './narration-keys.ts';
import { destinationOf, endpoint, sourceOf, tupleText } from './narration-text.ts';
import type { ConntrackView, Frame } from './types.ts';

const tupleSource = (t: Tuple): string =>
  endpoint(t.src, t.protocol === 'icmp' ? undefined : t.sport);

/** The connection had its destination translated (the reply tuple comes from elsewhere). */
const dnatted = (ct: ConntrackView | undefined): ct is ConntrackView =>
  ct !== undefined && (ct.reply.src !== ct.original.dst || ct.reply.sport !== ct.original.dport);

/** The connection had its source translated (the reply goes elsewhere). */
const snatted = (ct: ConntrackView | undefined): ct is ConntrackView =>
  ct !== undefined && (ct.reply.dst !== ct.original.src || ct.reply.dport !== ct.original.sport);

function enter(frame: Frame, step: EventStep): Narration[] {
  const from = String(step.detail?.from ?? 'local');
  const src = sourceOf(frame.after);
  const dst = destinationOf(frame.after);
  const local = from === 'local';
  if (frame.role === 'reply') {
    return [
      local
        ? say('enter.replyLocal', { src, dst })
        : say('enter.replyInterface', { src, dst, dev: from }),
      say('enter.whyReply', { dst }),
    ];
  }
  if (frame.role === 'again') {
    return [
      local
        ? say('enter.againLocal', { src, dst })
        : say('enter.againInterface', { src, dst, dev: from }),
      say('enter.whyAgain', {}),
    ];
  }
  const protocol = frame.after.protocol;
  return local
    ? [say('enter.local', { src, dst, protocol }), say('enter.whyLocal', {})]
    : [say('enter.interface', { src, dst, protocol, dev: from }), say('enter.whyInterface', {})];
}

function conntrack(frame: Frame, step: EventStep): Narration[] {
  const p = frame.after;
  const state = p.ctState ?? 'INVALID';
  const tuple = tupleText({
    src: p.src,
    dst: p.dst,
    protocol: p.protocol,
    sport: p.sport ?? 0,
    dport: p.dport ?? 0,
  });
  if (state === 'UNTRACKED')
    return [say('conntrack.untracked', {}), say('conntrack.whyUntracked', {})];
  if (state === 'INVALID') return [say('conntrack.invalid', {}), say('conntrack.whyInvalid', {})];
  const direction = step.detail?.direction;
  if (direction === undefined)
    return [say('conntrack.new', { tuple }), say('conntrack.whyNew', {})];
  return direction === 'REPLY'
    ? [say('conntrack.reply', { tuple, state }), say('conntrack.whyReply', {})]
    : [say('conntrack.known', { tuple, state }), say('conntrack.whyKnown', {})];
}

function natSkipped(frame: Frame, step: EventStep): Narration[] {
  const hook = step.hook ?? '';
  // A new connection's packet skips a nat hook only when that kind of binding already exists.
  if (frame.after.ctState === 'NEW' && frame.role !== 'reply') {
    const kind = hook === 'PREROUTING' || hook === 'OUTPUT' ? 'DNAT' : 'SNAT';
    return [say('natSkipped.bound', { hook, kind }), say('natSkipped.whyBound', {})];
  }
  return [
    say('natSkipped.known', { hook }),
    frame.role === 'reply' ? say('natSkipped.whyReply', {}) : say('natSkipped.whyKnown', {}),
  ];
}

function natReverse(frame: Frame, step: EventStep): Narration[] {
  const from = String(step.detail?.from ?? '');
  const to = String(step.detail?.to ?? '');
  const destination = frame.changed.includes('dst') || frame.changed.includes('dport');
  if (frame.role === 'reply') {
    // A reply's destination is the masquerade address undone; its source is the DNAT undone.
    return destination
      ? [say('natReverse.undoSnat', { from, to }), say('natReverse.whyUndoSnat', {})]
      : [say('natReverse.undoDnat', { from, to }), say('natReverse.whyUndoDnat', { from, to })];
  }
  return destination
    ? [say('natReverse.applyDnat', { from, to }), say('natReverse.whyApplyDnat', {})]
    : [say('natReverse.applySnat', { from, to }), say('natReverse.whyApplySnat', {})];
}

/** What routing decided: the simulator's `detail.kind` (sim/types.ts, RouteKind). */
function route(frame: Frame, step: EventStep): Narration[] {
  const detail = step.detail ?? {};
  const dst = typeof detail.dst === 'string' ? detail.dst : frame.after.dst;
  const dev = String(detail.dev ?? '');
  const ct = frame.conntrack;
  switch (detail.kind as RouteKind | undefined) {
    case 'forward': {
      const out = [say('route.forward', { dst, dev })];
      // Routing follows nat PREROUTING: it sees the pod, not the address the client used.
      if (frame.role !== 'reply' && ct && ct.original.dst !== dst)
        out.push(say('route.whyForwardDnat', { dst, original: ct.original.dst }));
      return out;
    }
    case 'local':
      return [say('route.local', { dst })];
    case 'unreachable':
      return [say('route.unreachable', { dst })];
    case 'no-forwarding':
      return [say('route.noForward', {})];
    case 'out':
      return [say('route.output', { dst, dev }), say('route.whyOutput', {})];
    case 'out-unreachable':
      return [say('route.outputUnreachable', { dst })];
    default:
      // A route event without a kind (none the simulator writes) says nothing rather than guess.
      return [];
  }
}

function delivered(frame: Frame, forwarded: string | undefined): Narration[] {
  const ct = frame.conntrack;
  const src = sourceOf(frame.after);
  const dst = destinationOf(frame.after);
  if (forwarded !== undefined) {
    const out = [say('sent.what', { src, dst, dev: forwarded })];
    if (frame.role === 'reply' && dnatted(ct))
      out.push(say('sent.whyReply', { src, endpoint: tupleSource(ct.reply) }));
    else if (frame.role === 'request' && snatted(ct))
      out.push(say('sent.whyMasqueraded', { src, client: tupleSource(ct.original) }));
    return out;
  }
  if (frame.role !== 'reply') return [say('deliver.what', { dst })];
  const out = [say('deliver.reply', { src })];
  if (dnatted(ct)) out.push(say('deliver.whyReply', { src, endpoint: tupleSource(ct.reply) }));
  return out;
}

export function narrateEvent(frame: Frame, step: EventStep): Narration[] {
  const detail = step.detail ?? {};
  switch (step.event) {
    case 'enter':
      return enter(frame, step);
    case 'conntrack':
      return conntrack(frame, step);
    case 'nat-skipped':
      return natSkipped(frame, step);
    case 'nat-reverse':
      return natReverse(frame, step);
    case 'route':
      return route(frame, step);
    case 'reroute': {
      const out = [say('reroute.what', { dst: frame.after.dst, dev: String(detail.dev ?? '') })];
      if (frame.conntrack) out.push(say('reroute.why', { original: frame.conntrack.original.dst }));
      return out;
    }
    case 'martian':
      return narrateMartian(frame, step);
    case 'deliver':
      return delivered(frame, undefined);
    case 'forward':
      return delivered(frame, String(detail.dev ?? frame.after.outInterface ?? ''));
    case 'confirm': {
      const ct = frame.conntrack;
      const why = say('confirm.why', {});
      if (!ct) return [why];
      return [
        say('confirm.what', { original: tupleText(ct.original), reply: tupleText(ct.reply) }),
        why,
      ];
    }
    case 'policy': {
      const verdict = String(detail.verdict ?? 'ACCEPT');
      const out = [
        say('policy.what', { table: step.table ?? '', chain: step.chain ?? '', verdict }),
      ];
      if (step.table === 'nat' && verdict === 'ACCEPT') out.push(say('policy.whyNat', {}));
      return out;
    }
    case 'drop':
      return [narrateDrop(step)];
    case 'loopback':
      return [say('loopback.what', {}), say('loopback.why', {})];
  }
}
