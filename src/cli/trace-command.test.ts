import { describe, expect, it } from 'vitest';
import { SEED_SAVE } from '../domain/examples/seed.ts';
import { parseDump } from '../domain/parse/parse-dump.ts';
import { simulate } from '../domain/sim/simulate.ts';
import { run } from './main.ts';
import { fakeIo, tempFile } from './test-io.ts';

/** The seed's NodePort, asked for from a client outside the node. */
const NODEPORT = [
  'trace',
  '--rules',
  '-',
  '--node-ip',
  '192.168.0.11',
  '--src',
  '10.0.0.5',
  '--dst',
  '192.168.0.11:32110',
];

/** xt_statistic keeps round(p·2^31): the first endpoint's real chance. */
const FIRST = Math.round(0.33332999982 * 2 ** 31) / 2 ** 31;
const OTHER = (1 - FIRST) * 0.5;

const PODS = ['172.17.0.2:80', '172.17.0.3:80', '172.17.0.4:80'];

interface JsonOutcome {
  probability: number;
  verdict: string;
  delivery: string | null;
  dnat: string | null;
  masqueraded: boolean;
  snat: string | null;
  final: Record<string, unknown>;
  rules: string[];
  reason: string;
  uncertain: string[];
  steps?: { kind: string; event?: string; detail?: Record<string, unknown> }[];
}
interface JsonTrace {
  packet: Record<string, unknown>;
  from: string;
  outcomes: JsonOutcome[];
}

/** Runs kpviz with the seed dump on standard input. */
function trace(...argv: string[]) {
  const io = fakeIo(SEED_SAVE);
  const status = run([...NODEPORT, ...argv], io);
  return { status, stdout: io.stdout, stderr: io.stderr };
}

function traceJson(...argv: string[]): JsonTrace {
  const { status, stdout, stderr } = trace('--json', ...argv);
  expect(stderr).toBe('');
  expect(status).toBe(0);
  return JSON.parse(stdout) as JsonTrace;
}

describe('kpviz trace', () => {
  it('--all: the seed NodePort goes to each of the three pods, masqueraded', () => {
    const { from, outcomes } = traceJson('--all');
    expect(from).toBe('eth0');
    expect(outcomes).toHaveLength(3);
    expect(outcomes.reduce((sum, o) => sum + o.probability, 0)).toBeCloseTo(1, 12);
    expect(outcomes.map((o) => o.dnat).sort()).toEqual(PODS);
    for (const o of outcomes) {
      expect(o.verdict).toBe('ACCEPT');
      expect(o.delivery).toBe('forward');
      expect(o.masqueraded).toBe(true);
      expect(o.snat).toBe('192.168.0.11:40000');
      expect(o.final).toMatchObject({ src: '192.168.0.11', dst: o.dnat?.split(':')[0] });
      expect(o.probability).toBe(o.dnat === '172.17.0.2:80' ? FIRST : OTHER);
      // The legacy KUBE-NODEPORTS marks every NodePort packet for masquerade.
      expect(o.rules).toContain('nat/KUBE-NODEPORTS#1');
      expect(o.rules).toContain('nat/KUBE-MARK-MASQ#1');
      expect(o.rules.at(-1)).toBe('nat/KUBE-POSTROUTING#1');
    }
    expect(outcomes.find((o) => o.dnat === '172.17.0.2:80')?.rules).toEqual([
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

  it('prints each outcome step by step, with its probability and result', () => {
    const { status, stdout, stderr } = trace('--all');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'tcp 10.0.0.5:40000 → 192.168.0.11:32110, arriving on eth0 (PREROUTING)',
      'every path (--all): 3 outcomes',
    ]);
    expect(lines).toContain('outcome 1 of 3: 33.3335%');
    expect(lines).toContain('outcome 3 of 3: 33.3330%');
    const third = lines.slice(lines.indexOf('outcome 3 of 3: 33.3330%'));
    expect(third).toEqual(
      expect.arrayContaining([
        '              the packet arrives on eth0: PREROUTING',
        '  PREROUTING  nat/KUBE-SERVICES: skipped rule 1 (no match)',
        '  PREROUTING  nat/KUBE-MARK-MASQ#1 (line 19): matched → continue: mark 0x0 → 0x4000',
        '  PREROUTING  nat/KUBE-SVC-I64SNEMOLCWHJHS3#1 (line 31): matched → jump KUBE-SEP-MMWJ6M2J72TU3J64 [random: 33.3330%]',
        '  PREROUTING  nat/KUBE-SEP-MMWJ6M2J72TU3J64#2 (line 28): matched → ACCEPT: DNAT 192.168.0.11:32110 → 172.17.0.2:80',
        '  POSTROUTING nat/KUBE-POSTROUTING#1 (line 22): matched → ACCEPT: MASQUERADE src 10.0.0.5:40000 → 192.168.0.11:40000',
        '  result: ACCEPT (forwarded out of eth0)',
        '  DNAT: 172.17.0.2:80',
        '  SNAT: 192.168.0.11:40000 (MASQUERADE)',
        '  final: tcp 192.168.0.11:40000 → 172.17.0.2:80, mark 0x4000, in eth0, out eth0, ctstate NEW',
      ]),
    );
    // A random match that missed is told, with the chance of missing.
    expect(stdout).toContain(
      'nat/KUBE-SVC-I64SNEMOLCWHJHS3#1 (line 31): no match: -m statistic --mode random --probability 0.33332999982 [random: 66.6670%]',
    );
  });

  it('--json has a stable shape: every key, steps only with --steps', () => {
    const json = traceJson('--src', '10.0.0.5:1234');
    expect(Object.keys(json)).toEqual(['packet', 'from', 'outcomes']);
    expect(json.packet).toEqual({
      src: '10.0.0.5',
      dst: '192.168.0.11',
      sport: 1234,
      dport: 32110,
      protocol: 'tcp',
    });
    const [outcome] = json.outcomes;
    expect(Object.keys(outcome ?? {})).toEqual([
      'probability',
      'verdict',
      'delivery',
      'dnat',
      'masqueraded',
      'snat',
      'final',
      'rules',
      'reason',
      'uncertain',
    ]);
    expect(Object.keys(outcome?.final ?? {})).toEqual([
      'src',
      'dst',
      'sport',
      'dport',
      'protocol',
      'mark',
      'inInterface',
      'outInterface',
      'ctState',
    ]);
    expect(outcome?.final).toMatchObject({ sport: 1234, mark: 0x4000, ctState: 'NEW' });
    expect(outcome?.uncertain).toEqual([]);
    expect(outcome?.reason).toBe('forwarded out of eth0');

    const withSteps = traceJson('--steps', '--all');
    const model = {
      interfaces: [{ name: 'eth0', addresses: ['192.168.0.11/24'] }],
      routes: [{ destination: '0.0.0.0/0', dev: 'eth0' }],
      ipForward: true,
      routeLocalnet: true,
    };
    const packet = {
      src: '10.0.0.5',
      dst: '192.168.0.11',
      protocol: 'tcp' as const,
      sport: 40000,
      dport: 32110,
    };
    const direct = simulate(parseDump(SEED_SAVE).ruleset, model, packet, { mode: 'all' });
    expect(withSteps.outcomes.map((o) => o.steps)).toEqual(
      JSON.parse(JSON.stringify(direct.trace.outcomes.map((o) => o.steps))),
    );
  });

  it('--seed: the same seed gives the same output, and seeds pick different pods', () => {
    const once = trace('--seed', '7');
    expect(once.status).toBe(0);
    expect(trace('--seed', '7').stdout).toBe(once.stdout);
    expect(trace().stdout).toBe(trace('--seed', '1').stdout);
    const picked = new Set<string | null>();
    for (let seed = 0; seed < 20; seed++) {
      const { outcomes } = traceJson('--seed', String(seed));
      expect(outcomes).toHaveLength(1);
      const [o] = outcomes;
      picked.add(o?.dnat ?? null);
      // One path: its probability is the chance of the random results it took.
      expect(o?.probability).toBe(o?.dnat === '172.17.0.2:80' ? FIRST : OTHER);
    }
    expect([...picked].sort()).toEqual(PODS);
    expect(once.stdout).toMatch(/^one path, drawn with seed 7 \(--all shows every path\)$/m);
  });

  it("a node IP source starts in OUTPUT: the node's own process sends it", () => {
    const { from, outcomes } = traceJson(
      '--src',
      '192.168.0.11',
      '--dst',
      '10.254.198.92:80',
      '--steps',
      '--seed',
      '3',
    );
    expect(from).toBe('local');
    const [o] = outcomes;
    expect(o?.steps?.[0]).toMatchObject({
      kind: 'event',
      event: 'enter',
      detail: { from: 'local' },
    });
    expect(o?.rules.slice(0, 3)).toEqual(['nat/OUTPUT#1', 'nat/OUTPUT#2', 'nat/KUBE-SERVICES#1']);
    expect(o?.delivery).toBe('output');
    expect(PODS).toContain(o?.dnat);
    expect(o?.masqueraded).toBe(false);
    expect(o?.final).toMatchObject({
      src: '192.168.0.11',
      inInterface: null,
      outInterface: 'eth0',
    });
  });

  it('--from external sends a node address in from outside, where routing drops it', () => {
    const { from, outcomes } = traceJson('--src', '192.168.0.11', '--from', 'external');
    expect(from).toBe('eth0');
    expect(outcomes[0]).toMatchObject({ verdict: 'DROP', delivery: null });
    expect(outcomes[0]?.reason).toMatch(/^martian source/);
  });

  it('--from local sends any source from a process on the node', () => {
    expect(traceJson('--from', 'local').from).toBe('local');
  });

  it('--proto: a UDP packet misses the TCP NodePort and is delivered to the node', () => {
    const [o] = traceJson('--proto', 'udp').outcomes;
    expect(o).toMatchObject({ verdict: 'ACCEPT', delivery: 'local', dnat: null, snat: null });
    expect(o?.final).toMatchObject({ protocol: 'udp', dst: '192.168.0.11', dport: 32110 });
  });

  it('--iface and --route describe more of the node', () => {
    const node = ['--iface', 'cni0=10.244.1.1/24', '--route', '10.244.2.0/24=eth0@192.168.0.12'];
    const fromPod = traceJson('--src', '10.244.1.5', '--dst', '10.244.2.7:80', ...node);
    expect(fromPod.from).toBe('cni0');
    expect(fromPod.outcomes[0]?.final).toMatchObject({ inInterface: 'cni0', outInterface: 'eth0' });
    const toPod = traceJson('--dst', '10.244.1.5:80', ...node);
    expect(toPod.outcomes[0]).toMatchObject({
      delivery: 'forward',
      reason: 'forwarded out of cni0',
    });
    // An address of another interface is the node's own too.
    expect(traceJson('--src', '10.244.1.1', ...node).from).toBe('local');
  });

  it('reports dump errors as FILE:LINE:COL, exits 1 and traces nothing', () => {
    const file = tempFile('bad.txt', '*nat\n:X - [0:0]\n-A X -s 10.0.0.256 -j RETURN\nCOMMIT\n');
    const io = fakeIo();
    expect(run([...NODEPORT.slice(0, 2), file, ...NODEPORT.slice(3)], io)).toBe(1);
    expect(io.stderr).toBe(
      `${file}:3:9: "10.0.0.256" is not an IP address or CIDR\n` +
        'kpviz trace: not traced: fix the errors above first\n',
    );
    expect(io.stdout).toBe('');
  });

  it('prints warnings and traces anyway', () => {
    const io = fakeIo('*nat\n:X - [0:0]\n-A X -m frob -j RETURN\nCOMMIT\n');
    expect(run(NODEPORT, io)).toBe(0);
    expect(io.stderr).toBe(
      '<stdin>:3:9: warning: kpviz does not know the match module "frob"; kept as written\n',
    );
    expect(io.stdout).toContain('result: ACCEPT (delivered locally)');
  });

  it('refuses a loop reachable from a built-in chain at its line, exit 1', () => {
    const file = tempFile(
      'loop.txt',
      '*filter\n:INPUT ACCEPT [0:0]\n:A - [0:0]\n:B - [0:0]\n-A INPUT -j A\n-A A -j B\n-A B -j A\nCOMMIT\n',
    );
    const io = fakeIo();
    expect(run([...NODEPORT.slice(0, 2), file, ...NODEPORT.slice(3)], io)).toBe(1);
    expect(io.stderr).toBe(
      `${file}:7:1: table filter: chain B jumps back to A, which leads to it (a loop); the kernel refuses it\n` +
        'kpviz trace: not traced: the kernel would not load these rules\n',
    );
    expect(io.stdout).toBe('');
  });

  it.each([
    {
      name: 'no rules',
      argv: ['trace', '--src', '10.0.0.5', '--dst', '10.0.0.6:80', '--node-ip', '10.0.0.1'],
      message: /^usage: kpviz trace --rules FILE\|-/,
    },
    {
      name: 'a missing --dst',
      argv: ['trace', '--rules', '-', '--node-ip', '192.168.0.11', '--src', '10.0.0.5'],
      message: /^kpviz trace: --dst IP:PORT is required\nusage: kpviz trace/,
    },
    {
      name: 'a missing --node-ip',
      argv: ['trace', '--rules', '-', '--src', '10.0.0.5', '--dst', '10.0.0.6:80'],
      message: /--node-ip IP is required/,
    },
    {
      name: 'a source that is not an IP address',
      argv: [...NODEPORT, '--src', '10.0.0.256'],
      message: /^kpviz trace: --src "10.0.0.256" is not an IPv4 address\n$/,
    },
    {
      name: 'a node IP that is not an IP address',
      argv: [...NODEPORT, '--node-ip', '10.1.0.1,node-1'],
      message: /--node-ip "node-1" is not an IPv4 address/,
    },
    {
      name: 'a destination without a port',
      argv: [...NODEPORT, '--dst', '192.168.0.11'],
      message: /--dst "192.168.0.11" needs a port \(IP:PORT\)/,
    },
    {
      name: 'a port out of range',
      argv: [...NODEPORT, '--dst', '192.168.0.11:65536'],
      message: /--dst "192.168.0.11:65536": "65536" is not a port \(1–65535\)/,
    },
    {
      name: 'an IPv6 destination',
      argv: [...NODEPORT, '--dst', '[fd00::1]:80'],
      message: /kpviz traces IPv4 packets only/,
    },
    {
      name: 'an unknown protocol',
      argv: [...NODEPORT, '--proto', 'icmp'],
      message: /--proto must be one of tcp, udp, sctp/,
    },
    {
      name: '--from naming an unknown interface',
      argv: [...NODEPORT, '--from', 'wlan0'],
      message: /^kpviz trace: the packet: the node has no interface "wlan0" \(it has lo, eth0\)\n$/,
    },
    {
      name: '--seed with --all',
      argv: [...NODEPORT, '--all', '--seed', '2'],
      message: /--seed picks one path; --all follows every path/,
    },
    {
      name: 'a seed that is not a number',
      argv: [...NODEPORT, '--seed', '-1'],
      message: /--seed must be a whole number from 0 to 4294967295, not "-1"/,
    },
    {
      name: '--steps without --json',
      argv: [...NODEPORT, '--steps'],
      message: /--steps adds the steps to --json output/,
    },
    {
      name: 'an interface without a prefix',
      argv: [...NODEPORT, '--iface', 'cni0=10.244.1.1'],
      message: /--iface "cni0=10.244.1.1": "10.244.1.1" needs a prefix length/,
    },
    {
      name: 'an interface described twice',
      argv: [...NODEPORT, '--iface', 'eth0=10.0.0.1/24'],
      message: /eth0 is already described/,
    },
    {
      name: 'a route through an interface the node lacks',
      argv: [...NODEPORT, '--route', '10.244.2.0/24=cni0'],
      message: /^kpviz trace: the node: route 10.244.2.0\/24 names unknown interface cni0\n$/,
    },
    {
      name: 'a malformed route',
      argv: [...NODEPORT, '--route', '10.244.2.0/24'],
      message: /--route "10.244.2.0\/24" is not DEST=DEV\[@VIA\]/,
    },
    {
      name: 'a missing file',
      argv: ['trace', '--rules', '/nonexistent/x', ...NODEPORT.slice(3)],
      message: /cannot read \/nonexistent\/x/,
    },
    {
      name: 'a misspelt flag',
      argv: [...NODEPORT, '--seeds', '2'],
      message: /unexpected --seeds, 2/,
    },
  ])('exits 2 on $name', ({ argv, message }) => {
    const io = fakeIo(SEED_SAVE);
    expect(run(argv, io)).toBe(2);
    expect(io.stderr).toMatch(message);
    expect(io.stdout).toBe('');
  });

  it('is in the usage', () => {
    const io = fakeIo();
    expect(run(['--help'], io)).toBe(0);
    expect(io.stdout).toMatch(/kpviz trace --rules FILE\|- --src IP\[:PORT\] --dst IP:PORT/);
  });
});
