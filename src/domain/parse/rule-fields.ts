import { canonicalProtocol } from '../model/ext/protocols.ts';
import { canonicalCidr } from '../model/ext/values.ts';
import type { Counters, Negatable, Rule, Target } from '../model/ruleset.ts';
import type { ProblemLog } from './problems.ts';
import type { MatchPart } from './rule-parts.ts';
import type { Token } from './tokenize.ts';

export type BasicKey = 'source' | 'destination' | 'inInterface' | 'outInterface' | 'protocol';

export const BASIC_OPTIONS: ReadonlyMap<string, BasicKey> = new Map(
  Object.entries({
    '-s': 'source',
    '--source': 'source',
    '--src': 'source',
    '-d': 'destination',
    '--destination': 'destination',
    '--dst': 'destination',
    '-i': 'inInterface',
    '--in-interface': 'inInterface',
    '-o': 'outInterface',
    '--out-interface': 'outInterface',
    '-p': 'protocol',
    '--protocol': 'protocol',
  }) as [string, BasicKey][],
);

/** Reads a run of decimal digits from `at`: its value and where it ends, or -1 if none. */
function digitsAt(text: string, at: number): { value: number; end: number } {
  let value = 0;
  let end = at;
  for (let c = text.charCodeAt(end); c >= 0x30 && c <= 0x39; c = text.charCodeAt(++end))
    value = value * 10 + (c - 0x30);
  return { value, end: end > at ? end : -1 };
}

/**
 * What canonicalCidr makes of an IPv4 address or network already written the
 * way the kernel prints it (`10.0.0.1/32`, `10.0.0.0/8`; a bare `10.0.0.1`
 * gains `/32`), told in one pass over the text; undefined for any other
 * spelling, which canonicalCidr reads. Nearly every -s/-d of a dump is one,
 * and canonicalCidr's general reading (C numbers, dotted masks, short forms)
 * costs many times more.
 */
function plainIPv4(text: string): string | undefined {
  let address = 0;
  let at = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (text.charCodeAt(at) !== 0x2e) return undefined;
      at++;
    }
    const { value, end } = digitsAt(text, at);
    // Decimal only: no leading zero (`010` is octal to iptables), at most 255.
    if (end < 0 || end - at > 3 || (end - at > 1 && text.charCodeAt(at) === 0x30) || value > 255)
      return undefined;
    address = address * 256 + value;
    at = end;
  }
  if (at === text.length) return `${text}/32`;
  if (text.charCodeAt(at) !== 0x2f) return undefined;
  const { value: prefix, end } = digitsAt(text, at + 1);
  const digits = end - at - 1;
  if (end !== text.length || digits > 2 || (digits > 1 && text.charCodeAt(at + 1) === 0x30))
    return undefined;
  // The host bits must be zero already; the kernel would clear them.
  if (prefix > 32 || address % 2 ** (32 - prefix) !== 0) return undefined;
  return text;
}

export function basicField(
  key: BasicKey,
  value: Token,
  negated: boolean,
  line: number,
  log: ProblemLog,
): Negatable | undefined {
  let text: string | undefined = value.text;
  if (key === 'source' || key === 'destination') {
    // A malformed value is kept as written (and reported), never dropped:
    // dropping it would widen the rule to match every address.
    text = plainIPv4(value.text) ?? canonicalCidr(value.text);
    if (text === undefined) {
      log.error(line, value.column, `"${value.text}" is not an IP address or CIDR`);
      text = value.text;
    }
    // A /0 matches every address: the kernel keeps no test for it.
    if ((text === '0.0.0.0/0' || text === '::/0') && !negated) return undefined;
  } else if ((key === 'inInterface' || key === 'outInterface') && text === '+' && !negated) {
    // "+" matches every interface name: the kernel keeps no test for it.
    return undefined;
  } else if (key === 'protocol') {
    text = canonicalProtocol(value.text);
    if (text === undefined) {
      log.error(line, value.column, `"${value.text}" is not a protocol name or number`);
      text = value.text;
    }
    if (text === 'all' && !negated) return undefined;
  }
  return { negated, value: text };
}

/** `[0:0]`, on nearly every chain of a dump: one shared pair (the model is immutable). */
const ZERO: Counters = { packets: 0n, bytes: 0n };

const COUNT = /^[0-9]+$/;

export function parseCounters(packets: string, bytes: string): Counters | undefined {
  if (packets === '0' && bytes === '0') return ZERO;
  if (!COUNT.test(packets) || !COUNT.test(bytes)) return undefined;
  return { packets: BigInt(packets), bytes: BigInt(bytes) };
}

/**
 * Protocol matches the kernel only loads for their own protocol, given with
 * `-p` and not negated (x_tables refuses "-p udp -m tcp"; multiport checks
 * for a protocol with ports).
 */
const NEEDS_PROTOCOL: ReadonlyMap<string, readonly string[]> = new Map([
  ['tcp', ['tcp']],
  ['udp', ['udp']],
  ['udplite', ['udplite']],
  ['sctp', ['sctp']],
  ['icmp', ['icmp']],
  ['esp', ['esp']],
  ['ah', ['ah']],
  ['multiport', ['tcp', 'udp', 'udplite', 'dccp', 'sctp']],
]);

export function checkProtocol(
  match: Pick<MatchPart, 'name' | 'column'>,
  protocol: Negatable | undefined,
  line: number,
  log: ProblemLog,
): void {
  const allowed = NEEDS_PROTOCOL.get(match.name);
  if (!allowed || (protocol && !protocol.negated && allowed.includes(protocol.value))) return;
  const wanted = `-p ${allowed.slice(0, -1).join(', ')}${allowed.length > 1 ? ' or ' : ''}${allowed[allowed.length - 1] ?? ''}`;
  log.error(
    line,
    match.column,
    `-m ${match.name} only works with ${wanted}; the kernel refuses this rule`,
  );
}

const PORT_PROTOCOLS = ['tcp', 'udp', 'sctp', 'dccp'];

/**
 * A NAT target that names ports (MASQUERADE/REDIRECT --to-ports, DNAT/SNAT to
 * `addr:port`) needs a protocol with ports: iptables refuses it otherwise
 * ("Need TCP, UDP, SCTP or DCCP with port specification").
 */
export function checkTargetPorts(rule: Rule, column: number, line: number, log: ProblemLog): void {
  const target = rule.target;
  if (!target) return;
  const names = ports(target);
  if (!names) return;
  const p = rule.protocol;
  if (p && !p.negated && PORT_PROTOCOLS.includes(p.value)) return;
  log.error(
    line,
    column,
    `${target.name} ${names} needs -p tcp, udp, sctp or dccp; the kernel refuses this rule`,
  );
}

/** IPv4 `addr:port` or `[v6]:port`; a bare IPv6 address has colons but no port. */
const WITH_PORT = /^\[.*\]:|^[^:[]*:[^:]*$/;

/** The target's port option, as written, when it has one. */
function ports(target: Target): string | undefined {
  for (const o of target.options) {
    const value = o.args[0] ?? '';
    if (o.name === 'to-ports') return `--to-ports ${value}`;
    if ((o.name === 'to-destination' || o.name === 'to-source') && WITH_PORT.test(value))
      return `--${o.name} ${value}`;
  }
  return undefined;
}
