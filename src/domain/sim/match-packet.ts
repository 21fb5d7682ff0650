/**
 * Matches on the packet's own header and where it is: ports, ICMP types,
 * address types, ranges, bridge ports, MAC, length, TTL, packet type.
 */
import type { Match } from '../model/ruleset.ts';
import { parseAddress } from './ipv4.ts';
import type { AddressType } from './node.ts';
import type { Predicate } from './match-helpers.ts';
import {
  byOption,
  inRange,
  negate,
  notSimulated,
  portOption,
  range,
  unknownOptionName,
  unreadable,
} from './match-helpers.ts';
import { PROTOCOL_NUMBERS, TCP_FLAG_BITS } from './runtime.ts';

export function protocolPorts(protocol: 'tcp' | 'udp' | 'sctp'): (match: Match) => Predicate {
  const number = PROTOCOL_NUMBERS[protocol];
  return (match) => {
    const rest = byOption(match, (o) => {
      switch (o.name) {
        case 'sport':
        case 'dport':
          return portOption(o, o.name);
        case 'tcp-flags': {
          const bits = (list: string | undefined): number | undefined => {
            if (list === 'NONE') return 0;
            let v = 0;
            for (const f of (list ?? '').split(',')) {
              const bit = TCP_FLAG_BITS[f];
              if (bit === undefined) return undefined;
              v |= bit;
            }
            return v;
          };
          const mask = bits(o.args[0]);
          const comp = bits(o.args[1]);
          if (mask === undefined || comp === undefined) return unreadable(`unreadable --tcp-flags`);
          return negate(o, (env) => (env.pkt.tcpFlags & mask) === comp);
        }
        case 'tcp-option':
          return notSimulated('TCP options are not part of the simulated packet');
        case 'chunk-types':
          return notSimulated('SCTP chunk types are not part of the simulated packet');
        default:
          return unknownOptionName(o);
      }
    });
    // The module itself refuses other protocols (and non-first fragments).
    return (env) => env.pkt.proto === number && rest(env);
  };
}

export function icmpMatch(match: Match): Predicate {
  const rest = byOption(match, (o) => {
    if (o.name !== 'icmp-type') return unknownOptionName(o);
    const text = o.args[0] ?? '';
    if (text === 'any') return negate(o, () => true);
    const [t, c] = text.split('/');
    const type = Number(t);
    const code = c === undefined ? undefined : Number(c);
    return negate(
      o,
      (env) => env.pkt.icmpType === type && (code === undefined || env.pkt.icmpCode === code),
    );
  });
  return (env) => env.pkt.proto === 1 && rest(env);
}

function portList(text: string | undefined): readonly (readonly [number, number])[] | undefined {
  const items = (text ?? '').split(',').map(range);
  return items.every((r) => r !== undefined) ? items : undefined;
}

export function multiport(match: Match): Predicate {
  return byOption(match, (o) => {
    const list = portList(o.args[0]);
    if (!list) return unreadable(`unreadable port list ${o.args[0] ?? ''}`);
    const has = (v: number): boolean => list.some((r) => inRange(v, r));
    switch (o.name) {
      case 'sports':
        return negate(o, (env) => has(env.pkt.sport));
      case 'dports':
        return negate(o, (env) => has(env.pkt.dport));
      case 'ports':
        return negate(o, (env) => has(env.pkt.sport) || has(env.pkt.dport));
      default:
        return unknownOptionName(o);
    }
  });
}

export function addrtypeMatch(match: Match): Predicate {
  const limitIn = match.options.some((o) => o.name === 'limit-iface-in');
  const limitOut = match.options.some((o) => o.name === 'limit-iface-out');
  return byOption(match, (o) => {
    if (o.name === 'limit-iface-in' || o.name === 'limit-iface-out') return () => true;
    const types = new Set((o.args[0] ?? '').split(','));
    const supported: ReadonlySet<string> = new Set<AddressType>([
      'LOCAL',
      'BROADCAST',
      'MULTICAST',
      'UNICAST',
    ]);
    if (![...types].every((t) => supported.has(t) || t === 'UNSPEC'))
      return notSimulated(`address type ${o.args[0] ?? ''} is not simulated`);
    const side = o.name === 'src-type' ? 'src' : 'dst';
    if (o.name !== 'src-type' && o.name !== 'dst-type') return unknownOptionName(o);
    return negate(o, (env) => {
      const dev = limitIn ? env.pkt.iif : limitOut ? env.pkt.oif : undefined;
      return types.has(env.node.addressType(env.pkt[side], dev || undefined));
    });
  });
}

export function iprangeMatch(match: Match): Predicate {
  return byOption(match, (o) => {
    const [a, b] = (o.args[0] ?? '').split('-');
    const low = parseAddress(a ?? '');
    const high = b === undefined ? low : parseAddress(b);
    if (low === undefined || high === undefined)
      return unreadable(`unreadable range ${o.args[0] ?? ''}`);
    const side = o.name === 'src-range' ? 'src' : 'dst';
    return negate(o, (env) => env.pkt[side] >= low && env.pkt[side] <= high);
  });
}

/** The node model has no bridges: every positive physdev test fails, every negated one holds. */
export function physdevMatch(match: Match): Predicate {
  return byOption(match, (o) => () => o.negated);
}

/** xt_mac: the Ethernet source of a packet that came in on an interface. */
export function macMatch(match: Match): Predicate {
  return byOption(match, (o) => {
    const wanted = (o.args[0] ?? '').toLowerCase();
    return (env) => {
      // xt_mac gives up (false, even negated) on a packet without an Ethernet header.
      if (env.local) return false;
      if (env.pkt.srcMac === '') {
        env.uncertain = "the packet's source MAC is not given";
        env.doubt = { kind: 'mac-unknown' };
        return false;
      }
      return (env.pkt.srcMac === wanted) !== o.negated;
    };
  });
}

export function lengthMatch(match: Match): Predicate {
  return byOption(match, (o) => {
    const r = range(o.args[0]);
    if (!r) return unreadable(`unreadable length ${o.args[0] ?? ''}`);
    return negate(o, (env) => inRange(env.pkt.length, r));
  });
}

export function ttlMatch(match: Match): Predicate {
  return byOption(match, (o) => {
    const v = Number(o.args[0]);
    const test =
      o.name === 'ttl-eq'
        ? (t: number) => t === v
        : o.name === 'ttl-lt'
          ? (t: number) => t < v
          : (t: number) => t > v;
    return negate(o, (env) => test(env.pkt.ttl));
  });
}

export function pkttypeMatch(match: Match): Predicate {
  return byOption(match, (o) => {
    const wanted = o.args[0] ?? '';
    return negate(o, (env) => {
      const type = env.node.addressType(env.pkt.dst);
      const kind =
        type === 'MULTICAST' ? 'multicast' : type === 'BROADCAST' ? 'broadcast' : 'unicast';
      return kind === wanted;
    });
  });
}
