/**
 * Target extensions: what each does to the packet, its connection and the
 * walk. NAT targets set up the connection's binding (nf_nat_setup_info):
 * the reply tuple changes, and the status bit is set only when the tuple
 * really changed. They end the nat table's walk (NF_ACCEPT).
 */
import type { Option } from '../model/ruleset.ts';
import { hex, parseMarkMask } from '../model/ext/values.ts';
import { formatIPv4, parseAddress } from './ipv4.ts';
import type { Ct, Env } from './runtime.ts';
import { tupleKey } from './runtime.ts';
import type { Doubt, Effect } from './types.ts';

export interface TargetResult {
  readonly verdict: 'CONTINUE' | 'ACCEPT' | 'DROP' | 'REJECT';
  readonly effect?: Effect;
  readonly uncertain?: string;
  /** What `uncertain` says, as data: one doubt per reason it joins. */
  readonly doubts?: readonly Doubt[];
  readonly note?: string;
  /** REJECT's answer, as `--reject-with` names it. */
  readonly rejectWith?: string;
}

/** A target that cannot act, in English and as data. */
const doubtful = (
  verdict: TargetResult['verdict'],
  uncertain: string,
  doubt: Doubt,
): TargetResult => ({ verdict, uncertain, doubts: [doubt] });

const arg = (options: readonly Option[], name: string): string | undefined =>
  options.find((o) => o.name === name)?.args[0];
const has = (options: readonly Option[], name: string): boolean =>
  options.some((o) => o.name === name);

const endpoint = (address: number, port: number, withPort: boolean): string =>
  withPort ? `${formatIPv4(address)}:${port}` : formatIPv4(address);

interface NatRange {
  readonly low?: number;
  readonly high?: number;
  readonly portLow?: number;
  readonly portHigh?: number;
}

/** `addr[-addr][:port[-port]]` (canonical: collapsed ranges), or `:port` for ports only. */
function natRange(text: string | undefined): NatRange | undefined {
  if (text === undefined) return {};
  const [addresses = '', ports] = text.split(':');
  const out: { low?: number; high?: number; portLow?: number; portHigh?: number } = {};
  if (addresses !== '') {
    const [a, b] = addresses.split('-');
    const low = parseAddress(a ?? '');
    const high = b === undefined ? low : parseAddress(b);
    if (low === undefined || high === undefined) return undefined;
    out.low = low;
    out.high = high;
  }
  if (ports !== undefined) {
    const [a, b] = ports.split('-');
    out.portLow = Number(a);
    out.portHigh = b === undefined ? out.portLow : Number(b);
  }
  return out;
}

/**
 * get_unique_tuple's port choice: keep the port when it is in the range;
 * else DNAT takes the range's first port, SNAT a random one (uncertain).
 */
function pickPort(
  current: number,
  range: NatRange,
  destination: boolean,
  randomFully: boolean,
): { port: number; uncertain?: string; doubt?: Doubt } {
  if (range.portLow === undefined || range.portHigh === undefined) {
    return randomFully
      ? {
          port: current,
          uncertain: '--random-fully: the kernel picks the source port at random',
          doubt: { kind: 'nat-random-fully' },
        }
      : { port: current };
  }
  if (!randomFully && current >= range.portLow && current <= range.portHigh)
    return { port: current };
  if (destination && !randomFully) return { port: range.portLow };
  return range.portLow === range.portHigh
    ? { port: range.portLow }
    : {
        port: range.portLow,
        uncertain: `the kernel picks a port of ${range.portLow}-${range.portHigh} at random`,
        doubt: { kind: 'nat-random-port', low: range.portLow, high: range.portHigh },
      };
}

function natTarget(
  env: Env,
  manip: 'dst' | 'src',
  address: number,
  range: NatRange,
  kind: 'dnat' | 'snat' | 'masquerade' | 'redirect',
  randomFully: boolean,
): TargetResult {
  const ct = env.ctinfo.ct;
  if (!ct) return { verdict: 'ACCEPT', note: 'no connection to bind: NAT does nothing' };
  const p = env.pkt;
  const uncertain: string[] = [];
  const doubts: Doubt[] = [];
  if (range.low !== undefined && range.high !== undefined && range.high !== range.low) {
    const [low, high] = [formatIPv4(range.low), formatIPv4(range.high)];
    uncertain.push(
      `the kernel picks one address of ${low}-${high} by a hash of the connection; the first is shown`,
    );
    doubts.push({ kind: 'nat-address-hash', low, high });
  }
  const hasPorts = p.protocol !== 'icmp';
  const current = manip === 'dst' ? p.dport : p.sport;
  let port = hasPorts ? pickPort(current, range, manip === 'dst', randomFully) : { port: 0 };
  if (port.uncertain) uncertain.push(port.uncertain);
  if (port.doubt) doubts.push(port.doubt);
  // get_unique_tuple: a reply tuple another connection already holds cannot be used, so the
  // kernel picks another port (at random for SNAT/MASQUERADE).
  if (hasPorts && tupleTaken(env, ct, manip, address, port.port)) {
    let other = port.port;
    do other = other >= 65535 ? 1024 : other + 1;
    while (tupleTaken(env, ct, manip, address, other) && other !== port.port);
    uncertain.push(
      `${formatIPv4(address)}:${port.port} is taken by another connection to the same peer: the kernel picks another ${manip === 'dst' ? 'destination' : 'source'} port at random (${other} shown)`,
    );
    doubts.push({ kind: 'nat-port-taken', address: formatIPv4(address), port: port.port, other });
    port = { port: other };
  }
  const before =
    manip === 'dst' ? endpoint(p.dst, p.dport, hasPorts) : endpoint(p.src, p.sport, hasPorts);
  bind(ct, manip, address, port.port);
  if (manip === 'dst') {
    p.dst = address;
    p.dport = port.port;
  } else {
    p.src = address;
    p.sport = port.port;
  }
  if (kind === 'masquerade') ct.masqueraded = true;
  const after = endpoint(address, port.port, hasPorts);
  const effect: Effect =
    kind === 'dnat'
      ? { kind: 'dnat', from: before, to: after }
      : kind === 'redirect'
        ? { kind: 'redirect', from: before, to: after }
        : { kind: 'snat', from: before, to: after, masquerade: kind === 'masquerade' };
  return {
    verdict: 'ACCEPT',
    effect,
    ...(uncertain.length ? { uncertain: uncertain.join('; '), doubts } : {}),
  };
}

/** Would binding `manip` to address:port give a reply tuple some confirmed connection holds? */
function tupleTaken(
  env: Env,
  ct: Ct,
  manip: 'dst' | 'src',
  address: number,
  port: number,
): boolean {
  const reply =
    manip === 'dst'
      ? { ...ct.reply, src: address, sport: port }
      : { ...ct.reply, dst: address, dport: port };
  const other = env.state.conntrack.get(tupleKey(reply));
  return other !== undefined && other !== ct;
}

/** nf_nat_setup_info: the reply tuple now points at the new address; status bit if it changed. */
export function bind(ct: Ct, manip: 'dst' | 'src', address: number, port: number): void {
  if (manip === 'dst') {
    const changed = address !== ct.original.dst || port !== ct.original.dport;
    ct.reply = { ...ct.reply, src: address, sport: port };
    if (changed) ct.dstNat = true;
    ct.dnatDone = true;
  } else {
    const changed = address !== ct.original.src || port !== ct.original.sport;
    ct.reply = { ...ct.reply, dst: address, dport: port };
    if (changed) ct.srcNat = true;
    ct.snatDone = true;
  }
}

/** MARK/CONNMARK --set-xmark: clear the mask's bits, then XOR the value in. */
const xmark = (current: number, m: { mark: number; mask: number }): number =>
  ((current & ~m.mask) ^ m.mark) >>> 0;

const NON_TERMINATING_NOTES: Readonly<Record<string, string>> = {
  LOG: 'logs the packet to the kernel log and goes on',
  NFLOG: 'sends the packet to nflog and goes on',
  ULOG: 'sends the packet to ulog and goes on',
  TRACE: 'turns on netfilter tracing for this packet and goes on',
  TCPMSS: 'rewrites the TCP MSS option and goes on',
  CHECKSUM: 'fills in the checksum and goes on',
  TOS: 'rewrites the TOS byte and goes on',
  DSCP: 'rewrites the DSCP field and goes on',
  CLASSIFY: 'sets the traffic-control class and goes on',
  AUDIT: 'writes an audit record and goes on',
  SET: 'adds to or deletes from an ipset (not simulated) and goes on',
  CT: 'sets conntrack options for the connection and goes on',
  TTL: 'changes the TTL and goes on',
};

const notSimulatedTarget = (name: string): string =>
  `target ${name} is not simulated; the walk goes on as if it did nothing`;

/** What the simulator says of a target that is neither a verdict, a chain nor a known extension. */
export const unknownTarget = (name: string): string =>
  `target ${name} is not known; the walk goes on as if it did nothing`;

/** The target extensions applyTarget acts out: its cases, and those that only note and go on. */
const SIMULATED_TARGETS: ReadonlySet<string> = new Set([
  'REJECT',
  'DNAT',
  'SNAT',
  'MASQUERADE',
  'REDIRECT',
  'MARK',
  'CONNMARK',
  'NOTRACK',
  'CT',
  'TTL',
  ...Object.keys(NON_TERMINATING_NOTES),
]);

/**
 * Why the simulator cannot act out a target extension, seen from the rule
 * alone, or undefined (verdicts and chains are not extensions: see compile.ts).
 */
export function unsupportedTarget(name: string): string | undefined {
  return SIMULATED_TARGETS.has(name) ? undefined : notSimulatedTarget(name);
}

export function applyTarget(name: string, options: readonly Option[], env: Env): TargetResult {
  const p = env.pkt;
  switch (name) {
    case 'REJECT': {
      const rejectWith = arg(options, 'reject-with') ?? 'icmp-port-unreachable';
      return { verdict: 'REJECT', note: `answers with ${rejectWith}`, rejectWith };
    }
    case 'DNAT': {
      const range = natRange(arg(options, 'to-destination'));
      if (!range) {
        return doubtful('DROP', 'unreadable --to-destination', {
          kind: 'target-unreadable',
          target: name,
          option: 'to-destination',
        });
      }
      return natTarget(env, 'dst', range.low ?? p.dst, range, 'dnat', false);
    }
    case 'SNAT': {
      const range = natRange(arg(options, 'to-source'));
      if (!range) {
        return doubtful('DROP', 'unreadable --to-source', {
          kind: 'target-unreadable',
          target: name,
          option: 'to-source',
        });
      }
      return natTarget(env, 'src', range.low ?? p.src, range, 'snat', has(options, 'random-fully'));
    }
    case 'MASQUERADE': {
      const route = env.node.route(p.dst);
      const nexthop = route.kind === 'unicast' && route.via !== undefined ? route.via : p.dst;
      const address = env.node.masqueradeAddress(p.oif, nexthop);
      // nf_nat_masquerade_ipv4: "<dev> ate my IP address" → NF_DROP.
      if (address === undefined)
        return { verdict: 'DROP', note: `${p.oif} has no address to masquerade to` };
      const ports = natRange(`:${arg(options, 'to-ports') ?? ''}`.replace(/^:$/, '')) ?? {};
      return natTarget(env, 'src', address, ports, 'masquerade', has(options, 'random-fully'));
    }
    case 'REDIRECT': {
      // Locally generated packets go to 127.0.0.1; others to the in-interface's first address.
      const address = env.local ? 0x7f000001 : env.node.primaryAddress(p.iif);
      if (address === undefined) return { verdict: 'DROP', note: `${p.iif} has no address` };
      const ports = natRange(`:${arg(options, 'to-ports') ?? ''}`.replace(/^:$/, '')) ?? {};
      return natTarget(env, 'dst', address, ports, 'redirect', false);
    }
    case 'MARK': {
      const m = parseMarkMask(arg(options, 'set-xmark') ?? '');
      if (!m) {
        return doubtful('CONTINUE', 'unreadable MARK options', {
          kind: 'target-unreadable',
          target: name,
          option: 'set-xmark',
        });
      }
      const from = p.mark;
      p.mark = xmark(p.mark, m);
      return {
        verdict: 'CONTINUE',
        effect: { kind: 'mark', from, to: p.mark },
        note: `mark ${hex(from)} → ${hex(p.mark)}`,
      };
    }
    case 'CONNMARK': {
      const ct = env.ctinfo.ct;
      if (!ct) return { verdict: 'CONTINUE', note: 'no connection: CONNMARK does nothing' };
      const nfmask = Number(arg(options, 'nfmask') ?? '0xffffffff') >>> 0;
      const ctmask = Number(arg(options, 'ctmask') ?? '0xffffffff') >>> 0;
      const from = ct.mark;
      if (has(options, 'save-mark')) {
        ct.mark = ((ct.mark & ~ctmask) ^ (p.mark & nfmask)) >>> 0;
        return { verdict: 'CONTINUE', effect: { kind: 'connmark', from, to: ct.mark } };
      }
      if (has(options, 'restore-mark')) {
        const before = p.mark;
        p.mark = ((p.mark & ~nfmask) ^ (ct.mark & ctmask)) >>> 0;
        return { verdict: 'CONTINUE', effect: { kind: 'mark', from: before, to: p.mark } };
      }
      const m = parseMarkMask(arg(options, 'set-xmark') ?? '');
      if (!m) {
        return doubtful('CONTINUE', 'unreadable CONNMARK options', {
          kind: 'target-unreadable',
          target: name,
          option: 'set-xmark',
        });
      }
      ct.mark = xmark(ct.mark, m);
      return { verdict: 'CONTINUE', effect: { kind: 'connmark', from, to: ct.mark } };
    }
    case 'NOTRACK':
      env.notrack = true;
      return { verdict: 'CONTINUE', effect: { kind: 'notrack' } };
    case 'CT':
      if (has(options, 'notrack')) {
        env.notrack = true;
        return { verdict: 'CONTINUE', effect: { kind: 'notrack' } };
      }
      return { verdict: 'CONTINUE', note: NON_TERMINATING_NOTES.CT };
    case 'TTL': {
      const set = arg(options, 'ttl-set');
      const dec = arg(options, 'ttl-dec');
      const inc = arg(options, 'ttl-inc');
      if (set !== undefined) p.ttl = Number(set);
      else if (dec !== undefined) p.ttl = Math.max(0, p.ttl - Number(dec));
      else if (inc !== undefined) p.ttl = Math.min(255, p.ttl + Number(inc));
      return { verdict: 'CONTINUE', note: `TTL is now ${p.ttl}` };
    }
    default: {
      const note = NON_TERMINATING_NOTES[name];
      if (note !== undefined) {
        return {
          verdict: 'CONTINUE',
          note,
          ...(name === 'LOG' || name === 'NFLOG' || name === 'TRACE' || name === 'ULOG'
            ? { effect: { kind: 'log', target: name } as const }
            : {}),
        };
      }
      return doubtful('CONTINUE', notSimulatedTarget(name), {
        kind: 'target-not-simulated',
        target: name,
      });
    }
  }
}
