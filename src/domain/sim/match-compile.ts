/**
 * Match modules compiled into predicates over the packet being walked. The
 * options are in the model's canonical form (what iptables-save prints), so
 * each is read once here and the predicate does integer work only.
 *
 * A match the simulator cannot decide (an unknown module, an ipset whose
 * members the node model does not list, a MAC address) sets `env.uncertain`
 * and does not hold: the trace says so rather than guess.
 */
import type { Match, Option } from '../model/ruleset.ts';
import type { CompiledMatch, Predicate } from './match-helpers.ts';
import { uncertain, unknownOption } from './match-helpers.ts';
import type { Doubt } from './types.ts';
import {
  addrtypeMatch,
  icmpMatch,
  iprangeMatch,
  lengthMatch,
  macMatch,
  multiport,
  physdevMatch,
  pkttypeMatch,
  protocolPorts,
  ttlMatch,
} from './match-packet.ts';
import {
  conntrackMatch,
  markMatch,
  nonFiltering,
  recentMatch,
  setMatch,
  stateMatch,
  statisticMatch,
} from './match-state.ts';

export type { CompiledMatch, Predicate } from './match-helpers.ts';

const optionText = (o: Option): string =>
  `${o.negated ? '! ' : ''}--${o.name}${o.args.map((a) => ` ${/\s/.test(a) ? JSON.stringify(a) : a}`).join('')}`;

export const matchText = (m: Match): string =>
  [`-m ${m.module}`, ...m.options.map(optionText)].join(' ');

const COMPILERS: Readonly<Record<string, (match: Match, key: () => string) => Predicate>> = {
  tcp: protocolPorts('tcp'),
  udp: protocolPorts('udp'),
  sctp: protocolPorts('sctp'),
  icmp: icmpMatch,
  multiport,
  mark: (m) => markMatch(m, false),
  connmark: (m) => markMatch(m, true),
  conntrack: conntrackMatch,
  state: stateMatch,
  statistic: statisticMatch,
  recent: recentMatch,
  set: setMatch,
  addrtype: addrtypeMatch,
  iprange: iprangeMatch,
  physdev: physdevMatch,
  mac: macMatch,
  length: lengthMatch,
  ttl: ttlMatch,
  pkttype: pkttypeMatch,
};

/** Why a match the simulator has no compiler for cannot be simulated. */
const notSimulated = (match: Match): string =>
  match.unknown ? `kpviz does not know -m ${match.module}` : `-m ${match.module} is not simulated`;

const notSimulatedDoubt = (match: Match): Doubt => ({
  kind: match.unknown ? 'match-unknown' : 'match-not-simulated',
  module: match.module,
});

/**
 * One match, compiled; undefined for a match that always holds and says
 * nothing (comment). `key` names the rule (statistic nth keeps a counter per
 * rule); it is called only by matches that need it.
 */
export function compileMatch(match: Match, key: () => string): CompiledMatch | undefined {
  if (match.module === 'comment') return undefined;
  const compiler = match.unknown ? undefined : COMPILERS[match.module];
  const test =
    compiler?.(match, key) ??
    (match.unknown ? undefined : nonFiltering(match)) ??
    uncertain(notSimulated(match), notSimulatedDoubt(match));
  return { match, test };
}

/**
 * Why the simulator cannot be sure of a match, seen from the rule alone (a
 * module or option it does not know, a module it does not simulate), or
 * undefined. The trace says the same when a packet meets the match.
 *
 * @example
 *   unsupportedMatch({ module: 'string', options: [...] }); // '-m string is not simulated'
 */
export function unsupportedMatch(match: Match): string | undefined {
  if (match.module === 'comment') return undefined;
  if (match.unknown || (COMPILERS[match.module] ?? nonFiltering(match)) === undefined) {
    return notSimulated(match);
  }
  const option = match.options.find((o) => o.unknown);
  return option === undefined ? undefined : unknownOption(match, option);
}
