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
import type { Chooser, Ct, Env, KernelState, NumTuple, Pkt } from './runtime.ts';
import { tupleKey } from './runtime.ts';
import type { Effect, EventStep, Hook, Outcome, PacketState, Step, Verdict } from './types.ts';
import type { Recorder } from './walk.ts';
import { walkTable } from './walk.ts';

export interface Start {
  readonly pkt: Pkt;
  /** `local` or the interface the packet arrives on. */
  readonly from: string;
}

/** What one walk ends with (probability filled in by the caller). */
export type WalkOutcome = Omit<Outcome, 'probability'>;

type Writable<T> = { -readonly [K in keyof T]: T[K] };

class Run implements Recorder {
  readonly steps: Step[] = [];
  readonly rules: string[] = [];
  readonly uncertain: string[] = [];
  readonly effects: Effect[] = [];
  readonly env: Env;
  /** Has conntrack looked at the packet yet (before that it has no state)? */
  tracked = false;
  /** The destination the route of a locally generated packet was looked up for. */
  routedTo = 0;

  constructor(
    private readonly compiled: CompiledRuleset,
    node: NodeView,
    state: KernelState,
    chooser: Chooser,
    pkt: Pkt,
    local: boolean,
  ) {
    this.env = {
      node,
      state,
      chooser,
      pkt,
      ctinfo: { state: 'INVALID', direction: 'ORIGINAL' },
      hook: local ? 'OUTPUT' : 'PREROUTING',
      table: 'raw',
      uncertain: undefined,
      notes: undefined,
      probability: undefined,
      local,
      notrack: false,
    };
  }

  snapshot(): PacketState {
    const p = this.env.pkt;
    const state: Writable<PacketState> = {
      src: formatIPv4(p.src),
      dst: formatIPv4(p.dst),
      protocol: p.protocol,
      mark: p.mark,
    };
    if (p.protocol !== 'icmp') {
      state.sport = p.sport;
      state.dport = p.dport;
    }
    if (p.iif) state.inInterface = p.iif;
    if (p.oif) state.outInterface = p.oif;
    if (this.tracked) state.ctState = this.env.ctinfo.state;
    return state;
  }

  event(
    event: EventStep['event'],
    text: string,
    extra: { hook?: Hook; table?: string; detail?: Record<string, string | number> } = {},
  ): void {
    const step: Writable<EventStep> = { kind: 'event', event, text, packet: this.snapshot() };
    if (extra.hook !== undefined) step.hook = extra.hook;
    if (extra.table !== undefined) step.table = extra.table;
    if (extra.detail !== undefined) step.detail = extra.detail;
    this.steps.push(step);
  }

  /** Walk one table at one hook; undefined when the packet goes on. */
  table(name: string, hook: Hook): { verdict: Verdict; reason: string } | undefined {
    const table = this.compiled.tables.get(name);
    if (!table) return undefined;
    const result = walkTable(table, hook, this.env, this);
    if (result.verdict === 'ACCEPT') return undefined;
    const reason = result.rule ? result.rule.key : `${name}/${result.chain} policy`;
    if (result.verdict === 'QUEUE') {
      this.uncertain.push(`${reason}: QUEUE hands the packet to a userspace program`);
      return { verdict: 'DROP', reason };
    }
    return { verdict: result.verdict, reason };
  }

  /** nf_conntrack_in: find the packet's connection or start one. */
  conntrack(hook: Hook): void {
    const env = this.env;
    this.tracked = true;
    if (env.notrack) {
      env.ctinfo = { state: 'UNTRACKED', direction: 'ORIGINAL' };
      this.event('conntrack', 'NOTRACK: conntrack leaves this packet alone (UNTRACKED)', { hook });
      return;
    }
    const p = env.pkt;
    const tuple: NumTuple = {
      src: p.src,
      dst: p.dst,
      protocol: p.protocol,
      sport: p.protocol === 'icmp' ? 0 : p.sport,
      dport: p.protocol === 'icmp' ? 0 : p.dport,
    };
    // Changing a known connection (seen reply) must not change the state it was forked from.
    const ct = env.state.conntrack.writable(tupleKey(tuple));
    if (ct) {
      const reply =
        tupleKey(ct.reply) === tupleKey(tuple) && tupleKey(ct.original) !== tupleKey(tuple);
      if (reply) ct.seenReply = true;
      const state = reply || ct.seenReply ? 'ESTABLISHED' : 'NEW';
      env.ctinfo = { ct, state, direction: reply ? 'REPLY' : 'ORIGINAL' };
      this.event(
        'conntrack',
        `conntrack: a packet of a known connection (${reply ? 'reply' : 'original'} direction): ${state}`,
        { hook, detail: { state, direction: reply ? 'REPLY' : 'ORIGINAL' } },
      );
      return;
    }
    if (
      p.protocol === 'tcp' &&
      (p.tcpFlags & 0x04 || (p.tcpFlags & 0x12) === 0x12 || (p.tcpFlags & 0x03) === 0x01)
    ) {
      env.ctinfo = { state: 'INVALID', direction: 'ORIGINAL' };
      this.event('conntrack', 'conntrack: this TCP packet cannot start a connection: INVALID', {
        hook,
      });
      return;
    }
    const created: Ct = {
      original: tuple,
      reply: {
        src: tuple.dst,
        dst: tuple.src,
        protocol: tuple.protocol,
        sport: tuple.dport,
        dport: tuple.sport,
      },
      mark: 0,
      dstNat: false,
      srcNat: false,
      dnatDone: false,
      snatDone: false,
      masqueraded: false,
      seenReply: false,
      confirmed: false,
      natRules: [],
    };
    env.ctinfo = { ct: created, state: 'NEW', direction: 'ORIGINAL' };
    this.event('conntrack', 'conntrack: the first packet of a new connection: NEW', {
      hook,
      detail: { state: 'NEW' },
    });
  }

  /**
   * The nat table at a hook: DNAT hooks (PREROUTING, OUTPUT) or SNAT hooks
   * (INPUT, POSTROUTING). Walked only while the connection has no binding
   * of that kind; then the binding rewrites the packet.
   */
  nat(hook: Hook): { verdict: Verdict; reason: string } | undefined {
    const env = this.env;
    const { ct, state, direction } = env.ctinfo;
    if (!ct) return undefined;
    const manip = hook === 'PREROUTING' || hook === 'OUTPUT' ? 'dst' : 'src';
    const done = manip === 'dst' ? ct.dnatDone : ct.snatDone;
    if (state === 'NEW' && direction === 'ORIGINAL' && !done) {
      const before = this.rules.length;
      const stop = this.table('nat', hook);
      ct.natRules.push(...this.rules.slice(before));
      if (stop) return stop;
      // No NAT target fired: a null binding, so later packets skip the chains too.
      if (manip === 'dst') ct.dnatDone = true;
      else ct.snatDone = true;
      return undefined;
    }
    if (this.compiled.tables.has('nat')) {
      this.event(
        'nat-skipped',
        state === 'NEW' && direction === 'ORIGINAL'
          ? `nat ${hook} is not walked: this connection's ${manip === 'dst' ? 'DNAT' : 'SNAT'} binding was already made at an earlier hook`
          : `nat ${hook} is not walked: only a connection's first packet walks the nat chains; conntrack applies the bindings it holds`,
        { hook, table: 'nat' },
      );
    }
    this.applyBinding(hook, manip, ct, direction);
    return undefined;
  }

  /** nf_nat_packet for a packet that did not walk the chains. */
  private applyBinding(
    hook: Hook,
    manip: 'dst' | 'src',
    ct: Ct,
    direction: 'ORIGINAL' | 'REPLY',
  ): void {
    const p = this.env.pkt;
    // The status bit that applies: the reply direction undoes the other kind of NAT.
    const applies =
      direction === 'ORIGINAL'
        ? manip === 'dst'
          ? ct.dstNat
          : ct.srcNat
        : manip === 'dst'
          ? ct.srcNat
          : ct.dstNat;
    if (!applies) return;
    const target = direction === 'ORIGINAL' ? ct.reply : ct.original;
    const before =
      manip === 'dst' ? `${formatIPv4(p.dst)}:${p.dport}` : `${formatIPv4(p.src)}:${p.sport}`;
    if (manip === 'dst') {
      p.dst = target.src;
      p.dport = target.sport;
    } else {
      p.src = target.dst;
      p.sport = target.dport;
    }
    if (direction === 'REPLY' || manip === 'dst' || manip === 'src') {
      const after =
        manip === 'dst' ? `${formatIPv4(p.dst)}:${p.dport}` : `${formatIPv4(p.src)}:${p.sport}`;
      if (before !== after) {
        this.event(
          'nat-reverse',
          direction === 'REPLY'
            ? `conntrack undoes the connection's ${manip === 'dst' ? 'SNAT' : 'DNAT'}: ${manip === 'dst' ? 'destination' : 'source'} ${before} → ${after}`
            : `conntrack applies the connection's ${manip === 'dst' ? 'DNAT' : 'SNAT'}: ${before} → ${after}`,
          { hook, detail: { from: before, to: after } },
        );
      }
    }
  }

  confirm(hook: Hook): void {
    const ct = this.env.ctinfo.ct;
    if (!ct || ct.confirmed) return;
    ct.confirmed = true;
    this.env.state.conntrack.set(tupleKey(ct.original), ct);
    this.env.state.conntrack.set(tupleKey(ct.reply), ct);
    this.event('confirm', 'conntrack confirms the connection: replies will be recognised', {
      hook,
    });
  }
}

function stop(run: Run, verdict: Verdict, reason: string): WalkOutcome {
  return finish(run, verdict, null, reason);
}

function finish(
  run: Run,
  verdict: Verdict,
  delivery: Outcome['delivery'],
  reason: string,
): WalkOutcome {
  const ct = run.env.ctinfo.ct;
  const dnat = ct?.dstNat ? `${formatIPv4(ct.reply.src)}:${ct.reply.sport}` : null;
  const snat = ct?.srcNat ? `${formatIPv4(ct.reply.dst)}:${ct.reply.dport}` : null;
  const final = run.snapshot();
  if (verdict !== 'ACCEPT')
    run.event('drop', `${verdict === 'REJECT' ? 'rejected' : 'dropped'} (${reason})`, {
      detail: { reason },
    });
  return {
    verdict,
    delivery: verdict === 'ACCEPT' ? delivery : null,
    ...(verdict === 'ACCEPT' && delivery !== 'local' && final.outInterface
      ? { outInterface: final.outInterface }
      : {}),
    reason,
    dnat: run.env.ctinfo.direction === 'ORIGINAL' ? dnat : null,
    snat: run.env.ctinfo.direction === 'ORIGINAL' ? snat : null,
    masqueraded:
      run.env.ctinfo.direction === 'ORIGINAL' &&
      (ct?.masqueraded ?? false) &&
      (ct?.srcNat ?? false),
    final,
    rules: run.rules,
    steps: run.steps,
    ...(ct && ct.confirmed ? { conntrack: publicEntry(ct) } : {}),
    uncertain: run.uncertain,
  };
}

function publicEntry(ct: Ct) {
  const t = (x: NumTuple) => ({
    src: formatIPv4(x.src),
    dst: formatIPv4(x.dst),
    protocol: x.protocol,
    sport: x.sport,
    dport: x.dport,
  });
  return {
    original: t(ct.original),
    reply: t(ct.reply),
    mark: ct.mark,
    dnat: ct.dstNat,
    snat: ct.srcNat,
    seenReply: ct.seenReply,
    confirmed: ct.confirmed,
  };
}

type Next = { verdict: Verdict; reason: string } | undefined;

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
        if (again === undefined)
          return { verdict: 'DROP', reason: `no route to ${formatIPv4(p.dst)}` };
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
  if (r) return stop(run, r.verdict, r.reason);
  run.confirm('INPUT');
  run.event('deliver', `delivered to a socket on the node (${formatIPv4(run.env.pkt.dst)})`);
  return finish(run, 'ACCEPT', 'local', 'delivered locally');
}

/** ip_route_input's checks on an arriving packet; a reason when it is a martian. */
function martian(node: NodeView, src: number, dst: number): string | undefined {
  if (isMulticast(src) || src === LIMITED_BROADCAST)
    return 'martian source (multicast or broadcast)';
  if (isZeroNet(src)) return 'martian source (0.0.0.0/8)';
  if (isZeroNet(dst)) return 'martian destination (0.0.0.0/8)';
  if (isLoopback(dst)) {
    if (!node.routeLocalnet)
      return 'martian destination: 127.0.0.0/8 from outside while route_localnet is 0';
  } else if (isLoopback(src) && !node.routeLocalnet) {
    return 'martian source: 127.0.0.0/8 from outside while route_localnet is 0';
  }
  // fib_validate_source (rp_filter off): a source some interface of the node holds.
  if (node.isInterfaceAddress(src))
    return "martian source: one of the node's own addresses, arriving from outside";
  return undefined;
}

function fromOutside(run: Run): WalkOutcome {
  const { env } = run;
  const p = env.pkt;
  const pre = runStages(run, PREROUTING);
  if (pre) return stop(run, pre.verdict, pre.reason);
  const bad = martian(env.node, p.src, p.dst);
  if (bad) {
    run.event('martian', `routing drops the packet: ${bad}`, { detail: { reason: bad } });
    return stop(run, 'DROP', bad);
  }
  const route = env.node.route(p.dst);
  if (route.kind === 'local' || route.kind === 'broadcast') {
    run.event('route', `routing: ${formatIPv4(p.dst)} is local → INPUT`, {
      detail: { dst: formatIPv4(p.dst) },
    });
    return input(run);
  }
  if (isMulticast(p.dst)) {
    run.uncertain.push('multicast routing is not simulated');
    return stop(run, 'DROP', 'multicast routing is not simulated');
  }
  if (route.kind === 'unreachable') {
    run.event('route', `routing: no route to ${formatIPv4(p.dst)}`, {
      detail: { dst: formatIPv4(p.dst) },
    });
    return stop(run, 'DROP', `no route to ${formatIPv4(p.dst)}`);
  }
  if (!env.node.ipForward) {
    run.event('route', 'routing: the packet is not for the node and ip_forward is 0');
    return stop(run, 'DROP', 'ip_forward is 0');
  }
  p.oif = route.dev;
  run.event('route', `routing: forward ${formatIPv4(p.dst)} out of ${route.dev} → FORWARD`, {
    detail: { dst: formatIPv4(p.dst), dev: route.dev },
  });
  const fwd = runStages(run, FORWARD);
  if (fwd) return stop(run, fwd.verdict, fwd.reason);
  run.event('forward', `sent out of ${route.dev}`, { detail: { dev: route.dev } });
  return finish(run, 'ACCEPT', 'forward', `forwarded out of ${route.dev}`);
}

function fromSocket(run: Run): WalkOutcome {
  const { env } = run;
  const p = env.pkt;
  const first = routeOut(run);
  if (first === undefined) {
    run.event(
      'route',
      `routing: no route to ${formatIPv4(p.dst)}; the socket gets "network unreachable"`,
    );
    return stop(run, 'DROP', `no route to ${formatIPv4(p.dst)}`);
  }
  p.oif = first;
  run.event('route', `routing: ${formatIPv4(p.dst)} leaves by ${first}`, {
    detail: { dev: first },
  });
  run.routedTo = p.dst;
  const out = runStages(run, OUTPUT);
  if (out) return stop(run, out.verdict, out.reason);
  if (p.oif !== 'lo') {
    run.event('forward', `sent out of ${p.oif}`, { detail: { dev: p.oif } });
    return finish(run, 'ACCEPT', 'output', `sent out of ${p.oif}`);
  }
  // Through the loopback device and back in: the connection is already tracked and bound.
  run.event('loopback', 'through lo back into the node: PREROUTING, then INPUT');
  p.iif = 'lo';
  p.oif = '';
  const back = runStages(run, PREROUTING_LOOPBACK);
  if (back) return stop(run, back.verdict, back.reason);
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
