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
import type { Cidr } from './ipv4.ts';
import { inCidr, parseAddress, parseCidr } from './ipv4.ts';
import type { AddressType } from './node.ts';
import type { Env, RecentEntry } from './runtime.ts';
import { PROTOCOL_NUMBERS, TCP_FLAG_BITS } from './runtime.ts';

export type Predicate = (env: Env) => boolean;

export interface CompiledMatch {
  readonly match: Match;
  readonly test: Predicate;
}

const SCALE = 0x80000000;
/** How many timestamps xt_recent keeps per address (ip_pkt_list_tot's default). */
const RECENT_STAMPS = 20;

const optionText = (o: Option): string =>
  `${o.negated ? '! ' : ''}--${o.name}${o.args.map((a) => ` ${/\s/.test(a) ? JSON.stringify(a) : a}`).join('')}`;

export const matchText = (m: Match): string =>
  [`-m ${m.module}`, ...m.options.map(optionText)].join(' ');

const uncertain =
  (reason: string): Predicate =>
  (env) => {
    env.uncertain = reason;
    return false;
  };

/** `80` or `80:90` → [low, high]. */
function range(text: string | undefined): readonly [number, number] | undefined {
  if (text === undefined) return undefined;
  const [a, b] = text.split(':');
  const low = Number(a);
  const high = b === undefined ? low : Number(b);
  return Number.isInteger(low) && Number.isInteger(high) ? [low, high] : undefined;
}

const inRange = (v: number, r: readonly [number, number]): boolean => v >= r[0] && v <= r[1];

/** A predicate for one option, negated as written. */
const negate = (o: Option, p: Predicate): Predicate => (o.negated ? (env) => !p(env) : p);

function portOption(o: Option, side: 'sport' | 'dport'): Predicate | string {
  const r = range(o.args[0]);
  if (!r) return `unreadable port ${o.args[0] ?? ''}`;
  return negate(o, (env) => inRange(env.pkt[side], r));
}

function all(predicates: readonly Predicate[]): Predicate {
  if (predicates.length === 1) return predicates[0] as Predicate;
  return (env) => {
    for (const p of predicates) if (!p(env)) return false;
    return true;
  };
}

type OptionCompiler = (o: Option, match: Match) => Predicate | string;

/** Compile every option with `one`; an option it cannot read makes the match uncertain. */
function byOption(match: Match, one: OptionCompiler): Predicate {
  const predicates: Predicate[] = [];
  for (const o of match.options) {
    if (o.unknown) return uncertain(`kpviz does not know --${o.name} of -m ${match.module}`);
    const p = one(o, match);
    if (typeof p === 'string') return uncertain(`-m ${match.module}: ${p}`);
    predicates.push(p);
  }
  return predicates.length === 0 ? () => true : all(predicates);
}

function protocolPorts(protocol: 'tcp' | 'udp' | 'sctp'): (match: Match) => Predicate {
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
          if (mask === undefined || comp === undefined) return `unreadable --tcp-flags`;
          return negate(o, (env) => (env.pkt.tcpFlags & mask) === comp);
        }
        case 'tcp-option':
          return 'TCP options are not part of the simulated packet';
        case 'chunk-types':
          return 'SCTP chunk types are not part of the simulated packet';
        default:
          return `unknown option --${o.name}`;
      }
    });
    // The module itself refuses other protocols (and non-first fragments).
    return (env) => env.pkt.proto === number && rest(env);
  };
}

function icmpMatch(match: Match): Predicate {
  const rest = byOption(match, (o) => {
    if (o.name !== 'icmp-type') return `unknown option --${o.name}`;
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

function multiport(match: Match): Predicate {
  return byOption(match, (o) => {
    const list = portList(o.args[0]);
    if (!list) return `unreadable port list ${o.args[0] ?? ''}`;
    const has = (v: number): boolean => list.some((r) => inRange(v, r));
    switch (o.name) {
      case 'sports':
        return negate(o, (env) => has(env.pkt.sport));
      case 'dports':
        return negate(o, (env) => has(env.pkt.dport));
      case 'ports':
        return negate(o, (env) => has(env.pkt.sport) || has(env.pkt.dport));
      default:
        return `unknown option --${o.name}`;
    }
  });
}

/** `0x4000/0x4000` or `0x4000` (all-ones mask). */
function markMask(text: string | undefined): { value: number; mask: number } | undefined {
  const [v, m] = (text ?? '').split('/');
  const value = Number(v);
  const mask = m === undefined ? 0xffffffff : Number(m);
  if (!Number.isInteger(value) || !Number.isInteger(mask)) return undefined;
  return { value: value >>> 0, mask: mask >>> 0 };
}

function markMatch(match: Match, ofConnection: boolean): Predicate {
  return byOption(match, (o) => {
    const m = markMask(o.args[0]);
    if (o.name !== 'mark' || !m) return `unreadable --${o.name}`;
    return negate(o, (env) => {
      const mark = ofConnection ? env.ctinfo.ct?.mark : env.pkt.mark;
      // connmark on an untracked packet does not match (xt_connmark: no ct).
      return mark !== undefined && (mark & m.mask) >>> 0 === m.value;
    });
  });
}

/** The states a conntrack/state match may name, from the packet's conntrack info. */
function stateHolds(env: Env, states: ReadonlySet<string>, virtual: boolean): boolean {
  const { ct, state } = env.ctinfo;
  if (states.has(state)) return true;
  if (virtual && ct) {
    if (states.has('SNAT') && ct.srcNat) return true;
    if (states.has('DNAT') && ct.dstNat) return true;
  }
  return false;
}

function conntrackMatch(match: Match): Predicate {
  return byOption(match, (o) => {
    const arg = o.args[0] ?? '';
    switch (o.name) {
      case 'ctstate': {
        const states = new Set(arg.split(','));
        return negate(o, (env) => stateHolds(env, states, true));
      }
      case 'ctproto': {
        const proto = Number(arg);
        return negate(o, (env) => {
          const ct = env.ctinfo.ct;
          return ct !== undefined && PROTOCOL_NUMBERS[ct.original.protocol] === proto;
        });
      }
      case 'ctorigsrc':
      case 'ctorigdst':
      case 'ctreplsrc':
      case 'ctrepldst': {
        const cidr = parseCidr(arg);
        if (!cidr) return `unreadable address ${arg}`;
        const tuple = o.name.startsWith('ctorig') ? 'original' : 'reply';
        const side = o.name.endsWith('src') ? 'src' : 'dst';
        return negate(o, (env) => {
          const ct = env.ctinfo.ct;
          return ct !== undefined && inCidr(ct[tuple][side], cidr);
        });
      }
      case 'ctorigsrcport':
      case 'ctorigdstport':
      case 'ctreplsrcport':
      case 'ctrepldstport': {
        const r = range(arg);
        if (!r) return `unreadable port ${arg}`;
        const tuple = o.name.startsWith('ctorig') ? 'original' : 'reply';
        const side = o.name.includes('srcport') ? 'sport' : 'dport';
        return negate(o, (env) => {
          const ct = env.ctinfo.ct;
          return ct !== undefined && inRange(ct[tuple][side], r);
        });
      }
      case 'ctstatus': {
        const wanted = new Set(arg.split(','));
        return negate(o, (env) => {
          const ct = env.ctinfo.ct;
          if (!ct) return false;
          if (wanted.has('NONE') && !ct.seenReply && !ct.confirmed) return true;
          return (
            (wanted.has('SEEN_REPLY') && ct.seenReply) ||
            (wanted.has('CONFIRMED') && ct.confirmed) ||
            (wanted.has('ASSURED') && ct.seenReply && ct.confirmed)
          );
        });
      }
      case 'ctdir':
        return negate(o, (env) => env.ctinfo.ct !== undefined && env.ctinfo.direction === arg);
      case 'ctexpire':
        return 'the time a connection has left is not simulated';
      default:
        return `unknown option --${o.name}`;
    }
  });
}

function stateMatch(match: Match): Predicate {
  return byOption(match, (o) => {
    const states = new Set((o.args[0] ?? '').split(','));
    return negate(o, (env) => stateHolds(env, states, false));
  });
}

/**
 * statistic. Random mode: the kernel draws a 31-bit number and compares it
 * with round(p·2^31), so the match holds with probability stored/2^31
 * (inverted with `!`). Nth mode: a counter per rule, starting at --packet,
 * counting modulo --every; the match holds when it wraps to 0.
 */
function statisticMatch(match: Match, ruleKey: () => string): Predicate {
  const key = ruleKey();
  const get = (name: string): Option | undefined => match.options.find((o) => o.name === name);
  const mode = get('mode')?.args[0];
  if (match.options.some((o) => o.unknown)) return uncertain('unknown option of -m statistic');
  if (mode === 'random') {
    const p = get('probability');
    const stored = Math.round(Number(p?.args[0] ?? '1') * SCALE);
    const negated = p?.negated ?? false;
    return (env) => {
      const held = env.chooser.random(key, stored);
      env.probability = held ? stored / SCALE : 1 - stored / SCALE;
      return negated ? !held : held;
    };
  }
  if (mode === 'nth') {
    const every = Number(get('every')?.args[0] ?? '1');
    const start = Number(get('packet')?.args[0] ?? '0');
    const negated = get('every')?.negated ?? false;
    return (env) => {
      const count = env.state.nth.get(key) ?? start;
      const next = count >= every - 1 ? 0 : count + 1;
      env.state.nth.set(key, next);
      return (next === 0) !== negated;
    };
  }
  return uncertain(`-m statistic mode ${mode ?? '(none)'} is not simulated`);
}

/** xt_recent (kube-proxy's session affinity): per-list address entries with timestamps. */
function recentMatch(match: Match): Predicate {
  const has = (name: string): boolean => match.options.some((o) => o.name === name);
  const value = (name: string): string | undefined =>
    match.options.find((o) => o.name === name)?.args[0];
  const command = ['set', 'rcheck', 'update', 'remove'].find(has);
  const listName = value('name') ?? 'DEFAULT';
  const mask = parseAddress(value('mask') ?? '255.255.255.255');
  const seconds = Number(value('seconds') ?? '0');
  const hitcount = Number(value('hitcount') ?? '0');
  const reap = has('reap');
  const dest = has('rdest');
  const invert = match.options.some((o) => o.negated);
  if (!command || mask === undefined) return uncertain('-m recent without a command');
  if (has('rttl')) return uncertain('-m recent --rttl: the TTL is not simulated');
  if (match.options.some((o) => o.unknown)) return uncertain('unknown option of -m recent');
  return (env) => {
    const address = ((dest ? env.pkt.dst : env.pkt.src) & mask) >>> 0;
    let list = env.state.recent.get(listName);
    if (!list) {
      list = new Map();
      env.state.recent.set(listName, list);
    }
    const now = env.state.now;
    const entry = list.get(address);
    const touch = (e: RecentEntry): void => {
      e.stamps.push(now);
      if (e.stamps.length > RECENT_STAMPS) e.stamps.shift();
      e.ttl = env.pkt.ttl;
    };
    if (!entry) {
      if (command !== 'set') return invert;
      list.set(address, { stamps: [now], ttl: env.pkt.ttl });
      return !invert;
    }
    let held = false;
    if (command === 'set') held = true;
    else if (command === 'remove') {
      list.delete(address);
      held = true;
    } else {
      let hits = 0;
      for (const stamp of entry.stamps) {
        if (seconds && stamp < now - seconds) continue;
        if (!hitcount || ++hits >= hitcount) {
          held = true;
          break;
        }
      }
      if (reap) {
        entry.stamps = entry.stamps.filter((s) => !(s < now - seconds));
        if (entry.stamps.length === 0) list.delete(address);
      }
    }
    const result = held !== invert;
    if (command === 'set' || (command === 'update' && result)) touch(entry);
    return result;
  };
}

function setMatch(match: Match): Predicate {
  return byOption(match, (o) => {
    if (o.name !== 'match-set') return () => true;
    const [name = '', flags = ''] = o.args;
    const dims = flags.split(',');
    if (dims.length !== 1)
      return `ipset ${name} with ${dims.length} dimensions (${flags}) is not simulated`;
    return negate(o, (env) => {
      const members = env.node.ipsets.get(name);
      if (!members) {
        env.uncertain = `the members of ipset ${name} are not known`;
        return o.negated; // undone by negate: reports "does not hold" either way
      }
      const address = dims[0] === 'dst' ? env.pkt.dst : env.pkt.src;
      return members.some((c: Cidr) => inCidr(address, c));
    });
  });
}

function addrtypeMatch(match: Match): Predicate {
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
      return `address type ${o.args[0] ?? ''} is not simulated`;
    const side = o.name === 'src-type' ? 'src' : 'dst';
    if (o.name !== 'src-type' && o.name !== 'dst-type') return `unknown option --${o.name}`;
    return negate(o, (env) => {
      const dev = limitIn ? env.pkt.iif : limitOut ? env.pkt.oif : undefined;
      return types.has(env.node.addressType(env.pkt[side], dev || undefined));
    });
  });
}

function iprangeMatch(match: Match): Predicate {
  return byOption(match, (o) => {
    const [a, b] = (o.args[0] ?? '').split('-');
    const low = parseAddress(a ?? '');
    const high = b === undefined ? low : parseAddress(b);
    if (low === undefined || high === undefined) return `unreadable range ${o.args[0] ?? ''}`;
    const side = o.name === 'src-range' ? 'src' : 'dst';
    return negate(o, (env) => env.pkt[side] >= low && env.pkt[side] <= high);
  });
}

/** The node model has no bridges: every positive physdev test fails, every negated one holds. */
function physdevMatch(match: Match): Predicate {
  return byOption(match, (o) => () => o.negated);
}

/** xt_mac: the Ethernet source of a packet that came in on an interface. */
function macMatch(match: Match): Predicate {
  return byOption(match, (o) => {
    const wanted = (o.args[0] ?? '').toLowerCase();
    return (env) => {
      // xt_mac gives up (false, even negated) on a packet without an Ethernet header.
      if (env.local) return false;
      if (env.pkt.srcMac === '') {
        env.uncertain = "the packet's source MAC is not given";
        return false;
      }
      return (env.pkt.srcMac === wanted) !== o.negated;
    };
  });
}

function lengthMatch(match: Match): Predicate {
  return byOption(match, (o) => {
    const r = range(o.args[0]);
    if (!r) return `unreadable length ${o.args[0] ?? ''}`;
    return negate(o, (env) => inRange(env.pkt.length, r));
  });
}

function ttlMatch(match: Match): Predicate {
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

function pkttypeMatch(match: Match): Predicate {
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

/** Matches that never filter in a short scenario, with what the trace says about them. */
function nonFiltering(match: Match): Predicate | undefined {
  const names = match.options.map((o) => o.name);
  const note =
    (text: string, holds: boolean): Predicate =>
    (env) => {
      (env.notes ??= []).push(text);
      return holds;
    };
  switch (match.module) {
    case 'limit':
      return note('-m limit holds: the packet is within the rate and burst', true);
    case 'hashlimit':
      return names.includes('hashlimit-above')
        ? note('-m hashlimit --hashlimit-above does not hold: the source is under the rate', false)
        : note('-m hashlimit holds: the source is within the rate', true);
    case 'connlimit':
      return names.includes('connlimit-above')
        ? note('-m connlimit --connlimit-above does not hold: few connections', false)
        : note('-m connlimit holds: few connections', true);
    case 'nfacct':
      return note('-m nfacct counts the packet and always holds', true);
    case 'helper':
      // No connection tracking helper is assigned to a simulated connection.
      return (env) => {
        void env;
        return match.options.some((o) => o.negated);
      };
    default:
      return undefined;
  }
}

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

/**
 * One match, compiled; undefined for a match that always holds and says
 * nothing (comment). `key` names the rule (statistic nth keeps a counter per
 * rule); it is called only by matches that need it.
 */
export function compileMatch(match: Match, key: () => string): CompiledMatch | undefined {
  if (match.module === 'comment') return undefined;
  if (match.unknown) return { match, test: uncertain(`kpviz does not know -m ${match.module}`) };
  const compiler = COMPILERS[match.module];
  const test =
    compiler?.(match, key) ??
    nonFiltering(match) ??
    uncertain(`-m ${match.module} is not simulated`);
  return { match, test };
}
