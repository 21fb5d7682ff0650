import type { ExtensionSpec, OptionSpec } from './spec.ts';
import { opt } from './spec.ts';
import {
  canonicalCidr,
  formatMarkMatch,
  formatPortList,
  formatPortRange,
  orderedFlagList,
  parseU32,
  quantiseProbability,
} from './values.ts';

const one = (name: string, value?: OptionSpec['value'], aliases?: string[]): OptionSpec => ({
  name,
  arity: 1,
  ...(value ? { value } : {}),
  ...(aliases ? { aliases } : {}),
});
const flag = (name: string): OptionSpec => ({ name, arity: 0 });
const two = (name: string): OptionSpec => ({ name, arity: 2 });

const ports = (): OptionSpec[] => [
  one('sport', formatPortRange, ['source-port']),
  one('dport', formatPortRange, ['destination-port']),
];

/** conntrack's states, in the bit order the kernel module prints them. */
const CT_STATES = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];
const CT_STATUS = ['NONE', 'EXPECTED', 'SEEN_REPLY', 'ASSURED', 'CONFIRMED'];
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

const ICMP_TYPES: Readonly<Record<string, string>> = {
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
};

function icmpType(text: string): string | undefined {
  if (text === 'any') return 'any';
  const named = ICMP_TYPES[text.toLowerCase()];
  if (named !== undefined) return named;
  return /^[0-9]{1,3}(\/[0-9]{1,3})?$/.test(text) ? text : undefined;
}

const RECENT_DEFAULT_MASK = '255.255.255.255';

/** Every match module kpviz understands, by name. */
export const MATCH_SPECS: readonly ExtensionSpec[] = [
  { name: 'comment', options: [one('comment')] },
  {
    name: 'tcp',
    options: [...ports(), one('tcp-option'), two('tcp-flags'), flag('syn')],
    // `--syn` is stored as the flag test it abbreviates.
    canonicalise: (options) =>
      options.map((o) =>
        o.name === 'syn' ? opt('tcp-flags', ['FIN,SYN,RST,ACK', 'SYN'], o.negated) : o,
      ),
  },
  { name: 'udp', options: ports() },
  { name: 'udplite', options: ports() },
  { name: 'sctp', options: [...ports(), two('chunk-types')] },
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
      one('dst-type', (t) => orderedFlagList(ADDR_TYPES, t)),
      flag('limit-iface-in'),
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
      one('ctproto', (t) => t.toLowerCase()),
      one('ctorigsrc', canonicalCidr),
      one('ctorigdst', canonicalCidr),
      one('ctreplsrc', canonicalCidr),
      one('ctrepldst', canonicalCidr),
      one('ctorigsrcport', formatPortRange),
      one('ctorigdstport', formatPortRange),
      one('ctreplsrcport', formatPortRange),
      one('ctrepldstport', formatPortRange),
      one('ctstatus', (t) => orderedFlagList(CT_STATUS, t)),
      one('ctexpire'),
      one('ctdir', (t) => (['ORIGINAL', 'REPLY'].includes(t.toUpperCase()) ? t.toUpperCase() : undefined)),
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
    // A burst of 5 is the default and iptables-save leaves it out.
    canonicalise: (options) =>
      options.filter((o) => !(o.name === 'limit-burst' && o.args[0] === '5')),
  },
  { name: 'mac', options: [one('mac-source', (t) => t.toUpperCase())] },
  { name: 'pkttype', options: [one('pkt-type', (t) => t.toLowerCase())] },
  { name: 'owner', options: [one('uid-owner'), one('gid-owner'), flag('socket-exists')] },
  { name: 'length', options: [one('length', formatPortRange)] },
  { name: 'ttl', options: [one('ttl-eq'), one('ttl-lt'), one('ttl-gt')] },
  { name: 'helper', options: [one('helper')] },
  { name: 'devgroup', options: [one('src-group'), one('dst-group')] },
  { name: 'cgroup', options: [one('path'), one('cgroup')] },
  { name: 'rpfilter', options: [flag('loose'), flag('validmark'), flag('accept-local'), flag('invert')] },
  { name: 'socket', options: [flag('transparent'), flag('nowildcard'), flag('restore-skmark')] },
  { name: 'tos', options: [one('tos')] },
  { name: 'dscp', options: [one('dscp'), one('dscp-class')] },
  { name: 'u32', options: [one('u32')] },
  {
    name: 'connlimit',
    options: [one('connlimit-upto'), one('connlimit-above'), one('connlimit-mask'), flag('connlimit-saddr'), flag('connlimit-daddr')],
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
  },
  {
    name: 'policy',
    options: [one('dir'), one('pol'), flag('strict'), one('reqid'), one('spi'), one('proto'), one('mode'), one('tunnel-src'), one('tunnel-dst'), flag('next')],
  },
  { name: 'esp', options: [one('espspi')] },
  { name: 'ah', options: [one('ahspi')] },
  {
    name: 'string',
    options: [one('algo'), one('from'), one('to'), one('string'), one('hex-string'), flag('icase')],
  },
];

/** `3/minute`, `1/s` → iptables' printed rate units (`3/min`, `1/sec`). */
function limitRate(text: string): string | undefined {
  const match = /^([0-9]+)(?:\/(s|sec|second|m|min|minute|h|hour|d|day))?$/.exec(text);
  if (!match) return undefined;
  const unit = match[2] ?? 'sec';
  const short = { s: 'sec', m: 'min', h: 'hour', d: 'day' }[unit[0] as 's' | 'm' | 'h' | 'd'];
  return `${match[1]}/${short}`;
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
