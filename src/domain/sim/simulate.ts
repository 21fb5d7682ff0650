/**
 * The simulator's entry point: a packet, a ruleset and a node in; a Trace
 * out. Two modes: `single` takes one path, drawing statistic matches from a
 * seeded random source (the same seed gives the same path); `all` follows
 * every branch of every random match, with each outcome's exact probability,
 * and merges outcomes that are the same.
 */
import { PROBABILITY_SCALE } from '../model/ext/probability.ts';
import type { Ruleset } from '../model/ruleset.ts';
import type { CompiledRuleset } from './compile.ts';
import { compileRuleset } from './compile.ts';
import type { WalkOutcome } from './engine.ts';
import { walkPacket } from './engine.ts';
import { parseAddress } from './ipv4.ts';
import { NodeView } from './node.ts';
import type { Chooser, KernelState, Pkt } from './runtime.ts';
import { cloneKernelState, emptyKernelState, PROTOCOL_NUMBERS, TCP_FLAG_BITS } from './runtime.ts';
import type { NodeModel, Outcome, PacketSpec, Trace } from './types.ts';

export type Mode = { readonly mode: 'single'; readonly seed: number } | { readonly mode: 'all' };

/** An outcome and the kernel state it leaves behind (for the next packet of a scenario). */
export interface Branch {
  readonly outcome: Outcome;
  readonly state: KernelState;
}

export interface SimResult {
  readonly trace: Trace;
  /** Parallel to trace.outcomes. */
  readonly branches: readonly Branch[];
}

/** A packet the simulator cannot send: a bad address, an unknown interface. */
export class PacketError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PacketError';
  }
}

const SCALE = PROBABILITY_SCALE;
/** Enough for every realistic ruleset; a runaway branching (a bug) fails loudly. */
const MAX_BRANCHES = 100_000;

/** splitmix32: small, fast, and the same sequence on every engine for one seed. */
export function seededChooser(seed: number): Chooser {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  // xt_statistic: (get_random_u32() & 0x7FFFFFFF) < probability
  return { random: (_key, stored) => (next() & 0x7fffffff) < stored };
}

/** The node's view of a model, built once per model object. */
const views = new WeakMap<NodeModel, NodeView>();
export function nodeView(model: NodeModel): NodeView {
  let view = views.get(model);
  if (!view) {
    view = new NodeView(model);
    views.set(model, view);
  }
  return view;
}

function packetOf(spec: PacketSpec, node: NodeView): { pkt: Pkt; from: string } {
  const src = parseAddress(spec.src);
  const dst = parseAddress(spec.dst);
  if (src === undefined) throw new PacketError(`source "${spec.src}" is not an IPv4 address`);
  if (dst === undefined) throw new PacketError(`destination "${spec.dst}" is not an IPv4 address`);
  const ports = spec.protocol !== 'icmp';
  for (const [name, value] of [
    ['source port', spec.sport],
    ['destination port', spec.dport],
  ] as const) {
    if (ports && value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= 65535))
      throw new PacketError(`${name} ${String(value)} is not a port (0–65535)`);
  }
  if (spec.srcMac !== undefined && !/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(spec.srcMac))
    throw new PacketError(`source MAC "${spec.srcMac}" is not six hex bytes (aa:bb:cc:dd:ee:ff)`);
  if (ports && spec.dport === undefined)
    throw new PacketError(`a ${spec.protocol} packet needs a destination port`);
  let from = spec.from;
  if (from === undefined) {
    if (node.isLocal(src)) from = 'local';
    else {
      from = node.interfaceTowards(src);
      if (from === undefined)
        throw new PacketError(
          `no route of the node leads back to ${spec.src}, so kpviz cannot tell which interface it arrives on: say which`,
        );
    }
  } else if (from !== 'local' && !node.interfaces.has(from)) {
    throw new PacketError(
      `the node has no interface "${from}" (it has ${[...node.interfaces.keys()].join(', ')})`,
    );
  }
  let flags = 0;
  for (const f of spec.tcpFlags ?? ['SYN']) {
    const bit = TCP_FLAG_BITS[f.toUpperCase()];
    if (bit === undefined) throw new PacketError(`unknown TCP flag ${f}`);
    flags |= bit;
  }
  const length =
    spec.length ??
    (spec.protocol === 'tcp'
      ? 60
      : spec.protocol === 'udp'
        ? 28
        : spec.protocol === 'sctp'
          ? 52
          : 84);
  return {
    from,
    pkt: {
      src,
      dst,
      protocol: spec.protocol,
      proto: PROTOCOL_NUMBERS[spec.protocol],
      sport: ports ? (spec.sport ?? 40000) : 0,
      dport: ports ? (spec.dport ?? 0) : 0,
      tcpFlags: spec.protocol === 'tcp' ? flags : 0,
      icmpType: spec.icmpType ?? 8,
      icmpCode: spec.icmpCode ?? 0,
      mark: (spec.mark ?? 0) >>> 0,
      length,
      ttl: spec.ttl ?? 64,
      srcMac: from === 'local' ? '' : (spec.srcMac ?? '').toLowerCase(),
      iif: '',
      oif: '',
    },
  };
}

/** Outcomes are the same when everything but their probability and steps agree. */
function outcomeKey(o: WalkOutcome): string {
  return JSON.stringify([
    o.verdict,
    o.delivery,
    o.reason,
    o.dnat,
    o.snat,
    o.masqueraded,
    o.final,
    o.rules,
  ]);
}

export interface SimulateOptions {
  /** Kernel state before the packet (conntrack, recent lists); default: a fresh node. */
  readonly state?: KernelState;
  /** Clock of the scenario, in seconds (xt_recent's --seconds); default: state.now. */
  readonly now?: number;
}

/**
 * Trace `packet` through `ruleset` on `node`. Throws RulesetError (rules the
 * kernel would refuse), NodeModelError or PacketError.
 */
export function simulate(
  ruleset: Ruleset | CompiledRuleset,
  model: NodeModel,
  packet: PacketSpec,
  mode: Mode,
  options: SimulateOptions = {},
): SimResult {
  const compiled: CompiledRuleset =
    ruleset.tables instanceof Map
      ? (ruleset as CompiledRuleset)
      : compileRuleset(ruleset as Ruleset);
  const node = nodeView(model);
  const { pkt, from } = packetOf(packet, node);
  const base = options.state ?? emptyKernelState();
  const now = options.now ?? base.now;

  const runOnce = (chooser: Chooser): { outcome: WalkOutcome; state: KernelState } => {
    const state = cloneKernelState(base);
    state.now = now;
    const outcome = walkPacket(compiled, node, state, chooser, { pkt: { ...pkt }, from });
    return { outcome, state };
  };

  if (mode.mode === 'single') {
    // The probability of the path taken: the product of its random matches' results.
    const draw = seededChooser(mode.seed);
    let probability = 1;
    const chooser: Chooser = {
      random: (key, stored) => {
        const held = draw.random(key, stored);
        probability *= held ? stored / SCALE : 1 - stored / SCALE;
        return held;
      },
    };
    const { outcome, state } = runOnce(chooser);
    const full: Outcome = { probability, ...outcome };
    return { trace: { packet, from, outcomes: [full] }, branches: [{ outcome: full, state }] };
  }

  // Depth-first over the decisions of random matches: replay a prefix, then take "holds" and
  // queue "does not hold" for every new decision.
  const pending: boolean[][] = [[]];
  const merged = new Map<
    string,
    { outcome: WalkOutcome; state: KernelState; probability: number }
  >();
  let runs = 0;
  while (pending.length > 0) {
    const prefix = pending.pop() as boolean[];
    const decisions: boolean[] = [];
    let probability = 1;
    const chooser: Chooser = {
      random: (_key, stored) => {
        const p = stored / SCALE;
        let held: boolean;
        if (decisions.length < prefix.length) held = prefix[decisions.length] as boolean;
        else {
          held = p > 0;
          // Queue the other result when it can happen.
          if (p > 0 && p < 1) pending.push([...decisions, false]);
        }
        decisions.push(held);
        probability *= held ? p : 1 - p;
        return held;
      },
    };
    if (++runs > MAX_BRANCHES) throw new Error(`more than ${MAX_BRANCHES} random branches`);
    const { outcome, state } = runOnce(chooser);
    const key = outcomeKey(outcome);
    const seen = merged.get(key);
    if (seen) seen.probability += probability;
    else merged.set(key, { outcome, state, probability });
  }
  const branches = [...merged.values()]
    .map(({ outcome, state, probability }) => ({ outcome: { probability, ...outcome }, state }))
    .sort((a, b) => b.outcome.probability - a.outcome.probability);
  return {
    trace: { packet, from, outcomes: branches.map((b) => b.outcome) },
    branches,
  };
}

/**
 * The reply an endpoint sends back on a traced connection: from the reply
 * tuple's source to its destination, entering where the route to the
 * endpoint leads (or `local` when the endpoint is the node itself).
 */
export function replyPacket(outcome: Outcome, model: NodeModel): PacketSpec | undefined {
  const ct = outcome.conntrack;
  if (!ct) return undefined;
  const node = nodeView(model);
  const src = parseAddress(ct.reply.src) as number;
  const from = node.isLocal(src) ? 'local' : node.interfaceTowards(src);
  if (from === undefined) return undefined;
  return {
    src: ct.reply.src,
    dst: ct.reply.dst,
    protocol: ct.reply.protocol,
    ...(ct.reply.protocol === 'icmp'
      ? { icmpType: 0 }
      : { sport: ct.reply.sport, dport: ct.reply.dport }),
    ...(ct.reply.protocol === 'tcp' ? { tcpFlags: ['SYN', 'ACK'] } : {}),
    from,
  };
}
