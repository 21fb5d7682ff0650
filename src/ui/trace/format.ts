/**
 * How shares, addresses and headers read on screen. iptables words (DNAT, MASQUERADE, mark)
 * stay as iptables writes them, in every language, so they match the rules beside them.
 */
import type { Effect, PacketState } from '../../domain/sim/types.ts';

/**
 * A share as a percentage: one decimal, which tells kube-proxy's three-way 33.3% split
 * from an even half; a rare branch keeps two significant digits instead of showing 0.0%.
 *
 * @example
 *   percent(0.33333); // '33.3%'
 *   percent(1); // '100%'
 *   percent(0.00001); // '0.0010%'
 */
export function percent(share: number): string {
  const pct = share * 100;
  if (pct === 0 || pct === 100) return `${pct}%`;
  if (pct >= 0.1) return `${pct.toFixed(1)}%`;
  return `${pct.toPrecision(2)}%`;
}

/** `10.0.0.1:80`, or the address alone where there is no port (ICMP). */
export const endpointText = (ip: string, port: number | undefined): string =>
  port === undefined ? ip : `${ip}:${port}`;

/** `tcp 10.0.0.5:40000 → 10.96.0.10:80` */
export const flowText = (p: Pick<PacketState, 'protocol' | 'src' | 'dst' | 'sport' | 'dport'>) =>
  `${p.protocol} ${endpointText(p.src, p.sport)} → ${endpointText(p.dst, p.dport)}`;

export const hex = (n: number): string => `0x${n.toString(16)}`;

/**
 * What a rule's target did, as `kpviz trace` prints it (the simulator's notes use the same
 * words): `DNAT 10.96.0.10:80 → 10.244.1.5:8080`, `mark 0x0 → 0x4000`.
 */
export function effectText(effect: Effect): string {
  switch (effect.kind) {
    case 'dnat':
      return `DNAT ${effect.from} → ${effect.to}`;
    case 'snat':
      return `${effect.masquerade ? 'MASQUERADE' : 'SNAT'} ${effect.from} → ${effect.to}`;
    case 'redirect':
      return `REDIRECT ${effect.from} → ${effect.to}`;
    case 'mark':
      return `mark ${hex(effect.from)} → ${hex(effect.to)}`;
    case 'connmark':
      return `connmark ${hex(effect.from)} → ${hex(effect.to)}`;
    case 'log':
      return effect.target;
    case 'notrack':
      return 'NOTRACK';
  }
}

/**
 * The chain a rule's verdict jumps or goes to (`jump KUBE-SVC-…`), which the graph must draw
 * for the rule to show in a long chain.
 */
export function jumpTarget(verdict: string | undefined): string | undefined {
  const m = /^(?:jump|goto) (\S+)$/.exec(verdict ?? '');
  return m?.[1];
}
