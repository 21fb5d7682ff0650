/**
 * Kernel truth for the probe harness (kernel/probe.ts): small hand-written rulesets, real
 * packets, and expectations written from how netfilter and IPv4 routing work — so each case
 * shows that the harness reports what the kernel did (conntrack tuples, rule counters), not
 * something of its own making.
 *
 * Run with `npm run test:kernel -- kernel/probe.kernel.test.ts` (root, iproute2, iptables,
 * conntrack, nft, python3). See kernel/NOTES.md, "Probe harness".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeModel, Tuple } from '../src/domain/sim/types.ts';
import { samplesToObserveAll, testCategoryCounts } from '../src/domain/sim/stats.ts';
import { listNamespaces } from './netns.ts';
import { KernelNode, type KernelRun, type Probe, type ProbeObservation } from './probe.ts';
import { kernelSuite } from './suite.ts';

const namespaces = kernelSuite();

const NODE_IP = '192.168.10.2';
const MODEL: NodeModel = {
  interfaces: [
    // A secondary address in the same subnet: MASQUERADE must still pick the primary.
    { name: 'eth0', addresses: [`${NODE_IP}/24`, '192.168.10.3/24'] },
    { name: 'cni0', addresses: ['10.244.0.1/24'] },
  ],
  routes: [{ destination: '0.0.0.0/0', dev: 'eth0', via: '192.168.10.1' }],
  ipForward: true,
  routeLocalnet: false,
};

/** A restore text: `*table`, the built-in chains (plus `extraChains`), the rules, COMMIT. */
function table(name: string, rules: readonly string[], extraChains: readonly string[] = []) {
  const builtins: Record<string, readonly string[]> = {
    raw: ['PREROUTING', 'OUTPUT'],
    mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
    nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
    filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  };
  return [
    `*${name}`,
    ...(builtins[name] ?? []).map((c) => `:${c} ACCEPT [0:0]`),
    ...extraChains.map((c) => `:${c} - [0:0]`),
    ...rules,
    'COMMIT',
    '',
  ].join('\n');
}

function tcp(src: string, sport: number, dst: string, dport: number): Tuple {
  return { src, dst, protocol: 'tcp', sport, dport };
}

function obs(run: KernelRun, id: string): ProbeObservation {
  const o = run.observations.find((x) => x.id === id);
  if (!o) throw new Error(`no observation ${id}`);
  return o;
}

/** Counters of the rules named, e.g. `{'nat/PREROUTING#1': 1n}`. */
function counters(run: KernelRun, keys: readonly string[]): Record<string, bigint | undefined> {
  return Object.fromEntries(keys.map((k) => [k, run.counters.get(k)]));
}

let node: KernelNode;

beforeAll(() => {
  node = new KernelNode(namespaces, MODEL);
});

afterAll(() => {
  node.destroy();
});

describe('probe harness: NAT', () => {
  it('DNAT in nat PREROUTING: the reply comes from the DNAT target; FORWARD sees the new destination', () => {
    node.load(
      table('nat', [
        '-A PREROUTING -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.244.0.5:8080',
      ]) +
        table('filter', [
          '-A FORWARD -d 10.96.0.10/32',
          '-A FORWARD -d 10.244.0.5/32 -p tcp -m tcp --dport 8080',
        ]),
    );
    const run = node.send([
      {
        id: 'svc',
        src: '203.0.113.7',
        sport: 40001,
        dst: '10.96.0.10',
        dport: 80,
        protocol: 'tcp',
        from: 'eth0',
      },
    ]);
    expect(obs(run, 'svc').conntrack).toMatchObject({
      original: tcp('203.0.113.7', 40001, '10.96.0.10', 80),
      reply: tcp('10.244.0.5', 8080, '203.0.113.7', 40001),
      state: 'SYN_SENT',
    });
    expect(counters(run, ['nat/PREROUTING#1', 'filter/FORWARD#1', 'filter/FORWARD#2'])).toEqual({
      'nat/PREROUTING#1': 1n,
      'filter/FORWARD#1': 0n,
      'filter/FORWARD#2': 1n,
    });
    expect(run.unmatchedConntrack).toEqual([]);
    expect(run.answers).toEqual({ tcpResets: 0, other: 0 });
  });

  it("MASQUERADE in POSTROUTING: the reply goes to the egress interface's primary address", () => {
    node.load(table('nat', ['-A POSTROUTING -o eth0 -j MASQUERADE']));
    const run = node.send([
      // Forwarded from a pod out of eth0 (default route): masqueraded.
      {
        id: 'out',
        src: '10.244.0.7',
        sport: 41000,
        dst: '198.51.100.20',
        dport: 443,
        protocol: 'tcp',
        from: 'cni0',
      },
      // Pod to pod, back out of cni0: -o eth0 does not match.
      {
        id: 'pod',
        src: '10.244.0.8',
        sport: 41001,
        dst: '10.244.0.9',
        dport: 80,
        protocol: 'tcp',
        from: 'cni0',
      },
    ]);
    expect(obs(run, 'out').conntrack).toMatchObject({
      original: tcp('10.244.0.7', 41000, '198.51.100.20', 443),
      reply: tcp('198.51.100.20', 443, NODE_IP, 41000),
    });
    expect(obs(run, 'pod').conntrack).toMatchObject({
      reply: tcp('10.244.0.9', 80, '10.244.0.8', 41001),
    });
    expect(run.counters.get('nat/POSTROUTING#1')).toBe(1n);
  });

  it('a local probe takes nat OUTPUT (not PREROUTING); filter OUTPUT sees the DNAT target', () => {
    node.load(
      table('nat', [
        '-A PREROUTING -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.244.0.6:8080',
        '-A OUTPUT -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.244.0.5:8080',
      ]) + table('filter', ['-A OUTPUT -d 10.244.0.5/32', '-A OUTPUT -d 10.96.0.10/32']),
    );
    const run = node.send([
      {
        id: 'local',
        src: NODE_IP,
        sport: 42000,
        dst: '10.96.0.10',
        dport: 80,
        protocol: 'tcp',
        from: 'local',
      },
    ]);
    const o = obs(run, 'local');
    expect(o.sendError).toBeUndefined();
    expect(o.conntrack).toMatchObject({
      original: tcp(NODE_IP, 42000, '10.96.0.10', 80),
      reply: tcp('10.244.0.5', 8080, NODE_IP, 42000),
    });
    expect(
      counters(run, ['nat/PREROUTING#1', 'nat/OUTPUT#1', 'filter/OUTPUT#1', 'filter/OUTPUT#2']),
    ).toEqual({
      'nat/PREROUTING#1': 0n,
      'nat/OUTPUT#1': 1n,
      'filter/OUTPUT#1': 1n,
      'filter/OUTPUT#2': 0n,
    });
  });

  it('counters are keyed table/CHAIN#n for user chains too; nat sees only the first packet of a connection', () => {
    node.load(
      table(
        'nat',
        [
          '-A PREROUTING -j KUBE-SERVICES',
          '-A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j KUBE-SVC-A',
          '-A KUBE-SVC-A -s 10.244.0.0/16 -j RETURN',
          '-A KUBE-SVC-A -p tcp -j DNAT --to-destination 10.244.0.5:8080',
        ],
        ['KUBE-SERVICES', 'KUBE-SVC-A'],
      ),
    );
    const run = node.send([
      { id: 'a', src: '203.0.113.1', dst: '10.96.0.10', protocol: 'tcp', from: 'eth0' },
      { id: 'b', src: '203.0.113.1', dst: '10.96.0.10', protocol: 'tcp', from: 'eth0' },
      { id: 'pod', src: '10.244.0.3', dst: '10.96.0.10', protocol: 'tcp', from: 'cni0' },
    ]);
    expect(
      counters(run, [
        'nat/PREROUTING#1',
        'nat/KUBE-SERVICES#1',
        'nat/KUBE-SVC-A#1',
        'nat/KUBE-SVC-A#2',
      ]),
    ).toEqual({
      'nat/PREROUTING#1': 3n,
      'nat/KUBE-SERVICES#1': 3n,
      'nat/KUBE-SVC-A#1': 1n,
      'nat/KUBE-SVC-A#2': 2n,
    });
    // Ports were assigned: two probes from one source got different ones, dport 80.
    const [a, b] = [obs(run, 'a'), obs(run, 'b')];
    expect(a.probe.sport).not.toBe(b.probe.sport);
    expect(a.probe.dport).toBe(80);
    expect(a.conntrack?.reply.src).toBe('10.244.0.5');
    expect(b.conntrack?.reply.src).toBe('10.244.0.5');
    // RETURN: no DNAT, the pod reaches 10.96.0.10 itself (routed out of eth0).
    expect(obs(run, 'pod').conntrack?.reply.src).toBe('10.96.0.10');
  });
});

describe('probe harness: drops and rejects', () => {
  it('DROP in filter FORWARD: no conntrack entry, the DROP rule counted once', () => {
    node.load(table('filter', ['-A FORWARD -d 10.244.0.9/32 -j DROP', '-A FORWARD']));
    const run = node.send([
      { id: 'dropped', src: '203.0.113.7', dst: '10.244.0.9', protocol: 'tcp', from: 'eth0' },
      { id: 'passed', src: '203.0.113.7', dst: '10.244.0.5', protocol: 'tcp', from: 'eth0' },
    ]);
    expect(obs(run, 'dropped').conntrack).toBeUndefined();
    expect(obs(run, 'passed').conntrack?.reply.src).toBe('10.244.0.5');
    expect(counters(run, ['filter/FORWARD#1', 'filter/FORWARD#2'])).toEqual({
      'filter/FORWARD#1': 1n,
      'filter/FORWARD#2': 1n,
    });
    // Only the packet that fell off the end of FORWARD met its policy.
    expect(run.policies.get('filter/FORWARD')).toBe(1n);
    expect(run.policies.get('filter/INPUT')).toBe(0n);
  });

  it("REJECT in filter INPUT: counted once, no entry, and the node's ICMP error moves no counter", () => {
    node.load(
      table('raw', ['-A OUTPUT']) +
        table('mangle', ['-A OUTPUT', '-A POSTROUTING']) +
        table('nat', ['-A OUTPUT', '-A POSTROUTING']) +
        table('filter', [
          '-A INPUT -p tcp -m tcp --dport 22 -j REJECT --reject-with icmp-port-unreachable',
          '-A INPUT -p tcp -m tcp --dport 23 -j REJECT --reject-with tcp-reset',
          '-A OUTPUT',
        ]),
    );
    const run = node.send([
      { id: 'icmp', src: '203.0.113.7', dst: NODE_IP, dport: 22, protocol: 'tcp', from: 'eth0' },
      { id: 'rst', src: '203.0.113.7', dst: NODE_IP, dport: 23, protocol: 'tcp', from: 'eth0' },
    ]);
    expect(obs(run, 'icmp').conntrack).toBeUndefined();
    expect(obs(run, 'rst').conntrack).toBeUndefined();
    expect(
      counters(run, [
        'filter/INPUT#1',
        'filter/INPUT#2',
        'filter/OUTPUT#1',
        'raw/OUTPUT#1',
        'mangle/OUTPUT#1',
        'mangle/POSTROUTING#1',
        'nat/OUTPUT#1',
        'nat/POSTROUTING#1',
      ]),
    ).toEqual({
      'filter/INPUT#1': 1n,
      'filter/INPUT#2': 1n,
      'filter/OUTPUT#1': 0n,
      'raw/OUTPUT#1': 0n,
      'mangle/OUTPUT#1': 0n,
      'mangle/POSTROUTING#1': 0n,
      'nat/OUTPUT#1': 0n,
      'nat/POSTROUTING#1': 0n,
    });
    // The kernel did answer (so these were REJECTs, not DROPs): one ICMP error, one RST.
    expect(run.answers).toEqual({ tcpResets: 1, other: 1 });
  });

  it('a closed local port: the entry stays (its RST never reaches conntrack), OUTPUT counts nothing', () => {
    node.load(table('filter', ['-A INPUT', '-A OUTPUT']));
    const run = node.send([
      { id: 'syn', src: '203.0.113.7', dst: NODE_IP, dport: 9, protocol: 'tcp', from: 'eth0' },
      { id: 'udp', src: '203.0.113.7', dst: NODE_IP, dport: 9, protocol: 'udp', from: 'eth0' },
    ]);
    expect(obs(run, 'syn').conntrack?.state).toBe('SYN_SENT');
    expect(obs(run, 'udp').conntrack?.reply.src).toBe(NODE_IP);
    expect(counters(run, ['filter/INPUT#1', 'filter/OUTPUT#1'])).toEqual({
      'filter/INPUT#1': 2n,
      'filter/OUTPUT#1': 0n,
    });
    expect(run.answers).toEqual({ tcpResets: 1, other: 1 });
  });

  it('a local probe dropped in filter OUTPUT: sendto() fails with EPERM, no entry', () => {
    node.load(table('filter', ['-A OUTPUT -d 198.51.100.0/24 -j DROP']));
    const run = node.send([
      { id: 'out', src: NODE_IP, dst: '198.51.100.1', protocol: 'udp', from: 'local' },
    ]);
    expect(obs(run, 'out')).toMatchObject({ sendError: 'EPERM' });
    expect(obs(run, 'out').conntrack).toBeUndefined();
    expect(run.counters.get('filter/OUTPUT#1')).toBe(1n);
  });
});

describe('probe harness: UDP and SCTP', () => {
  it('UDP: DNAT to a pod, and MASQUERADE of a pod talking out', () => {
    node.load(
      table('nat', [
        '-A PREROUTING -d 10.96.0.53/32 -p udp -m udp --dport 53 -j DNAT --to-destination 10.244.0.10:5353',
        '-A POSTROUTING -s 10.244.0.0/16 -o eth0 -j MASQUERADE',
      ]),
    );
    const run = node.send([
      {
        id: 'dns',
        src: '203.0.113.9',
        sport: 33000,
        dst: '10.96.0.53',
        dport: 53,
        protocol: 'udp',
        from: 'eth0',
      },
      {
        id: 'egress',
        src: '10.244.0.10',
        sport: 33001,
        dst: '8.8.8.8',
        dport: 53,
        protocol: 'udp',
        from: 'cni0',
      },
    ]);
    expect(obs(run, 'dns').conntrack).toMatchObject({
      original: { src: '203.0.113.9', dst: '10.96.0.53', protocol: 'udp', sport: 33000, dport: 53 },
      reply: { src: '10.244.0.10', dst: '203.0.113.9', protocol: 'udp', sport: 5353, dport: 33000 },
    });
    expect(obs(run, 'dns').conntrack?.state).toBeUndefined();
    expect(obs(run, 'egress').conntrack?.reply).toEqual({
      src: '8.8.8.8',
      dst: NODE_IP,
      protocol: 'udp',
      sport: 53,
      dport: 33001,
    });
    expect(counters(run, ['nat/PREROUTING#1', 'nat/POSTROUTING#1'])).toEqual({
      'nat/PREROUTING#1': 1n,
      'nat/POSTROUTING#1': 1n,
    });
  });

  it('SCTP INIT: conntrack tracks it and DNAT rewrites it', () => {
    node.load(
      table('nat', [
        '-A PREROUTING -d 10.96.0.11/32 -p sctp -m sctp --dport 9000 -j DNAT --to-destination 10.244.0.5:9001',
      ]) + table('filter', ['-A FORWARD -p sctp -m sctp --dport 9001']),
    );
    const run = node.send([
      {
        id: 'sctp',
        src: '203.0.113.7',
        sport: 5000,
        dst: '10.96.0.11',
        dport: 9000,
        protocol: 'sctp',
        from: 'eth0',
      },
    ]);
    expect(obs(run, 'sctp').conntrack).toMatchObject({
      original: {
        src: '203.0.113.7',
        dst: '10.96.0.11',
        protocol: 'sctp',
        sport: 5000,
        dport: 9000,
      },
      reply: { src: '10.244.0.5', dst: '203.0.113.7', protocol: 'sctp', sport: 9001, dport: 5000 },
      // nf_conntrack_proto_sctp: an INIT in the original direction moves NONE to CLOSED (the
      // INIT ACK would move it to COOKIE_WAIT).
      state: 'CLOSED',
    });
    expect(counters(run, ['nat/PREROUTING#1', 'filter/FORWARD#1'])).toEqual({
      'nat/PREROUTING#1': 1n,
      'filter/FORWARD#1': 1n,
    });
  });
});

describe('probe harness: routing decides', () => {
  it("a packet from outside with the node's own (or a loopback) source is a martian: PREROUTING counts it, nothing else", () => {
    node.load(
      table('raw', ['-A PREROUTING']) +
        table('nat', [
          '-A PREROUTING -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.244.0.5:8080',
        ]) +
        table('filter', ['-A INPUT', '-A FORWARD']),
    );
    const run = node.send([
      { id: 'own', src: NODE_IP, dst: '10.96.0.10', dport: 80, protocol: 'tcp', from: 'eth0' },
      { id: 'loop', src: '127.0.0.5', dst: NODE_IP, dport: 80, protocol: 'tcp', from: 'eth0' },
      // Not a martian: rp_filter is off, so a source routed back via eth0 may come in on cni0.
      { id: 'rp', src: '203.0.113.99', dst: NODE_IP, dport: 80, protocol: 'tcp', from: 'cni0' },
    ]);
    expect(obs(run, 'own').conntrack).toBeUndefined();
    expect(obs(run, 'loop').conntrack).toBeUndefined();
    expect(obs(run, 'rp').conntrack?.reply.dst).toBe('203.0.113.99');
    expect(
      counters(run, ['raw/PREROUTING#1', 'nat/PREROUTING#1', 'filter/INPUT#1', 'filter/FORWARD#1']),
    ).toEqual({
      'raw/PREROUTING#1': 3n,
      'nat/PREROUTING#1': 1n,
      'filter/INPUT#1': 1n,
      'filter/FORWARD#1': 0n,
    });
  });

  it('DNAT to 127.0.0.1 from outside: dropped by routing with route_localnet 0, delivered with 1', () => {
    const rules =
      table('nat', [
        `-A PREROUTING -d ${NODE_IP}/32 -p tcp -m tcp --dport 30080 -j DNAT --to-destination 127.0.0.1:8080`,
      ]) + table('filter', ['-A INPUT -d 127.0.0.1/32']);
    const probe: Probe = {
      id: 'np',
      src: '203.0.113.7',
      sport: 43000,
      dst: NODE_IP,
      dport: 30080,
      protocol: 'tcp',
      from: 'eth0',
    };
    node.load(rules);
    const off = node.send([probe]);
    expect(obs(off, 'np').conntrack).toBeUndefined();
    expect(counters(off, ['nat/PREROUTING#1', 'filter/INPUT#1'])).toEqual({
      'nat/PREROUTING#1': 1n,
      'filter/INPUT#1': 0n,
    });

    const localnet = new KernelNode(namespaces, { ...MODEL, routeLocalnet: true });
    try {
      localnet.load(rules);
      const on = localnet.send([probe]);
      expect(obs(on, 'np').conntrack).toMatchObject({
        original: tcp('203.0.113.7', 43000, NODE_IP, 30080),
        reply: tcp('127.0.0.1', 8080, '203.0.113.7', 43000),
      });
      expect(counters(on, ['nat/PREROUTING#1', 'filter/INPUT#1'])).toEqual({
        'nat/PREROUTING#1': 1n,
        'filter/INPUT#1': 1n,
      });
    } finally {
      localnet.destroy();
    }
  });
});

describe('probe harness: forwarding off', () => {
  it('ip_forward 0: a packet for another host stops after PREROUTING, one for the node is delivered', () => {
    const host = new KernelNode(namespaces, { ...MODEL, ipForward: false });
    try {
      host.load(table('nat', ['-A PREROUTING']) + table('filter', ['-A INPUT', '-A FORWARD']));
      const run = host.send([
        { id: 'fwd', src: '203.0.113.7', dst: '10.244.0.5', protocol: 'tcp', from: 'eth0' },
        { id: 'in', src: '203.0.113.7', dst: NODE_IP, protocol: 'tcp', from: 'eth0' },
      ]);
      expect(obs(run, 'fwd').conntrack).toBeUndefined();
      expect(obs(run, 'in').conntrack?.reply.src).toBe(NODE_IP);
      // The closed port answers with a RST; the unforwardable packet gets no ICMP error (the
      // kernel only sends "unreachable" for routing errors on interfaces that forward).
      expect(run.answers).toEqual({ tcpResets: 1, other: 0 });
      expect(counters(run, ['nat/PREROUTING#1', 'filter/INPUT#1', 'filter/FORWARD#1'])).toEqual({
        'nat/PREROUTING#1': 2n,
        'filter/INPUT#1': 1n,
        'filter/FORWARD#1': 0n,
      });
    } finally {
      host.destroy();
    }
  });
});

describe('probe harness: random branches', () => {
  it("statistic --mode random: the endpoints' shares pass the exact test of src/domain/sim/stats.ts", () => {
    // kube-proxy's three-endpoint split. The kernel keeps round(p · 2³¹) and takes a branch
    // when a 31-bit random number is below it: the exact probabilities below.
    const first = Math.round(0.33333333349 * 2 ** 31) / 2 ** 31;
    const second = Math.round(0.5 * 2 ** 31) / 2 ** 31;
    const shares = {
      '10.244.0.5': first,
      '10.244.0.6': (1 - first) * second,
      '10.244.0.7': (1 - first) * (1 - second),
    };
    node.load(
      table(
        'nat',
        [
          '-A PREROUTING -d 10.96.0.30/32 -p tcp -m tcp --dport 80 -j KUBE-SVC-R',
          '-A KUBE-SVC-R -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-1',
          '-A KUBE-SVC-R -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-2',
          '-A KUBE-SVC-R -j KUBE-SEP-3',
          '-A KUBE-SEP-1 -p tcp -m tcp -j DNAT --to-destination 10.244.0.5:80',
          '-A KUBE-SEP-2 -p tcp -m tcp -j DNAT --to-destination 10.244.0.6:80',
          '-A KUBE-SEP-3 -p tcp -m tcp -j DNAT --to-destination 10.244.0.7:80',
        ],
        ['KUBE-SEP-1', 'KUBE-SEP-2', 'KUBE-SEP-3', 'KUBE-SVC-R'],
      ),
    );
    const n = 300;
    // Enough samples that every endpoint shows up unless something is wrong (≤ 1e-7 by chance).
    expect(n).toBeGreaterThanOrEqual(samplesToObserveAll(Object.values(shares), 0.3));
    const probes: Probe[] = Array.from({ length: n }, (_, i) => ({
      id: `r${i}`,
      src: '203.0.113.60',
      dst: '10.96.0.30',
      protocol: 'tcp',
      from: 'eth0',
    }));
    const run = node.send(probes);
    const counts = new Map<string, number>();
    for (const o of run.observations) {
      const to = o.conntrack?.reply.src ?? 'none';
      counts.set(to, (counts.get(to) ?? 0) + 1);
    }
    const result = testCategoryCounts(counts, shares);
    expect(result.failures, JSON.stringify(result.checks)).toEqual([]);
    expect([...counts.keys()].sort()).toEqual(Object.keys(shares));
    // The counters agree with the conntrack entries.
    expect(counters(run, ['nat/KUBE-SEP-1#1', 'nat/KUBE-SEP-2#1', 'nat/KUBE-SEP-3#1'])).toEqual({
      'nat/KUBE-SEP-1#1': BigInt(counts.get('10.244.0.5') ?? 0),
      'nat/KUBE-SEP-2#1': BigInt(counts.get('10.244.0.6') ?? 0),
      'nat/KUBE-SEP-3#1': BigInt(counts.get('10.244.0.7') ?? 0),
    });
  });
});

describe('probe harness: state between cases', () => {
  it('probes go in order (xt_recent sees the first before the second); reset() empties xt_recent, conntrack and counters', () => {
    node.load(
      table('nat', [
        '-A PREROUTING -d 10.96.0.20/32 -p tcp -m recent --rcheck --seconds 600 --name aff --mask 255.255.255.255 --rsource -j DNAT --to-destination 10.244.0.6:80',
        '-A PREROUTING -d 10.96.0.20/32 -p tcp -m recent --set --name aff --mask 255.255.255.255 --rsource -j DNAT --to-destination 10.244.0.5:80',
      ]),
    );
    const client = {
      src: '203.0.113.50',
      dst: '10.96.0.20',
      protocol: 'tcp',
      from: 'eth0',
    } as const;
    const first = node.send([
      { ...client, id: '1' },
      { ...client, id: '2' },
    ]);
    expect(obs(first, '1').conntrack?.reply.src).toBe('10.244.0.5');
    expect(obs(first, '2').conntrack?.reply.src).toBe('10.244.0.6');
    // Without a reset the list (and the conntrack entries) stay: a third connection is pinned.
    const again = node.send([{ ...client, id: '3' }]);
    expect(obs(again, '3').conntrack?.reply.src).toBe('10.244.0.6');
    expect(counters(again, ['nat/PREROUTING#1', 'nat/PREROUTING#2'])).toEqual({
      'nat/PREROUTING#1': 2n,
      'nat/PREROUTING#2': 1n,
    });
    expect(again.unmatchedConntrack).toEqual([]);
    // Each of the three connections met nat POSTROUTING's policy once (no rule there).
    expect(again.policies.get('nat/POSTROUTING')).toBe(3n);

    node.reset();
    const fresh = node.send([{ ...client, id: '4' }]);
    expect(obs(fresh, '4').conntrack?.reply.src).toBe('10.244.0.5');
    expect(counters(fresh, ['nat/PREROUTING#1', 'nat/PREROUTING#2'])).toEqual({
      'nat/PREROUTING#1': 0n,
      'nat/PREROUTING#2': 1n,
    });
    expect(fresh.policies.get('nat/POSTROUTING')).toBe(1n);
  });

  it('refuses a (src, sport) already used since the last reset, and an unknown entry point', () => {
    node.load(table('filter', []));
    const p: Probe = {
      id: 'x',
      src: '203.0.113.1',
      sport: 44000,
      dst: NODE_IP,
      protocol: 'udp',
      from: 'eth0',
    };
    node.send([p]);
    expect(() => node.send([p])).toThrow(/already used since the last reset/);
    expect(() => node.send([{ ...p, id: 'y', sport: 44001, from: 'eth9' }])).toThrow(
      /neither 'local' nor an interface/,
    );
    node.reset();
    expect(obs(node.send([p]), 'x').conntrack).toBeDefined();
  });
});

describe('probe harness: a batch', () => {
  it('300 probes from eth0, cni0 and local in one send(), fast', () => {
    node.load(
      table('nat', [
        '-A PREROUTING -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.244.0.5:8080',
        '-A OUTPUT -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.244.0.5:8080',
        '-A POSTROUTING -s 10.244.0.0/16 -o eth0 -j MASQUERADE',
      ]) + table('filter', ['-A FORWARD', '-A OUTPUT']),
    );
    const probes: Probe[] = [];
    for (let i = 0; i < 100; i++) {
      probes.push({
        id: `in${i}`,
        src: `203.0.113.${i + 1}`,
        dst: '10.96.0.10',
        protocol: 'tcp',
        from: 'eth0',
      });
      probes.push({
        id: `out${i}`,
        src: '10.244.0.7',
        dst: '198.51.100.1',
        dport: 53,
        protocol: 'udp',
        from: 'cni0',
      });
      probes.push({
        id: `loc${i}`,
        src: NODE_IP,
        dst: '10.96.0.10',
        protocol: 'tcp',
        from: 'local',
      });
    }
    const started = performance.now();
    const run = node.send(probes);
    const ms = performance.now() - started;
    console.info(`probe harness: send() of ${probes.length} probes took ${ms.toFixed(0)} ms`);

    for (const o of run.observations) {
      const expected = o.id.startsWith('out')
        ? { src: '198.51.100.1', dst: NODE_IP }
        : { src: '10.244.0.5', dst: o.probe.src };
      expect(o.conntrack?.reply, o.id).toMatchObject(expected);
    }
    expect(
      counters(run, [
        'nat/PREROUTING#1',
        'nat/OUTPUT#1',
        'nat/POSTROUTING#1',
        'filter/FORWARD#1',
        'filter/OUTPUT#1',
      ]),
    ).toEqual({
      'nat/PREROUTING#1': 100n,
      'nat/OUTPUT#1': 100n,
      'nat/POSTROUTING#1': 100n,
      'filter/FORWARD#1': 200n,
      'filter/OUTPUT#1': 100n,
    });
    expect(ms).toBeLessThan(3000);
  });
});

describe('probe harness: cleanup', () => {
  it('destroy() removes every namespace of the node', () => {
    const before = new Set(listNamespaces());
    const extra = new KernelNode(namespaces, MODEL);
    const made = listNamespaces().filter((n) => !before.has(n));
    expect(made).toHaveLength(1 + MODEL.interfaces.length);
    expect(made.every((n) => n.startsWith(namespaces.prefix))).toBe(true);
    extra.destroy();
    expect(listNamespaces().filter((n) => made.includes(n))).toEqual([]);
  });
});
