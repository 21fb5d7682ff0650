/**
 * A conversation as frames: one per step of each packet, with the header before and after
 * the step, the fields it changed, and the connection as conntrack holds it at that moment.
 * nf_conntrack sets a new connection's tuples when it first sees the packet (original =
 * the header then, reply = its inverse) and a NAT binding rewrites the reply tuple when it is
 * made: DNAT's new destination becomes the reply's source, SNAT's new source the reply's
 * destination. That is what lets the reply be translated back without walking the nat table.
 */
import type { PacketSpec, PacketState, Step, Tuple } from '../sim/types.ts';
import type { ConntrackView, Frame, Leg, PacketField } from './types.ts';

const FIELDS: readonly PacketField[] = [
  'src',
  'sport',
  'dst',
  'dport',
  'protocol',
  'mark',
  'ctState',
  'inInterface',
  'outInterface',
];

/** The fields whose values differ. */
export function changedFields(before: PacketState, after: PacketState): PacketField[] {
  return FIELDS.filter((field) => before[field] !== after[field]);
}

/** The packet as its sender wrote it, before any hook saw it. */
export function sentState(packet: PacketSpec, from: string): PacketState {
  return {
    src: packet.src,
    dst: packet.dst,
    protocol: packet.protocol,
    ...(packet.sport === undefined ? {} : { sport: packet.sport }),
    ...(packet.dport === undefined ? {} : { dport: packet.dport }),
    mark: packet.mark ?? 0,
    ...(from === 'local' ? {} : { inInterface: from }),
  };
}

const tupleOf = (p: PacketState): Tuple => ({
  src: p.src,
  dst: p.dst,
  protocol: p.protocol,
  sport: p.sport ?? 0,
  dport: p.dport ?? 0,
});

const inverse = (t: Tuple): Tuple => ({
  src: t.dst,
  dst: t.src,
  protocol: t.protocol,
  sport: t.dport,
  dport: t.sport,
});

/** `ip:port` (or a bare ip) as an address and port. */
function split(text: string): { ip: string; port?: number } {
  const colon = text.lastIndexOf(':');
  if (colon < 0) return { ip: text };
  return { ip: text.slice(0, colon), port: Number(text.slice(colon + 1)) };
}

/** The connection after `step`, given the connection before it and the earlier packets' entry. */
function nextConntrack(
  view: ConntrackView | undefined,
  step: Step,
  before: PacketState,
  known: ConntrackView | undefined,
): ConntrackView | undefined {
  if (step.kind === 'event') {
    if (step.event === 'conntrack') {
      const state = step.packet.ctState;
      if (state === 'NEW' && step.detail?.direction === undefined) {
        const original = tupleOf(before);
        return { original, reply: inverse(original), confirmed: false };
      }
      // A packet of a known connection sees the entry the earlier packets left.
      return state === 'ESTABLISHED' || state === 'NEW' ? known : undefined;
    }
    if (step.event === 'confirm' && view) return { ...view, confirmed: true };
    return view;
  }
  if (step.kind !== 'rule' || !view || view.confirmed || !step.effect) return view;
  const { effect } = step;
  if (effect.kind === 'dnat' || effect.kind === 'redirect') {
    const to = split(effect.to);
    return {
      ...view,
      reply: { ...view.reply, src: to.ip, sport: to.port ?? view.reply.sport },
    };
  }
  if (effect.kind === 'snat') {
    const to = split(effect.to);
    return {
      ...view,
      reply: { ...view.reply, dst: to.ip, dport: to.port ?? view.reply.dport },
    };
  }
  return view;
}

/**
 * Every step of every packet, in the order they happen.
 *
 * @example
 *   const frames = framesOf(converse(compiled, model, script, { kind: 'random', seed: 1 }));
 *   frames.find((f) => f.step.kind === 'rule' && f.step.effect?.kind === 'dnat')?.changed;
 *   // ['dst', 'dport']
 */
export function framesOf(legs: readonly Leg[]): Frame[] {
  const frames: Frame[] = [];
  // The entry the packets so far left in the conntrack table.
  let known: ConntrackView | undefined;
  legs.forEach((leg, legIndex) => {
    let before = sentState(leg.packet, leg.from);
    let view: ConntrackView | undefined;
    leg.outcome.steps.forEach((step, index) => {
      // A run of rules that did not match changes nothing.
      const after = step.kind === 'skip' ? before : step.packet;
      view = nextConntrack(view, step, before, known);
      frames.push({
        leg: legIndex,
        role: leg.role,
        index,
        step,
        ...(step.hook === undefined ? {} : { hook: step.hook }),
        ...(step.table === undefined ? {} : { table: step.table }),
        ...(step.chain === undefined ? {} : { chain: step.chain }),
        ...(step.kind === 'rule' ? { rule: step.index } : {}),
        before,
        after,
        changed: changedFields(before, after),
        ...(view ? { conntrack: view } : {}),
      });
      before = after;
    });
    const ct = leg.outcome.conntrack;
    if (ct?.confirmed) known = { original: ct.original, reply: ct.reply, confirmed: true };
  });
  return frames;
}
