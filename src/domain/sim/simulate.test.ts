import { describe, expect, it } from 'vitest';
import { SEED_SAVE } from '../examples/seed.ts';
import { parseDump } from '../parse/parse-dump.ts';
import { RulesetError } from './compile.ts';
import { PacketError, replyPacket, simulate } from './simulate.ts';
import { NODE, readRules, tcpSyn } from './test-helpers.ts';
import type { KernelState } from './runtime.ts';
import type { NodeModel, Outcome, PacketSpec } from './types.ts';

const rules = readRules;

const one = (text: string, packet: PacketSpec, model: NodeModel = NODE): Outcome => {
  const { trace } = simulate(rules(text), model, packet, { mode: 'single', seed: 1 });
  return trace.outcomes[0] as Outcome;
};

const tcp = tcpSyn;

const SCALE = 2 ** 31;

describe('the seed (legacy kube-proxy, NodePort 32110)', () => {
  const model: NodeModel = {
    ...NODE,
    interfaces: [
      { name: 'eth0', addresses: ['192.168.0.11/24'] },
      { name: 'docker0', addresses: ['172.17.0.1/16'] },
    ],
  };
  const seed = rules(SEED_SAVE);
  const packet = tcp('203.0.113.7', '192.168.0.11', 32110);

  it('reaches each pod with the probability the kernel draws, masqueraded to the egress address', () => {
    const { trace } = simulate(seed, model, packet, { mode: 'all' });
    const p1 = Math.round(0.33332999982 * SCALE) / SCALE;
    const byPod = new Map(trace.outcomes.map((o) => [o.dnat, o]));
    expect([...byPod.keys()].sort()).toEqual(['172.17.0.2:80', '172.17.0.3:80', '172.17.0.4:80']);
    expect(byPod.get('172.17.0.2:80')?.probability).toBe(p1);
    expect(byPod.get('172.17.0.3:80')?.probability).toBe((1 - p1) * 0.5);
    expect(byPod.get('172.17.0.4:80')?.probability).toBe((1 - p1) * 0.5);
    for (const o of trace.outcomes) {
      expect(o.verdict).toBe('ACCEPT');
      expect(o.delivery).toBe('forward');
      expect(o.outInterface).toBe('docker0');
      expect(o.masqueraded).toBe(true);
      // MASQUERADE takes docker0's address; the source port is kept.
      expect(o.snat).toBe('172.17.0.1:40000');
      expect(o.final).toMatchObject({
        src: '172.17.0.1',
        dst: o.dnat?.split(':')[0],
        mark: 0x4000,
      });
      expect(o.uncertain).toEqual([]);
    }
    expect(byPod.get('172.17.0.2:80')?.rules).toEqual([
      'nat/PREROUTING#1',
      'nat/PREROUTING#2',
      'nat/KUBE-SERVICES#2',
      'nat/KUBE-NODEPORTS#1',
      'nat/KUBE-MARK-MASQ#1',
      'nat/KUBE-NODEPORTS#2',
      'nat/KUBE-SVC-I64SNEMOLCWHJHS3#1',
      'nat/KUBE-SEP-MMWJ6M2J72TU3J64#2',
      'nat/POSTROUTING#1',
      'nat/KUBE-POSTROUTING#1',
    ]);
  });

  it('a seed gives one repeatable path; different seeds reach different pods', () => {
    const run = (n: number) =>
      simulate(seed, model, packet, { mode: 'single', seed: n }).trace.outcomes[0]?.dnat;
    expect(run(7)).toBe(run(7));
    const seen = new Set(Array.from({ length: 60 }, (_, i) => run(i)));
    expect(seen.size).toBe(3);
  });

  it('a single run reports the probability of the path it took', () => {
    const p1 = Math.round(0.33332999982 * SCALE) / SCALE;
    const expected: Record<string, number> = {
      '172.17.0.2:80': p1,
      '172.17.0.3:80': (1 - p1) * 0.5,
      '172.17.0.4:80': (1 - p1) * 0.5,
    };
    for (let n = 0; n < 10; n++) {
      const o = simulate(seed, model, packet, { mode: 'single', seed: n }).trace.outcomes[0];
      expect(o?.probability).toBe(expected[o?.dnat ?? '']);
    }
  });

  it('the reply is un-NATed by conntrack without walking nat', () => {
    const first = simulate(seed, model, packet, { mode: 'single', seed: 3 }).branches[0];
    if (!first) throw new Error('no outcome');
    const reply = replyPacket(first.outcome, model);
    expect(reply).toMatchObject({
      src: first.outcome.dnat?.split(':')[0],
      dst: '172.17.0.1',
      sport: 80,
      dport: 40000,
      from: 'docker0',
    });
    const back = simulate(
      seed,
      model,
      reply as PacketSpec,
      { mode: 'single', seed: 1 },
      { state: first.state },
    ).trace.outcomes[0] as Outcome;
    expect(back.verdict).toBe('ACCEPT');
    expect(back.final).toMatchObject({
      src: '192.168.0.11',
      sport: 32110,
      dst: '203.0.113.7',
      dport: 40000,
      ctState: 'ESTABLISHED',
      outInterface: 'eth0',
    });
    expect(back.rules).toEqual([]);
    expect(back.steps.some((s) => s.kind === 'event' && s.event === 'nat-skipped')).toBe(true);
  });
});

describe('chain walking', () => {
  const walk = `*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:A - [0:0]
:B - [0:0]
:C - [0:0]
-A INPUT -j A
-A INPUT -p tcp --dport 22 -j ACCEPT
-A INPUT -j DROP
-A A -g B
-A A -j DROP
-A B -p tcp --dport 80 -j C
-A B -p tcp --dport 81 -j RETURN
-A B -p tcp --dport 82 -j REJECT
-A C -j RETURN
COMMIT
`;
  it('goto does not return to its chain: RETURN from B goes back to INPUT', () => {
    const o = one(walk, tcp('203.0.113.7', '192.168.0.11', 81));
    expect(o.rules).toEqual(['filter/INPUT#1', 'filter/A#1', 'filter/B#2', 'filter/INPUT#3']);
    expect(o.verdict).toBe('DROP');
    expect(o.reason).toBe('filter/INPUT#3');
  });
  it('the end of a user chain returns to the caller of the jump', () => {
    const o = one(walk, tcp('203.0.113.7', '192.168.0.11', 80));
    expect(o.rules).toEqual([
      'filter/INPUT#1',
      'filter/A#1',
      'filter/B#1',
      'filter/C#1',
      'filter/INPUT#3',
    ]);
  });
  it('REJECT ends the walk with its own verdict', () => {
    const o = one(walk, tcp('203.0.113.7', '192.168.0.11', 82));
    expect(o.verdict).toBe('REJECT');
    expect(o.delivery).toBeNull();
  });
  it('the policy of a built-in chain applies at its end', () => {
    const o = one(walk, tcp('203.0.113.7', '10.244.1.5', 80));
    expect(o.verdict).toBe('DROP');
    expect(o.reason).toBe('filter/FORWARD policy');
    expect(o.rules).toEqual([]);
  });
  it('refuses a loop reachable from a built-in chain, as the kernel does', () => {
    const loop = `*filter\n:INPUT ACCEPT [0:0]\n:A - [0:0]\n:B - [0:0]\n-A INPUT -j A\n-A A -j B\n-A B -j A\nCOMMIT\n`;
    expect(() => one(loop, tcp('203.0.113.7', '192.168.0.11', 80))).toThrow(RulesetError);
    expect(() => one(loop, tcp('203.0.113.7', '192.168.0.11', 80))).toThrow(/line 7: .*loop/);
  });
  it('refuses more than 15 nested jumps (nf_tables) and accepts 15', () => {
    const chain = (n: number) => {
      const decl = Array.from({ length: n }, (_, i) => `:C${i + 1} - [0:0]`).join('\n');
      const jumps = Array.from({ length: n - 1 }, (_, i) => `-A C${i + 1} -j C${i + 2}`).join('\n');
      return `*filter\n:INPUT ACCEPT [0:0]\n${decl}\n-A INPUT -j C1\n${jumps}\nCOMMIT\n`;
    };
    expect(one(chain(15), tcp('203.0.113.7', '192.168.0.11', 80)).verdict).toBe('ACCEPT');
    expect(() => one(chain(16), tcp('203.0.113.7', '192.168.0.11', 80))).toThrow(/16 nested jumps/);
  });
});

describe('routing and the kernel around the rules', () => {
  const count = `*raw\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A PREROUTING\n-A OUTPUT\nCOMMIT\n*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n-A PREROUTING -d 192.168.0.11/32 -p tcp --dport 8080 -j DNAT --to-destination 127.0.0.1:80\n-A OUTPUT -d 10.96.0.10/32 -p tcp --dport 80 -j DNAT --to-destination 192.168.0.11:8080\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT\nCOMMIT\n`;
  it('a node address arriving from outside is a martian: dropped after PREROUTING', () => {
    const o = one(count, tcp('192.168.0.11', '192.168.0.11', 22, { from: 'eth0' }));
    expect(o.verdict).toBe('DROP');
    expect(o.reason).toMatch(/martian source/);
    expect(o.rules).toEqual(['raw/PREROUTING#1']);
    expect(o.conntrack).toBeUndefined();
  });
  it('127.0.0.1 as a source from outside is a martian even with route_localnet (lo holds it)', () => {
    const localnet = { ...NODE, routeLocalnet: true };
    const o = one(count, tcp('127.0.0.1', '192.168.0.11', 22, { from: 'eth0' }), localnet);
    expect(o).toMatchObject({ verdict: 'DROP' });
    expect(o.reason).toMatch(/node's own addresses/);
    // Another 127/8 address is no interface's: with route_localnet it passes.
    expect(
      one(count, tcp('127.0.0.2', '192.168.0.11', 22, { from: 'eth0' }), localnet).verdict,
    ).toBe('ACCEPT');
    expect(one(count, tcp('127.0.0.2', '192.168.0.11', 22, { from: 'eth0' })).reason).toMatch(
      /route_localnet is 0/,
    );
  });
  it('a packet has no conntrack state until conntrack has seen it', () => {
    const o = one(count, tcp('203.0.113.7', '192.168.0.11', 22));
    const seen = o.steps.findIndex((s) => s.kind === 'event' && s.event === 'conntrack');
    const state = (i: number) => {
      const step = o.steps[i];
      return step && step.kind !== 'skip' ? step.packet.ctState : 'skip';
    };
    // enter, raw PREROUTING's rule and its policy come before conntrack.
    expect(o.steps.slice(0, seen).map((s) => s.kind)).toEqual(['event', 'rule', 'event']);
    expect([0, 1, 2].map(state)).toEqual([undefined, undefined, undefined]);
    expect(state(seen)).toBe('NEW');
    expect(o.steps.slice(seen).every((s) => s.kind === 'skip' || s.packet.ctState === 'NEW')).toBe(
      true,
    );
    expect(o.final.ctState).toBe('NEW');
  });
  it('DNAT to 127.0.0.1 from outside needs route_localnet', () => {
    const off = one(count, tcp('203.0.113.7', '192.168.0.11', 8080));
    expect(off.verdict).toBe('DROP');
    expect(off.reason).toMatch(/route_localnet/);
    const on = one(count, tcp('203.0.113.7', '192.168.0.11', 8080), {
      ...NODE,
      routeLocalnet: true,
    });
    expect(on).toMatchObject({ verdict: 'ACCEPT', delivery: 'local', dnat: '127.0.0.1:80' });
    expect(on.rules).toEqual(['raw/PREROUTING#1', 'nat/PREROUTING#1', 'filter/INPUT#1']);
  });
  it('a local process to a DNATed local address loops through lo: raw PREROUTING counts it again, nat does not', () => {
    const o = one(count, tcp('192.168.0.11', '10.96.0.10', 80));
    expect(o).toMatchObject({ verdict: 'ACCEPT', delivery: 'local', dnat: '192.168.0.11:8080' });
    expect(o.rules).toEqual(['raw/OUTPUT#1', 'nat/OUTPUT#1', 'raw/PREROUTING#1', 'filter/INPUT#1']);
    expect(o.final.inInterface).toBe('lo');
  });
  it('the source decides where a packet starts unless told', () => {
    expect(
      simulate(rules(count), NODE, tcp('192.168.0.11', '10.96.0.10', 80), { mode: 'all' }).trace
        .from,
    ).toBe('local');
    expect(
      simulate(rules(count), NODE, tcp('10.244.1.5', '10.96.0.10', 80), { mode: 'all' }).trace.from,
    ).toBe('cni0');
    expect(
      simulate(rules(count), NODE, tcp('203.0.113.7', '10.96.0.10', 80), { mode: 'all' }).trace
        .from,
    ).toBe('eth0');
  });
  it('bad packets are refused with what is wrong', () => {
    expect(() => one(count, tcp('10.0.0.256', '10.96.0.10', 80))).toThrow(PacketError);
    expect(() => one(count, tcp('203.0.113.7', '10.96.0.10', 80, { from: 'eth9' }))).toThrow(
      /no interface "eth9"/,
    );
    expect(() => one(count, tcp('203.0.113.7', '10.96.0.10', 70000))).toThrow(/70000/);
  });
});

describe('conntrack and NAT', () => {
  const nat = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
-A PREROUTING -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.244.1.5:8080
-A PREROUTING -d 10.96.0.11/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.244.1.5:80
-A POSTROUTING -m mark --mark 0x4000/0x4000 -j MASQUERADE
-A POSTROUTING -s 10.244.1.0/24 -o eth0 -j MASQUERADE
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -m conntrack --ctstate DNAT -j ACCEPT
-A FORWARD -j DROP
COMMIT
`;
  it('nat chains see only the first packet of a connection', () => {
    const r = rules(nat);
    const first = simulate(r, NODE, tcp('203.0.113.7', '10.96.0.10', 80), {
      mode: 'single',
      seed: 1,
    }).branches[0];
    if (!first) throw new Error('no outcome');
    expect(first.outcome.rules).toEqual(['nat/PREROUTING#1', 'filter/FORWARD#1']);
    const second = simulate(
      r,
      NODE,
      tcp('203.0.113.7', '10.96.0.10', 80, { tcpFlags: ['ACK'] }),
      { mode: 'single', seed: 1 },
      { state: first.state },
    ).trace.outcomes[0] as Outcome;
    expect(second.rules).toEqual(['filter/FORWARD#1']);
    expect(second.final).toMatchObject({ dst: '10.244.1.5', dport: 8080, ctState: 'NEW' });
  });
  it('ctstate DNAT holds only when the binding changed the tuple', () => {
    expect(one(nat, tcp('203.0.113.7', '10.96.0.10', 80)).rules).toContain('filter/FORWARD#1');
    // A DNAT to the same port and a different address still changes the tuple.
    expect(one(nat, tcp('203.0.113.7', '10.96.0.11', 80)).verdict).toBe('ACCEPT');
    // Without DNAT the FORWARD DROP applies.
    expect(one(nat, tcp('203.0.113.7', '10.244.1.6', 80))).toMatchObject({
      verdict: 'DROP',
      reason: 'filter/FORWARD#2',
    });
  });
  it('MASQUERADE writes the egress interface primary address, and never for local delivery', () => {
    const out = one(
      nat,
      tcp('10.244.1.5', '198.51.100.1', 443, { from: 'cni0' }).valueOf() as PacketSpec,
    );
    expect(out.verdict).toBe('DROP'); // FORWARD drops non-DNAT; the masquerade needs ACCEPT first
    const allow = nat.replace('-A FORWARD -j DROP\n', '');
    const o = one(allow, tcp('10.244.1.5', '198.51.100.1', 443));
    expect(o).toMatchObject({
      masqueraded: true,
      snat: '192.168.0.11:40000',
      outInterface: 'eth0',
    });
  });
  it('a TCP packet that cannot open a connection is INVALID and skips nat', () => {
    const o = one(nat, tcp('203.0.113.7', '10.96.0.10', 80, { tcpFlags: ['RST'] }));
    expect(o.rules).not.toContain('nat/PREROUTING#1');
    expect(o.final.ctState).toBe('INVALID');
  });
});

describe('matches with state', () => {
  const affinity = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:SVC - [0:0]
:SEP1 - [0:0]
:SEP2 - [0:0]
-A PREROUTING -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j SVC
-A SVC -m recent --name SEP1 --mask 255.255.255.255 --rsource --rcheck --seconds 10800 --reap -j SEP1
-A SVC -m recent --name SEP2 --mask 255.255.255.255 --rsource --rcheck --seconds 10800 --reap -j SEP2
-A SVC -m statistic --mode random --probability 0.50000000000 -j SEP1
-A SVC -j SEP2
-A SEP1 -p tcp -m recent --set --name SEP1 --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.1.5:80
-A SEP2 -p tcp -m recent --set --name SEP2 --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.1.6:80
COMMIT
`;
  it('recent: the next connection from the same client reaches the same pod until --seconds pass', () => {
    const r = rules(affinity);
    const first = simulate(r, NODE, tcp('203.0.113.7', '10.96.0.10', 80), { mode: 'all' });
    expect(first.trace.outcomes.map((o) => o.probability)).toEqual([0.5, 0.5]);
    for (const b of first.branches) {
      const again = simulate(
        r,
        NODE,
        tcp('203.0.113.7', '10.96.0.10', 80, { sport: 40001 }),
        { mode: 'all' },
        { state: b.state, now: 60 },
      );
      expect(again.trace.outcomes).toHaveLength(1);
      expect(again.trace.outcomes[0]?.dnat).toBe(b.outcome.dnat);
      // Another client is not pinned.
      const other = simulate(
        r,
        NODE,
        tcp('203.0.113.8', '10.96.0.10', 80),
        { mode: 'all' },
        { state: b.state, now: 60 },
      );
      expect(other.trace.outcomes).toHaveLength(2);
      // After the timeout the pin is gone.
      const later = simulate(
        r,
        NODE,
        tcp('203.0.113.7', '10.96.0.10', 80, { sport: 40002 }),
        { mode: 'all' },
        { state: b.state, now: 10801 },
      );
      expect(later.trace.outcomes).toHaveLength(2);
    }
  });

  it('statistic nth: every 3rd packet from --packet 0 (the counter starts at --packet)', () => {
    const nth = `*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m statistic --mode nth --every 3 --packet 0 -j DROP\nCOMMIT\n`;
    const r = rules(nth);
    let state: KernelState | undefined;
    const verdicts: string[] = [];
    for (let i = 0; i < 6; i++) {
      const b = simulate(
        r,
        NODE,
        tcp('203.0.113.7', '192.168.0.11', 22, { sport: 41000 + i }),
        { mode: 'single', seed: 1 },
        state ? { state } : {},
      ).branches[0];
      verdicts.push(b?.outcome.verdict ?? '');
      state = b?.state;
    }
    expect(verdicts).toEqual(['ACCEPT', 'ACCEPT', 'DROP', 'ACCEPT', 'ACCEPT', 'DROP']);
  });

  it('an unknown match never passes silently', () => {
    const text = `*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m frobnicate --zap 1 -j DROP\n-A INPUT -m set --match-set blocked src -j DROP\nCOMMIT\n`;
    const parsed = parseDump(text, { format: 'save' }).ruleset;
    const o = simulate(parsed, NODE, tcp('203.0.113.7', '192.168.0.11', 22), {
      mode: 'single',
      seed: 1,
    }).trace.outcomes[0] as Outcome;
    expect(o.verdict).toBe('ACCEPT');
    expect(o.uncertain).toHaveLength(2);
    expect(o.uncertain[0]).toMatch(/filter\/INPUT#1: .*frobnicate/);
    expect(o.uncertain[1]).toMatch(/members of ipset blocked/);
    const known = simulate(
      parsed,
      { ...NODE, ipsets: { blocked: ['203.0.113.0/24'] } },
      tcp('203.0.113.7', '192.168.0.11', 22),
      { mode: 'single', seed: 1 },
    ).trace.outcomes[0] as Outcome;
    expect(known).toMatchObject({ verdict: 'DROP', reason: 'filter/INPUT#2' });
  });
});

describe('what iptables-nft creates', () => {
  it('a built-in chain the dump never names does not exist: no policy step, nothing counted', () => {
    const text = `*filter\n:KUBE-X - [0:0]\n-A KUBE-X -j DROP\nCOMMIT\n`;
    const o = one(text, tcp('203.0.113.7', '192.168.0.11', 22));
    expect(o).toMatchObject({ verdict: 'ACCEPT', delivery: 'local' });
    expect(o.steps.some((s) => s.kind === 'event' && s.event === 'policy')).toBe(false);
    const declared = one(
      `*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n`,
      tcp('203.0.113.7', '192.168.0.11', 22),
    );
    expect(declared.steps.filter((s) => s.kind === 'event' && s.event === 'policy')).toHaveLength(
      1,
    );
  });
});

describe('NAT port choice', () => {
  const masq = `*nat\n:POSTROUTING ACCEPT [0:0]\n-A POSTROUTING -o eth0 -j MASQUERADE\nCOMMIT\n`;
  it('keeps the source port, unless another connection holds that tuple', () => {
    const r = rules(masq);
    const first = simulate(r, NODE, tcp('10.244.1.5', '198.51.100.1', 443), {
      mode: 'single',
      seed: 1,
    }).branches[0];
    if (!first) throw new Error('no outcome');
    expect(first.outcome).toMatchObject({ snat: '192.168.0.11:40000', uncertain: [] });
    // Another pod, same source port, same server: 192.168.0.11:40000 ↔ 198.51.100.1:443 is taken.
    const second = simulate(
      r,
      NODE,
      tcp('10.244.1.6', '198.51.100.1', 443),
      { mode: 'single', seed: 1 },
      { state: first.state },
    ).trace.outcomes[0] as Outcome;
    expect(second.masqueraded).toBe(true);
    expect(second.snat).not.toBe('192.168.0.11:40000');
    expect(second.snat?.startsWith('192.168.0.11:')).toBe(true);
    expect(second.uncertain.join()).toMatch(/taken by another connection/);
    // A different server: no clash.
    const third = simulate(
      r,
      NODE,
      tcp('10.244.1.6', '198.51.100.2', 443),
      { mode: 'single', seed: 1 },
      { state: first.state },
    ).trace.outcomes[0] as Outcome;
    expect(third).toMatchObject({ snat: '192.168.0.11:40000', uncertain: [] });
  });
  it('branches forked from one state do not see each other', () => {
    const r = rules(masq);
    const base = simulate(r, NODE, tcp('10.244.1.5', '198.51.100.1', 443), {
      mode: 'single',
      seed: 1,
    }).branches[0];
    if (!base) throw new Error('no outcome');
    const a = simulate(
      r,
      NODE,
      tcp('10.244.1.7', '198.51.100.9', 80),
      { mode: 'single', seed: 1 },
      { state: base.state },
    ).branches[0];
    // The reply on base's connection marks it seen in a's future, not in base.
    const reply = replyPacket(base.outcome, NODE) as PacketSpec;
    simulate(r, NODE, reply, { mode: 'single', seed: 1 }, { state: a?.state as KernelState });
    const again = simulate(r, NODE, reply, { mode: 'single', seed: 1 }, { state: base.state }).trace
      .outcomes[0];
    expect(again?.conntrack?.seenReply).toBe(true);
    const fresh = simulate(
      r,
      NODE,
      tcp('10.244.1.5', '198.51.100.1', 443, { tcpFlags: ['ACK'] }),
      { mode: 'single', seed: 1 },
      { state: base.state },
    ).trace.outcomes[0];
    // base itself was never changed by the replies simulated from it.
    expect(fresh?.final.ctState).toBe('NEW');
  });
});
