import { syntheticDump } from '../src/domain/examples/synthetic-dump.ts';
import { parseDump } from '../src/domain/parse/parse-dump.ts';
import { compileRuleset } from '../src/domain/sim/compile.ts';
import { parseAddress } from '../src/domain/sim/ipv4.ts';
import { simulate } from '../src/domain/sim/simulate.ts';
import type { NodeModel, PacketSpec } from '../src/domain/sim/types.ts';
import { medianMs, row } from './measure.ts';

const SERVICES = 30_000;
const TRACES = 2_000;

const NODE: NodeModel = {
  interfaces: [
    { name: 'eth0', addresses: ['192.168.0.11/24'] },
    { name: 'cni0', addresses: ['172.16.0.1/12'] },
  ],
  routes: [{ destination: '0.0.0.0/0', dev: 'eth0', via: '192.168.0.1' }],
  ipForward: true,
  routeLocalnet: true,
};

const clusterIP = (s: number): string =>
  `10.${((s + 1) >>> 16) & 255}.${((s + 1) >>> 8) & 255}.${(s + 1) & 255}`;

const us = (ms: number): string => `${(ms * 1000).toFixed(0)} µs`;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
}

/** Wall times of `fn(i)` for i < n, sorted, in ms. */
function timings(n: number, fn: (i: number) => unknown): number[] {
  for (let i = 0; i < 50; i++) fn(i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    fn(i);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

/**
 * Single traces and all-branches traces through a 30,000-Service dump (a
 * nat KUBE-SERVICES chain of 30,001 rules), beside the floor of any
 * first-match walk: a loop comparing every KUBE-SERVICES rule's destination
 * and port as integers. Target: ≤ 1 ms p99 for a single trace. The first
 * trace through a Service also compiles its chains (and meets the garbage
 * collector of a heap holding a 30,000-Service dump); it is shown apart.
 */
export function benchTrace(): void {
  const text = syntheticDump({ services: SERVICES });
  const { ruleset } = parseDump(text, { format: 'save' });
  const compileMs = medianMs(() => compileRuleset({ tables: ruleset.tables }), 3, 1);
  const compiled = compileRuleset(ruleset);
  const services = compiled.tables.get('nat')?.chain('KUBE-SERVICES')?.rules ?? [];
  const dsts = Int32Array.from(services, (r) => r.dstNet);
  const ports = Int32Array.from(services, (r) =>
    Number(r.rule.matches.find((m) => m.module === 'tcp')?.options[0]?.args[0] ?? -1),
  );

  // Services spread over the whole chain, so the walk's length varies as in real use.
  const pick = (i: number): number => (i * 7919) % SERVICES;
  const packet = (i: number): PacketSpec => ({
    src: '203.0.113.7',
    sport: 40000 + (i % 20000),
    dst: clusterIP(pick(i)),
    dport: 80,
    protocol: 'tcp',
  });
  const packets = Array.from({ length: TRACES }, (_, i) => packet(i));
  const targets = packets.map((p) => parseAddress(p.dst) as number);

  const floor = timings(TRACES, (i) => {
    const dst = targets[i] as number;
    for (let r = 0; r < dsts.length; r++) {
      if (dsts[r] === (dst | 0) && ports[r] === 80) return r;
    }
    return -1;
  });
  // First pass: each Service's chains are compiled on the way (the first trace after a load).
  const cold = timings(TRACES, (i) =>
    simulate(compiled, NODE, packets[i] as PacketSpec, { mode: 'single', seed: i }),
  );
  // Second pass over the same Services: what tracing again costs.
  const single = timings(TRACES, (i) =>
    simulate(compiled, NODE, packets[i] as PacketSpec, { mode: 'single', seed: i + 1 }),
  );
  const all = timings(TRACES / 4, (i) =>
    simulate(compiled, NODE, packets[i] as PacketSpec, { mode: 'all' }),
  );
  const nodePort: PacketSpec = {
    src: '203.0.113.7',
    dst: '192.168.0.11',
    dport: 30000 + ((SERVICES - 1) % 2768),
    protocol: 'tcp',
  };
  const worst = timings(200, (i) =>
    simulate(compiled, NODE, nodePort, { mode: 'single', seed: i }),
  );

  console.log(
    `\ntrace: ${SERVICES.toLocaleString('en')} Services, ${services.length.toLocaleString('en')} rules in nat KUBE-SERVICES, ${TRACES.toLocaleString('en')} packets to ClusterIPs`,
  );
  row('', 'p50', 'p99', 'p99 ratio');
  const p99Floor = percentile(floor, 0.99);
  const line = (label: string, t: readonly number[]): void =>
    row(
      label,
      us(percentile(t, 0.5)),
      us(percentile(t, 0.99)),
      `${(percentile(t, 0.99) / p99Floor).toFixed(1)}×`,
    );
  line('integer scan of KUBE-SERVICES (baseline)', floor);
  line('single trace, first for its Service', cold);
  line('single trace (seeded)', single);
  line('all branches (3 endpoints)', all);
  line('single trace, NodePort (whole chain)', worst);
  row('compile the ruleset (once per dump)', us(compileMs));
  const p99 = percentile(single, 0.99);
  const coldP99 = percentile(cold, 0.99);
  console.log(
    `single-trace p99 ${us(p99)}: target ≤ 1 ms ${p99 <= 1 ? 'met' : 'NOT met'}` +
      ` (first trace of a Service, compiling its chains: p99 ${us(coldP99)}, ${coldP99 <= 1 ? 'within' : 'over'} the target)`,
  );
}
