/**
 * One packet's walk in progress: the packet and its conntrack view, what the
 * walk records for the trace (steps, rules whose counters move, uncertain
 * reasons, effects), and the kernel's work between chains: conntrack lookup,
 * the nat table or the connection's bindings, confirmation.
 */
import type { CompiledRuleset } from './compile.ts';
import { formatIPv4 } from './ipv4.ts';
import type { NodeView } from './node.ts';
import type { Chooser, Ct, Env, KernelState, NumTuple, Pkt } from './runtime.ts';
import { tupleKey } from './runtime.ts';
import type {
  DropCause,
  Effect,
  EventStep,
  Hook,
  Outcome,
  PacketState,
  Step,
  Verdict,
} from './types.ts';
import type { Recorder } from './walk.ts';
import { walkTable } from './walk.ts';

/** What one walk ends with (probability filled in by the caller). */
export type WalkOutcome = Omit<Outcome, 'probability'>;

/**
 * A walk stopped short of delivery: the verdict, the outcome's English reason, and why as
 * data (the drop event's detail, which translations read).
 */
export interface Stopped {
  readonly verdict: Exclude<Verdict, 'ACCEPT'>;
  readonly reason: string;
  readonly cause: DropCause;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

export class Run implements Recorder {
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
      doubt: undefined,
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
  table(name: string, hook: Hook): Stopped | undefined {
    const table = this.compiled.tables.get(name);
    if (!table) return undefined;
    const result = walkTable(table, hook, this.env, this);
    if (result.verdict === 'ACCEPT') return undefined;
    const rule = result.rule?.key;
    const reason = rule ?? `${name}/${result.chain} policy`;
    const cause: DropCause =
      rule === undefined
        ? { kind: 'policy', table: name, chain: result.chain }
        : { kind: result.verdict === 'QUEUE' ? 'queue' : 'rule', rule };
    if (result.verdict === 'QUEUE') {
      // No userspace program is simulated: nf_queue drops a packet nobody listens for.
      this.uncertain.push(`${reason}: QUEUE hands the packet to a userspace program`);
      return { verdict: 'DROP', reason, cause };
    }
    return { verdict: result.verdict, reason, cause };
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
  nat(hook: Hook): Stopped | undefined {
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
    const side = (): string =>
      manip === 'dst' ? `${formatIPv4(p.dst)}:${p.dport}` : `${formatIPv4(p.src)}:${p.sport}`;
    const before = side();
    if (manip === 'dst') {
      p.dst = target.src;
      p.dport = target.sport;
    } else {
      p.src = target.dst;
      p.sport = target.dport;
    }
    const after = side();
    if (before === after) return;
    this.event(
      'nat-reverse',
      direction === 'REPLY'
        ? `conntrack undoes the connection's ${manip === 'dst' ? 'SNAT' : 'DNAT'}: ${manip === 'dst' ? 'destination' : 'source'} ${before} → ${after}`
        : `conntrack applies the connection's ${manip === 'dst' ? 'DNAT' : 'SNAT'}: ${before} → ${after}`,
      { hook, detail: { from: before, to: after } },
    );
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

/**
 * The walk ends with the packet dropped or rejected: a drop event whose detail holds the
 * verdict, the English reason and the cause's fields (`kind`, then `rule`, `table` and `chain`,
 * `martian` or `dst`), then the outcome.
 */
export function stop(run: Run, { verdict, reason, cause }: Stopped): WalkOutcome {
  run.event('drop', `${verdict === 'REJECT' ? 'rejected' : 'dropped'} (${reason})`, {
    detail: { verdict, reason, ...cause },
  });
  return outcome(run, verdict, null, reason);
}

/** The walk ends with the packet delivered to a socket, forwarded, or sent by the node. */
export function finish(
  run: Run,
  delivery: NonNullable<Outcome['delivery']>,
  reason: string,
): WalkOutcome {
  return outcome(run, 'ACCEPT', delivery, reason);
}

function outcome(
  run: Run,
  verdict: Verdict,
  delivery: Outcome['delivery'],
  reason: string,
): WalkOutcome {
  const ct = run.env.ctinfo.ct;
  const dnat = ct?.dstNat ? `${formatIPv4(ct.reply.src)}:${ct.reply.sport}` : null;
  const snat = ct?.srcNat ? `${formatIPv4(ct.reply.dst)}:${ct.reply.dport}` : null;
  const final = run.snapshot();
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
