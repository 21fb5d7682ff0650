import type { Option } from '../ruleset.ts';
import { icmpType } from './icmp.ts';
import { PACKET_MATCHES } from './match-packet.ts';
import { STATE_MATCHES } from './match-state.ts';
import type { ExtensionSpec, OptionSpec } from './spec.ts';
import { flag, one, opt, two } from './spec.ts';
import {
  formatPortList,
  formatPortRange,
  formatRange,
  formatServicePortRange,
  orderedFlagList,
  parseCUint,
  parseU32,
} from './values.ts';

/** TCP flag names in the order libxt_tcp prints them (their bit order). */
export const TCP_FLAGS: readonly string[] = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG'];

function tcpFlagList(text: string): string | undefined {
  const upper = text.toUpperCase();
  if (upper === 'ALL') return TCP_FLAGS.join(',');
  if (upper === 'NONE') return 'NONE';
  return orderedFlagList(TCP_FLAGS, upper);
}

/** tcp and sctp read ports as C numbers (`010` is 8); udp asks getaddrinfo (`010` is 10). */
const ports = (format: (text: string) => string | undefined): OptionSpec[] => [
  one('sport', format, ['source-port']),
  one('dport', format, ['destination-port']),
];

/** A port test over the whole range 0:65535 matches everything; the kernel keeps none. */
const withoutFullRange = (options: readonly Option[]): readonly Option[] =>
  options.some((o) => o.args[0] === '0:65535' && !o.negated)
    ? options.filter(
        (o) =>
          !(o.args[0] === '0:65535' && !o.negated && (o.name === 'sport' || o.name === 'dport')),
      )
    : options;

const SPI_FULL = '0:4294967295';

/**
 * esp's and ah's SPI or SPI range (C numbers); the whole range, even
 * negated, is dropped: `! --espspi 0:4294967295` → `-m esp` alone.
 */
const spi = (name: string): ExtensionSpec => ({
  name,
  options: [one(`${name}spi`, (t) => formatRange(t, parseU32, 0xffffffff))],
  canonicalise: (options) => options.filter((o) => o.args[0] !== SPI_FULL),
});

/** The matches of a protocol, which `-p PROTO` loads by itself when an option of theirs follows. */
const PROTOCOL_MATCHES: readonly ExtensionSpec[] = [
  {
    name: 'tcp',
    options: [
      ...ports(formatPortRange),
      one('tcp-option', (t) => parseCUint(t, 255)?.toString()),
      { name: 'tcp-flags', arity: 2, value: tcpFlagList },
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
  { name: 'udp', options: ports(formatServicePortRange), canonicalise: withoutFullRange },
  { name: 'udplite', options: ports(formatServicePortRange), canonicalise: withoutFullRange },
  {
    name: 'sctp',
    options: [...ports(formatPortRange), two('chunk-types')],
    canonicalise: withoutFullRange,
  },
  { name: 'icmp', options: [one('icmp-type', icmpType)] },
  spi('esp'),
  spi('ah'),
];

/** Every match module kpviz understands, by name. */
export const MATCH_SPECS: readonly ExtensionSpec[] = [
  ...PROTOCOL_MATCHES,
  {
    name: 'multiport',
    options: [
      one('sports', formatPortList, ['source-ports']),
      one('dports', formatPortList, ['destination-ports']),
      one('ports', formatPortList),
    ],
  },
  ...STATE_MATCHES,
  ...PACKET_MATCHES,
];

const BY_NAME = new Map(MATCH_SPECS.map((spec) => [spec.name, spec]));

export function matchSpec(name: string): ExtensionSpec | undefined {
  return BY_NAME.get(name);
}

/**
 * Modules iptables loads by itself after `-p tcp` etc. when a protocol option
 * follows without `-m` (iptables' "implicit" match): `-p esp --espspi 100` →
 * `-p esp -m esp --espspi 100`.
 */
export const PROTOCOL_MODULES: readonly string[] = PROTOCOL_MATCHES.map((spec) => spec.name);
