/**
 * Matches on state the packet carries or the kernel keeps: marks, conntrack,
 * xt_recent lists, statistic's random draws and nth counters, ipsets, and the
 * rate matches that do not filter a short scenario.
 */
import { PROBABILITY_SCALE, storedProbability } from '../model/ext/probability.ts';
import { parseMarkMask } from '../model/ext/values.ts';
import type { Match, Option } from '../model/ruleset.ts';
import type { Cidr } from './ipv4.ts';
import { inCidr, parseAddress, parseCidr } from './ipv4.ts';
import type { Predicate } from './match-helpers.ts';
import {
  byOption,
  inRange,
  negate,
  notSimulated,
  range,
  uncertain,
  unknownOptionDoubt,
  unknownOptionName,
  unreadable,
} from './match-helpers.ts';
import type { Env, RecentEntry } from './runtime.ts';
import { PROTOCOL_NUMBERS } from './runtime.ts';

/** How many timestamps xt_recent keeps per address (ip_pkt_list_tot's default). */
const RECENT_STAMPS = 20;

export function markMatch(match: Match, ofConnection: boolean): Predicate {
  return byOption(match, (o) => {
    const m = parseMarkMask(o.args[0] ?? '');
    if (o.name !== 'mark' || !m) return unreadable(`unreadable --${o.name}`);
    return negate(o, (env) => {
      const mark = ofConnection ? env.ctinfo.ct?.mark : env.pkt.mark;
      // connmark on an untracked packet does not match (xt_connmark: no ct).
      return mark !== undefined && (mark & m.mask) >>> 0 === m.mark;
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

export function conntrackMatch(match: Match): Predicate {
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
        if (!cidr) return unreadable(`unreadable address ${arg}`);
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
        if (!r) return unreadable(`unreadable port ${arg}`);
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
        return notSimulated('the time a connection has left is not simulated');
      default:
        return unknownOptionName(o);
    }
  });
}

export function stateMatch(match: Match): Predicate {
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
export function statisticMatch(match: Match, ruleKey: () => string): Predicate {
  const key = ruleKey();
  const get = (name: string): Option | undefined => match.options.find((o) => o.name === name);
  const mode = get('mode')?.args[0];
  const unknown = match.options.find((o) => o.unknown);
  if (unknown)
    return uncertain('unknown option of -m statistic', unknownOptionDoubt(match, unknown));
  if (mode === 'random') {
    const p = get('probability');
    const stored = storedProbability(p?.args[0] ?? '1');
    const negated = p?.negated ?? false;
    return (env) => {
      const held = env.chooser.random(key, stored);
      env.probability = held ? stored / PROBABILITY_SCALE : 1 - stored / PROBABILITY_SCALE;
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
  return uncertain(`-m statistic mode ${mode ?? '(none)'} is not simulated`, {
    kind: 'option-not-simulated',
    module: 'statistic',
    option: 'mode',
  });
}

/** xt_recent (kube-proxy's session affinity): per-list address entries with timestamps. */
export function recentMatch(match: Match): Predicate {
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
  if (!command) return uncertain('-m recent without a command', { kind: 'recent-no-command' });
  if (mask === undefined) {
    return uncertain('-m recent without a command', {
      kind: 'option-unreadable',
      module: 'recent',
      option: 'mask',
    });
  }
  if (has('rttl')) {
    return uncertain('-m recent --rttl: the TTL is not simulated', {
      kind: 'option-not-simulated',
      module: 'recent',
      option: 'rttl',
    });
  }
  const unknown = match.options.find((o) => o.unknown);
  if (unknown) return uncertain('unknown option of -m recent', unknownOptionDoubt(match, unknown));
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

export function setMatch(match: Match): Predicate {
  return byOption(match, (o) => {
    if (o.name !== 'match-set') return () => true;
    const [name = '', flags = ''] = o.args;
    const dims = flags.split(',');
    if (dims.length !== 1)
      return notSimulated(
        `ipset ${name} with ${dims.length} dimensions (${flags}) is not simulated`,
      );
    return negate(o, (env) => {
      const members = env.node.ipsets.get(name);
      if (!members) {
        env.uncertain = `the members of ipset ${name} are not known`;
        env.doubt = { kind: 'ipset-members', set: name };
        return o.negated; // undone by negate: reports "does not hold" either way
      }
      const address = dims[0] === 'dst' ? env.pkt.dst : env.pkt.src;
      return members.some((c: Cidr) => inCidr(address, c));
    });
  });
}

/** Matches that never filter in a short scenario, with what the trace says about them. */
export function nonFiltering(match: Match): Predicate | undefined {
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
