/**
 * A conversation through the rules: each packet of a script traced with the kernel state
 * (conntrack, `recent` lists) the packets before it left, the way the kernel would see them
 * one after the other. The endpoint's answer is built from the request's conntrack entry, so
 * it is addressed the way the endpoint really answers: to the masquerade address when the
 * request was masqueraded, and the client sees the Service's address answer after conntrack
 * undoes the translations.
 */
import { simulate, replyPacket, type Branch } from '../sim/simulate.ts';
import type { CompiledRuleset } from '../sim/compile.ts';
import type { KernelState } from '../sim/runtime.ts';
import type { NodeModel, PacketSpec } from '../sim/types.ts';
import type { EndpointChoice, Leg, LegRole, ScriptPacket } from './types.ts';

/** The packet a script entry sends, or undefined when there is nothing to send (no connection). */
function packetOf(
  item: ScriptPacket,
  legs: readonly Leg[],
  model: NodeModel,
): PacketSpec | undefined {
  if (item.kind === 'send') return item.packet;
  const earlier = legs[item.of];
  if (!earlier || earlier.outcome.verdict !== 'ACCEPT') return undefined;
  if (item.kind === 'reply') {
    const reply = replyPacket(earlier.outcome, model);
    return reply && { ...reply, ...item.packet };
  }
  // The same connection's next packet: the handshake's ACK for TCP, another datagram otherwise.
  const next: PacketSpec = { ...earlier.packet, ...item.packet };
  return next.protocol === 'tcp' && item.packet?.tcpFlags === undefined
    ? { ...next, tcpFlags: ['ACK'] }
    : next;
}

const ROLE: Readonly<Record<ScriptPacket['kind'], LegRole>> = {
  send: 'request',
  reply: 'reply',
  again: 'again',
};

/**
 * The branch a choice takes: the one that DNATs to the chosen endpoint when the rules can
 * reach it; otherwise (or for a random choice) one drawn with the seed.
 */
function traceOne(
  ruleset: CompiledRuleset,
  model: NodeModel,
  packet: PacketSpec,
  choice: EndpointChoice,
  seed: number,
  state: KernelState | undefined,
): Branch {
  const options = state ? { state } : {};
  if (choice.kind === 'endpoint') {
    const all = simulate(ruleset, model, packet, { mode: 'all' }, options);
    const chosen = all.branches.find((b) => b.outcome.dnat === choice.dnat);
    if (chosen) return chosen;
  }
  const [branch] = simulate(ruleset, model, packet, { mode: 'single', seed }, options).branches;
  return branch as Branch;
}

/**
 * Trace every packet of `script` in order. A reply or a next packet whose connection was
 * never made (its request dropped) ends the conversation there. Throws what simulate throws
 * (rules the kernel would refuse, a packet it cannot send).
 *
 * @example
 *   const legs = converse(compiled, model, [
 *     { kind: 'send', label: 'SYN', packet: syn },
 *     { kind: 'reply', label: 'SYN-ACK', of: 0 },
 *     { kind: 'again', label: 'ACK', of: 0 },
 *   ], { kind: 'random', seed: 1 });
 */
export function converse(
  ruleset: CompiledRuleset,
  model: NodeModel,
  script: readonly ScriptPacket[],
  choice: EndpointChoice,
): Leg[] {
  const legs: Leg[] = [];
  let state: KernelState | undefined;
  const seed = choice.kind === 'random' ? choice.seed : 1;
  for (const [i, item] of script.entries()) {
    const packet = packetOf(item, legs, model);
    if (!packet) break;
    const branch = traceOne(ruleset, model, packet, choice, seed + i, state);
    state = branch.state;
    legs.push({
      role: ROLE[item.kind],
      label: item.label,
      packet,
      from: fromOf(branch, packet),
      outcome: branch.outcome,
    });
  }
  return legs;
}

/** Where the packet entered: the enter event's interface, or `local`. */
function fromOf(branch: Branch, packet: PacketSpec): string {
  const first = branch.outcome.steps[0];
  const from = first?.kind === 'event' ? first.detail?.from : undefined;
  return typeof from === 'string' ? from : (packet.from ?? 'local');
}
