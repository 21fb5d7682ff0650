/**
 * The options of each kind of quiz question: the right one, read from the frames the simulator
 * produced, and distractors a learner could believe — another chain the same rules jump to,
 * another endpoint of the same split, the interface the packet came in by or was first routed
 * to, the node's other address. The right option comes first; quiz.ts shuffles.
 */
import type { NodeModel, PacketState } from '../sim/types.ts';
import type { Narration } from './narration.ts';
import { endpoint, fraction } from './narration-text.ts';
import { ask } from './quiz-keys.ts';
import { fractionText, type RandomSplit } from './split.ts';

export interface QuizOption {
  /** Stable within the question: what the answer is checked against. */
  readonly id: string;
  readonly text: Narration;
}

/** At most this many options: a room can weigh four, not ten. */
export const MAX_OPTIONS = 4;

/** The hook chains: a rule never jumps to them, so they make no believable answer. */
const BUILT_IN = new Set(['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING']);

/** Targets that are extensions, not chains: `-j DNAT` goes nowhere to walk. */
const EXTENSION_TARGET =
  /^(ACCEPT|DROP|REJECT|RETURN|QUEUE|NFQUEUE|LOG|NFLOG|ULOG|DNAT|SNAT|MASQUERADE|REDIRECT|NETMAP|MARK|CONNMARK|NOTRACK|CT|TPROXY|TRACE|CLASSIFY|TCPMSS|TOS|DSCP|CHECKSUM|SET|AUDIT|HMARK|TEE|TTL)$/;

/** Whether a name can be a chain the packet jumps to. */
export const isJumpable = (name: string): boolean =>
  !BUILT_IN.has(name) && !EXTENSION_TARGET.test(name);

/** The first `limit` distinct values of `items` that are not `except`. */
function distinct(items: readonly string[], except: string, limit: number): string[] {
  return [...new Set(items)].filter((item) => item !== except).slice(0, limit);
}

/**
 * Which chain next: the target taken, then the other chains the same chain's rules jump to (a
 * KUBE-SERVICES rule for another Service), then chains the packet met elsewhere.
 */
export function chainOptions(
  correct: string,
  siblings: readonly string[],
  visited: readonly string[],
): QuizOption[] {
  const others = distinct([...siblings, ...visited].filter(isJumpable), correct, MAX_OPTIONS - 1);
  return [correct, ...others].map((chain) => ({
    id: chain,
    text: ask('option.chain', { chain }),
  }));
}

/** A branch's share of new connections, as the narration writes it (1/3). */
const shareOf = (b: RandomSplit['branches'][number]): string =>
  b.exact ? fractionText(b.exact.share) : fraction(b.share);

/**
 * Which endpoint chain: every branch of the split with its share (the seed article's 0.33333
 * and 0.5 are 1/3 each), at most four around the one taken.
 */
export function endpointOptions(split: RandomSplit, taken: string): QuizOption[] {
  const at = Math.max(
    0,
    split.branches.findIndex((b) => b.target === taken),
  );
  const start = Math.max(0, Math.min(at - 1, split.branches.length - MAX_OPTIONS));
  const shown = split.branches.slice(start, start + MAX_OPTIONS);
  const ordered = [
    ...shown.filter((b) => b.target === taken),
    ...shown.filter((b) => b.target !== taken),
  ];
  return ordered.map((b) => ({
    id: b.target,
    text: ask('option.endpoint', { chain: b.target, address: b.address ?? '', share: shareOf(b) }),
  }));
}

/** Delivered to the node itself; an interface's option is `dev:` and its name. */
const LOCAL = 'local';
const devId = (dev: string): string => `dev:${dev}`;

/**
 * Which way routing sends the packet after DNAT: out of an interface, or up to the node itself
 * (INPUT). The believable wrong ones: where it was routed before DNAT (a local process's packet
 * is routed before OUTPUT), where it came in, the node itself (it was addressed to the node),
 * the node's other interfaces.
 */
export function routeOptions(
  /** The interface it leaves by; undefined: delivered to the node. */
  dev: string | undefined,
  before: PacketState,
  node: NodeModel | undefined,
): QuizOption[] {
  const candidates = [
    before.outInterface,
    before.inInterface,
    LOCAL,
    ...(node?.interfaces.map((i) => i.name) ?? []),
    'lo',
  ].filter((c): c is string => c !== undefined && c !== '');
  const correct = dev ?? LOCAL;
  const ids = [correct, ...distinct(candidates, correct, MAX_OPTIONS - 1)];
  return ids.map((id) => ({
    id: id === LOCAL ? LOCAL : devId(id),
    text: id === LOCAL ? ask('option.local', {}) : ask('option.dev', { dev: id }),
  }));
}

const KEEP = 'keep';
const ipOf = (cidr: string): string => cidr.replace(/\/\d+$/, '');

/**
 * Whether POSTROUTING rewrites the source, and to what: kept, or MASQUERADE's address (the
 * outgoing interface's); wrong ones are the node's other addresses and "kept". The right
 * option comes first, as for every kind.
 */
export function masqueradeOptions(
  snatTo: string | undefined,
  packet: PacketState,
  node: NodeModel | undefined,
): QuizOption[] {
  const addresses = (node?.interfaces ?? [])
    .filter((i) => i.name !== 'lo')
    .flatMap((i) => i.addresses.slice(0, 1).map(ipOf))
    .map((ip) => endpoint(ip, packet.sport));
  const correct = snatTo ?? KEEP;
  const ids = [correct, ...distinct([KEEP, ...addresses], correct, MAX_OPTIONS - 1)];
  return ids.map((id) => ({
    id: id === KEEP ? KEEP : `snat:${id}`,
    text:
      id === KEEP
        ? ask('option.keep', { src: endpoint(packet.src, packet.sport) })
        : ask('option.snat', { to: id }),
  }));
}
