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
    text = canonicalCidr(value.text);
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

export function parseCounters(packets: string, bytes: string): Counters | undefined {
  if (!/^[0-9]+$/.test(packets) || !/^[0-9]+$/.test(bytes)) return undefined;
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
  match: MatchPart,
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

/** The target's port option, as written, when it has one. */
function ports(target: Target): string | undefined {
  for (const o of target.options) {
    const value = o.args[0] ?? '';
    if (o.name === 'to-ports') return `--to-ports ${value}`;
    // IPv4 `addr:port` or `[v6]:port`; a bare IPv6 address has colons but no port.
    const port = /^\[.*\]:|^[^:[]*:[^:]*$/.test(value);
    if ((o.name === 'to-destination' || o.name === 'to-source') && port)
      return `--${o.name} ${value}`;
  }
  return undefined;
}
