import type { Option } from '../ruleset.ts';
import { protocolNumber } from './protocols.ts';
import type { ExtensionSpec, OptionSpec } from './spec.ts';
import { flag, one, opt, text, two } from './spec.ts';
import {
  canonicalCidr,
  formatMarkMatch,
  formatPortList,
  formatPortRange,
  orderedFlagList,
  parseU32,
  quantiseProbability,
} from './values.ts';

const ports = (): OptionSpec[] => [
  one('sport', formatPortRange, ['source-port']),
  one('dport', formatPortRange, ['destination-port']),
];

/** A port test over the whole range 0:65535 matches everything; the kernel keeps none. */
const withoutFullRange = (options: readonly Option[]): readonly Option[] =>
  options.some((o) => o.args[0] === '0:65535' && !o.negated)
    ? options.filter(
        (o) =>
          !(o.args[0] === '0:65535' && !o.negated && (o.name === 'sport' || o.name === 'dport')),
      )
    : options;

/** conntrack's addresses print bare for a single host, with the prefix otherwise. */
function ctAddress(text: string): string | undefined {
  const cidr = canonicalCidr(text);
  return cidr?.replace(/\/(32|128)$/, '');
}

/** conntrack's states, in the bit order the kernel module prints them. */
const CT_STATES = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];
const CT_STATUS = ['NONE', 'EXPECTED', 'SEEN_REPLY', 'ASSURED', 'CONFIRMED'];
const RATE_UNITS = [
  { name: 'day', seconds: 86400 },
  { name: 'hour', seconds: 3600 },
  { name: 'min', seconds: 60 },
  { name: 'sec', seconds: 1 },
];
/** libxt_limit's fixed-point scale: a rate is stored as a period of 1/10000 s. */
const LIMIT_SCALE = 10000;
/** addrtype's types, in rtnetlink's numbering order, which is how iptables prints them. */
const ADDR_TYPES = [
  'UNSPEC',
  'UNICAST',
  'LOCAL',
  'BROADCAST',
  'ANYCAST',
  'MULTICAST',
  'BLACKHOLE',
  'UNREACHABLE',
  'PROHIBIT',
  'THROW',
  'NAT',
  'XRESOLVE',
];
/** TCP flag names in the order libxt_tcp prints them. */
const TCP_FLAGS = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG'];

function tcpFlagList(text: string): string | undefined {
  const upper = text.toUpperCase();
  if (upper === 'ALL') return TCP_FLAGS.join(',');
  if (upper === 'NONE') return 'NONE';
  return orderedFlagList(TCP_FLAGS, upper);
}

const ICMP_TYPES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    'echo-reply': '0',
    pong: '0',
    'destination-unreachable': '3',
    'network-unreachable': '3/0',
    'host-unreachable': '3/1',
    'protocol-unreachable': '3/2',
    'port-unreachable': '3/3',
    'fragmentation-needed': '3/4',
    'source-quench': '4',
    redirect: '5',
    'echo-request': '8',
    ping: '8',
    'router-advertisement': '9',
    'router-solicitation': '10',
    'time-exceeded': '11',
    ttl_exceeded: '11',
    'ttl-zero-during-transit': '11/0',
    'parameter-problem': '12',
    'timestamp-request': '13',
    'timestamp-reply': '14',
    'address-mask-request': '17',
    'address-mask-reply': '18',
  }),
);

function icmpType(text: string): string | undefined {
  if (text === 'any') return 'any';
  const named = ICMP_TYPES.get(text.toLowerCase());
  if (named !== undefined) return named;
  return /^[0-9]{1,3}(\/[0-9]{1,3})?$/.test(text) ? text : undefined;
}

const RECENT_DEFAULT_MASK = '255.255.255.255';

/** Every match module kpviz understands, by name. */
export const MATCH_SPECS: readonly ExtensionSpec[] = [
  { name: 'comment', options: [text('comment')] },
  {
    name: 'tcp',
    options: [
      ...ports(),
      { name: 'tcp-flags', arity: 2, value: tcpFlagList },
      one('tcp-option'),
      flag('syn'),
    ],
    // `--syn` is stored as the flag test it abbreviates.
    canonicalise: (options) => {
      const out = withoutFullRange(options);
      return out.some((o) => o.name === 'syn')
        ? out.map((o) =>
            o.name === 'syn' ? opt('tcp-flags', ['FIN,SYN,RST,ACK', 'SYN'], o.negated) : o,
          )
        : out;
    },
  },
  { name: 'udp', options: ports(), canonicalise: withoutFullRange },
  { name: 'udplite', options: ports(), canonicalise: withoutFullRange },
  { name: 'sctp', options: [...ports(), two('chunk-types')], canonicalise: withoutFullRange },
  { name: 'icmp', options: [one('icmp-type', icmpType)] },
  {
    name: 'multiport',
    options: [
      one('sports', formatPortList, ['source-ports']),
      one('dports', formatPortList, ['destination-ports']),
      one('ports', formatPortList),
    ],
  },
  {
    name: 'addrtype',
    options: [
      one('src-type', (t) => orderedFlagList(ADDR_TYPES, t)),
      flag('limit-iface-in'),
      one('dst-type', (t) => orderedFlagList(ADDR_TYPES, t)),
      flag('limit-iface-out'),
    ],
  },
  {
    name: 'statistic',
    options: [
      one('mode', (t) => (t === 'random' || t === 'nth' ? t : undefined)),
      one('probability', quantiseProbability),
      one('every', (t) => (parseU32(t) ? String(parseU32(t)) : undefined)),
      one('packet', (t) => (parseU32(t) === undefined ? undefined : String(parseU32(t)))),
    ],
  },
  { name: 'mark', options: [one('mark', formatMarkMatch)] },
  { name: 'connmark', options: [one('mark', formatMarkMatch)] },
  {
    name: 'conntrack',
    options: [
      one('ctstate', (t) => orderedFlagList(CT_STATES, t)),
      one('ctproto', protocolNumber),
      one('ctorigsrc', ctAddress),
      one('ctorigdst', ctAddress),
      one('ctreplsrc', ctAddress),
      one('ctrepldst', ctAddress),
      one('ctorigsrcport', formatPortRange),
      one('ctorigdstport', formatPortRange),
      one('ctreplsrcport', formatPortRange),
      one('ctrepldstport', formatPortRange),
      one('ctstatus', (t) => orderedFlagList(CT_STATUS, t)),
      one('ctexpire'),
      one('ctdir', (t) =>
        ['ORIGINAL', 'REPLY'].includes(t.toUpperCase()) ? t.toUpperCase() : undefined,
      ),
    ],
  },
  { name: 'state', options: [one('state', (t) => orderedFlagList(CT_STATES, t))] },
  {
    name: 'recent',
    options: [
      flag('set'),
      flag('rcheck'),
      flag('update'),
      flag('remove'),
      one('seconds'),
      flag('reap'),
      one('hitcount'),
      flag('rttl'),
      one('name'),
      one('mask'),
      flag('rsource'),
      flag('rdest'),
    ],
    // iptables-save always prints the list name, the mask and the side.
    canonicalise: (options) => {
      const out = [...options];
      if (!out.some((o) => o.name === 'name')) out.push(opt('name', ['DEFAULT']));
      if (!out.some((o) => o.name === 'mask')) out.push(opt('mask', [RECENT_DEFAULT_MASK]));
      if (!out.some((o) => o.name === 'rsource' || o.name === 'rdest')) out.push(opt('rsource'));
      return out;
    },
  },
  {
    name: 'set',
    options: [
      two('match-set'),
      flag('return-nomatch'),
      flag('update-counters'),
      flag('update-subcounters'),
      one('packets-eq'),
      one('packets-lt'),
      one('packets-gt'),
      one('bytes-eq'),
      one('bytes-lt'),
      one('bytes-gt'),
    ],
  },
  {
    name: 'physdev',
    options: [
      one('physdev-in'),
      one('physdev-out'),
      flag('physdev-is-in'),
      flag('physdev-is-out'),
      flag('physdev-is-bridged'),
    ],
  },
  { name: 'iprange', options: [one('src-range'), one('dst-range')] },
  { name: 'nfacct', options: [one('nfacct-name')] },
  {
    name: 'limit',
    options: [one('limit', limitRate), one('limit-burst')],
    // The rate defaults to 3/hour, which iptables-save prints; the default
    // burst of 5 it leaves out.
    canonicalise: (options) => {
      const out = options.filter((o) => !(o.name === 'limit-burst' && o.args[0] === '5'));
      return out.some((o) => o.name === 'limit') ? out : [opt('limit', ['3/hour']), ...out];
    },
  },
  { name: 'mac', options: [one('mac-source', (t) => t.toLowerCase())] },
  { name: 'pkttype', options: [one('pkt-type', (t) => t.toLowerCase())] },
  { name: 'owner', options: [flag('socket-exists'), one('uid-owner'), one('gid-owner')] },
  { name: 'length', options: [one('length', formatPortRange)] },
  { name: 'ttl', options: [one('ttl-eq'), one('ttl-lt'), one('ttl-gt')] },
  { name: 'helper', options: [one('helper')] },
  { name: 'devgroup', options: [one('src-group'), one('dst-group')] },
  { name: 'cgroup', options: [text('path'), one('cgroup')] },
  {
    name: 'rpfilter',
    options: [flag('loose'), flag('validmark'), flag('accept-local'), flag('invert')],
  },
  { name: 'socket', options: [flag('transparent'), flag('nowildcard'), flag('restore-skmark')] },
  { name: 'tos', options: [one('tos', (t) => (t.includes('/') ? t : `${t}/0xff`))] },
  { name: 'dscp', options: [one('dscp'), one('dscp-class')] },
  { name: 'u32', options: [one('u32')] },
  {
    name: 'connlimit',
    options: [
      one('connlimit-upto'),
      one('connlimit-above'),
      one('connlimit-mask'),
      flag('connlimit-saddr'),
      flag('connlimit-daddr'),
    ],
    // The kernel stores a mask and a side; iptables-save prints both.
    canonicalise: (options) => {
      const out = [...options];
      if (!out.some((o) => o.name === 'connlimit-mask')) out.push(opt('connlimit-mask', ['32']));
      if (!out.some((o) => o.name === 'connlimit-saddr' || o.name === 'connlimit-daddr'))
        out.push(opt('connlimit-saddr'));
      return out;
    },
  },
  {
    name: 'hashlimit',
    options: [
      one('hashlimit-upto'),
      one('hashlimit-above'),
      one('hashlimit-burst'),
      one('hashlimit-mode'),
      one('hashlimit-srcmask'),
      one('hashlimit-dstmask'),
      one('hashlimit-name'),
      one('hashlimit-htable-size'),
      one('hashlimit-htable-max'),
      one('hashlimit-htable-expire'),
      one('hashlimit-htable-gcinterval'),
    ],
    // The default burst of 5 is printed.
    canonicalise: (options) =>
      options.some((o) => o.name === 'hashlimit-burst')
        ? options
        : [...options, opt('hashlimit-burst', ['5'])],
  },
  {
    name: 'policy',
    options: [
      one('dir'),
      one('pol'),
      flag('strict'),
      one('reqid'),
      one('spi'),
      one('proto'),
      one('mode'),
      one('tunnel-src'),
      one('tunnel-dst'),
      flag('next'),
    ],
  },
  { name: 'esp', options: [one('espspi')] },
  { name: 'ah', options: [one('ahspi')] },
  {
    name: 'string',
    options: [one('algo'), one('from'), one('to'), one('string'), one('hex-string'), flag('icase')],
  },
];

/**
 * A limit rate as the kernel keeps it and iptables prints it back: stored as
 * a period of 1/10000 s (integer division), printed in the largest unit that
 * divides it exactly enough (`60/min` → `1/sec`, `24/day` → `1/hour`).
 */
function limitRate(text: string): string | undefined {
  const match = /^([0-9]+)(?:\/(s|sec|second|m|min|minute|h|hour|d|day))?$/.exec(text);
  if (!match) return undefined;
  const rate = Number(match[1]);
  const letter = (match[2] ?? 's')[0];
  const unit = RATE_UNITS.find((u) => u.name[0] === letter) as (typeof RATE_UNITS)[number];
  const period = Math.floor((LIMIT_SCALE * unit.seconds) / rate);
  if (!(rate > 0 && period > 0)) return undefined;
  let i = 1;
  for (; i < RATE_UNITS.length; i++) {
    const mult = LIMIT_SCALE * (RATE_UNITS[i] as (typeof RATE_UNITS)[number]).seconds;
    if (period > mult || Math.floor(mult / period) < mult % period) break;
  }
  const chosen = RATE_UNITS[i - 1] as (typeof RATE_UNITS)[number];
  return `${Math.floor((LIMIT_SCALE * chosen.seconds) / period)}/${chosen.name}`;
}

const BY_NAME = new Map(MATCH_SPECS.map((spec) => [spec.name, spec]));

export function matchSpec(name: string): ExtensionSpec | undefined {
  return BY_NAME.get(name);
}

/**
 * Modules iptables loads by itself after `-p tcp` etc. when a protocol option
 * follows without `-m` (iptables' "implicit" match).
 */
export const PROTOCOL_MODULES: readonly string[] = ['tcp', 'udp', 'udplite', 'sctp', 'icmp'];
