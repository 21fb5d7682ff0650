/**
 * One packet through the node, hook by hook, in the kernel's order:
 *
 * from outside:  PREROUTING (raw, conntrack, mangle, nat DNAT) → routing →
 *                INPUT (mangle, filter, security, nat SNAT) → confirm → socket
 *             or FORWARD (mangle, filter, security) → POSTROUTING (mangle, nat SNAT) → confirm
 * from a socket: routing → OUTPUT (raw, conntrack, mangle, nat DNAT, re-route, filter,
 *                security) → POSTROUTING (mangle, nat SNAT) → confirm → out, or back
 *                in through lo (PREROUTING raw, mangle; INPUT mangle, filter, security).
 *
 * The nat chains are walked for a connection's first packet only; every
 * other packet, replies included, is rewritten from the binding conntrack
 * keeps (nf_nat_packet).
 */
import type { CompiledRuleset } from './compile.ts';
import { formatIPv4, isLoopback, isMulticast, isZeroNet, LIMITED_BROADCAST } from './ipv4.ts';
import type { NodeView } from './node.ts';
import type { Stopped, WalkOutcome } from './packet-run.ts';
import { finish, Run, stop } from './packet-run.ts';
import type { Chooser, KernelState, Pkt } from './runtime.ts';
import type { Hook, MartianKind, RouteKind } from './types.ts';

export type { WalkOutcome } from './packet-run.ts';

export interface Start {
  readonly pkt: Pkt;
  /** `local` or the interface the packet arrives on. */
  readonly from: string;
}

type Next = Stopped | undefined;

/** Nothing routes `dst`: the packet is dropped. */
const noRoute = (dst: string): Stopped => ({
  verdict: 'DROP',
  reason: `no route to ${dst}`,
  cause: { kind: 'no-route', dst },
});

/**
 * One stage of a hook: a table's chain, conntrack, the nat table (walk or
 * binding), the re-route after DNAT in OUTPUT, or POSTROUTING as a whole.
 * Paths are constant lists of stages (no closures per packet).
 */
type Stage =
  | readonly ['table', string, Hook]
  | readonly ['conntrack', Hook]
  | readonly ['nat', Hook]
  | readonly ['reroute']
  | readonly ['postrouting'];

const PREROUTING: readonly Stage[] = [
  ['table', 'raw', 'PREROUTING'],
  ['conntrack', 'PREROUTING'],
  ['table', 'mangle', 'PREROUTING'],
  ['nat', 'PREROUTING'],
];
/** A looped-back packet is already tracked: conntrack keeps its state. */
const PREROUTING_LOOPBACK: readonly Stage[] = [
  ['table', 'raw', 'PREROUTING'],
  ['table', 'mangle', 'PREROUTING'],
  ['nat', 'PREROUTING'],
];
const INPUT: readonly Stage[] = [
  ['table', 'mangle', 'INPUT'],
  ['table', 'filter', 'INPUT'],
  ['table', 'security', 'INPUT'],
  ['nat', 'INPUT'],
];
const FORWARD: readonly Stage[] = [
  ['table', 'mangle', 'FORWARD'],
  ['table', 'filter', 'FORWARD'],
  ['table', 'security', 'FORWARD'],
  ['postrouting'],
];
const OUTPUT: readonly Stage[] = [
  ['table', 'raw', 'OUTPUT'],
  ['conntrack', 'OUTPUT'],
  ['table', 'mangle', 'OUTPUT'],
  ['nat', 'OUTPUT'],
  ['reroute'],
  ['table', 'filter', 'OUTPUT'],
  ['table', 'security', 'OUTPUT'],
  ['postrouting'],
];
const POSTROUTING: readonly Stage[] = [
  ['table', 'mangle', 'POSTROUTING'],
  ['nat', 'POSTROUTING'],
];

/** The out-interface of a locally generated packet: lo for a local destination. */
function routeOut(run: Run): string | undefined {
  const r = run.env.node.route(run.env.pkt.dst);
  if (r.kind === 'unreachable') return undefined;
  return r.kind === 'local' || r.kind === 'broadcast' ? 'lo' : r.dev;
}

function runStages(run: Run, stages: readonly Stage[]): Next {
  for (const stage of stages) {
    let r: Next;
    switch (stage[0]) {
      case 'table':
        r = run.table(stage[1], stage[2]);
        break;
      case 'conntrack':
        run.conntrack(stage[1]);
        break;
      case 'nat':
        r = run.nat(stage[1]);
        break;
      case 'reroute': {
        const p = run.env.pkt;
        if (p.dst === run.routedTo) break;
        // ip_route_me_harder: the destination changed, so the route is looked up again.
        const again = routeOut(run);
        if (again === undefined) return noRoute(formatIPv4(p.dst));
        p.oif = again;
        run.event('reroute', `re-routing after DNAT: ${formatIPv4(p.dst)} leaves by ${again}`, {
          detail: { dev: again },
        });
        break;
      }
      case 'postrouting':
        r = runStages(run, POSTROUTING);
        if (!r) run.confirm('POSTROUTING');
        break;
    }
    if (r) return r;
  }
  return undefined;
}

/** INPUT and local delivery. */
function input(run: Run): WalkOutcome {
  const r = runStages(run, INPUT);
  if (r) return stop(run, r);
  run.confirm('INPUT');
  run.event('deliver', `delivered to a socket on the node (${formatIPv4(run.env.pkt.dst)})`);
  return finish(run, 'local', 'delivered locally');
}

/** A route event: what routing decided, and the values its text names. */
function routed(run: Run, kind: RouteKind, text: string, values: Record<string, string> = {}) {
  run.event('route', text, { detail: { kind, ...values } });
}

interface Martian {
  readonly kind: MartianKind;
  readonly reason: string;
}

/** ip_route_input's checks on an arriving packet: why it is a martian, if it is one. */
function martian(node: NodeView, src: number, dst: number): Martian | undefined {
  if (isMulticast(src) || src === LIMITED_BROADCAST)
    return { kind: 'source-broadcast', reason: 'martian source (multicast or broadcast)' };
  if (isZeroNet(src)) return { kind: 'source-zeronet', reason: 'martian source (0.0.0.0/8)' };
  if (isZeroNet(dst))
    return { kind: 'destination-zeronet', reason: 'martian destination (0.0.0.0/8)' };
  if (isLoopback(dst)) {
    if (!node.routeLocalnet)
      return {
        kind: 'destination-localnet',
        reason: 'martian destination: 127.0.0.0/8 from outside while route_localnet is 0',
      };
  } else if (isLoopback(src) && !node.routeLocalnet) {
    return {
      kind: 'source-localnet',
      reason: 'martian source: 127.0.0.0/8 from outside while route_localnet is 0',
    };
  }
  // fib_validate_source (rp_filter off): a source some interface of the node holds.
  if (node.isInterfaceAddress(src))
    return {
      kind: 'source-own',
      reason: "martian source: one of the node's own addresses, arriving from outside",
    };
  return undefined;
}

function fromOutside(run: Run): WalkOutcome {
  const { env } = run;
  const p = env.pkt;
  const pre = runStages(run, PREROUTING);
  if (pre) return stop(run, pre);
  const bad = martian(env.node, p.src, p.dst);
  if (bad) {
    run.event('martian', `routing drops the packet: ${bad.reason}`, {
      detail: {
        kind: bad.kind,
        reason: bad.reason,
        src: formatIPv4(p.src),
        dst: formatIPv4(p.dst),
      },
    });
    return stop(run, {
      verdict: 'DROP',
      reason: bad.reason,
      cause: { kind: 'martian', martian: bad.kind },
    });
  }
  const route = env.node.route(p.dst);
  const dst = formatIPv4(p.dst);
  // A broadcast is delivered locally too (RTN_BROADCAST): INPUT, like the node's own address.
  if (route.kind === 'local' || route.kind === 'broadcast') {
    routed(run, 'local', `routing: ${dst} is local → INPUT`, { dst });
    return input(run);
  }
  if (isMulticast(p.dst)) {
    run.uncertain.push('multicast routing is not simulated');
    return stop(run, {
      verdict: 'DROP',
      reason: 'multicast routing is not simulated',
      cause: { kind: 'multicast' },
    });
  }
  if (route.kind === 'unreachable') {
    routed(run, 'unreachable', `routing: no route to ${dst}`, { dst });
    return stop(run, noRoute(dst));
  }
  if (!env.node.ipForward) {
    routed(run, 'no-forwarding', 'routing: the packet is not for the node and ip_forward is 0');
    return stop(run, {
      verdict: 'DROP',
      reason: 'ip_forward is 0',
      cause: { kind: 'no-forwarding' },
    });
  }
  p.oif = route.dev;
  routed(run, 'forward', `routing: forward ${dst} out of ${route.dev} → FORWARD`, {
    dst,
    dev: route.dev,
  });
  const fwd = runStages(run, FORWARD);
  if (fwd) return stop(run, fwd);
  run.event('forward', `sent out of ${route.dev}`, { detail: { dev: route.dev } });
  return finish(run, 'forward', `forwarded out of ${route.dev}`);
}

function fromSocket(run: Run): WalkOutcome {
  const { env } = run;
  const p = env.pkt;
  const first = routeOut(run);
  const dst = formatIPv4(p.dst);
  if (first === undefined) {
    routed(
      run,
      'out-unreachable',
      `routing: no route to ${dst}; the socket gets "network unreachable"`,
    );
    return stop(run, noRoute(dst));
  }
  p.oif = first;
  routed(run, 'out', `routing: ${dst} leaves by ${first}`, { dev: first });
  run.routedTo = p.dst;
  const out = runStages(run, OUTPUT);
  if (out) return stop(run, out);
  if (p.oif !== 'lo') {
    run.event('forward', `sent out of ${p.oif}`, { detail: { dev: p.oif } });
    return finish(run, 'output', `sent out of ${p.oif}`);
  }
  // Through the loopback device and back in: the connection is already tracked and bound.
  run.event('loopback', 'through lo back into the node: PREROUTING, then INPUT');
  p.iif = 'lo';
  p.oif = '';
  const back = runStages(run, PREROUTING_LOOPBACK);
  if (back) return stop(run, back);
  return input(run);
}

/** Walk one packet; `state` is changed in place (conntrack, recent lists, nth counters). */
export function walkPacket(
  compiled: CompiledRuleset,
  node: NodeView,
  state: KernelState,
  chooser: Chooser,
  start: Start,
): WalkOutcome {
  const local = start.from === 'local';
  const pkt = { ...start.pkt, iif: local ? '' : start.from, oif: '' };
  const run = new Run(compiled, node, state, chooser, pkt, local);
  run.event(
    'enter',
    local
      ? 'a process on the node sends the packet: OUTPUT'
      : `the packet arrives on ${start.from}: PREROUTING`,
    { detail: { from: start.from } },
  );
  return local ? fromSocket(run) : fromOutside(run);
}
