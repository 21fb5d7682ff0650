import { SEED_SAVE } from '../src/domain/examples/seed.ts';
import { syntheticDump } from '../src/domain/examples/synthetic-dump.ts';
import type { Ruleset } from '../src/domain/model/ruleset.ts';
import { parseDump } from '../src/domain/parse/parse-dump.ts';
import { buildGraph } from '../src/graph/build-graph.ts';
import { chainId } from '../src/graph/ids.ts';
import { layoutWithDagre } from '../src/graph/dagre-layout.ts';
import { layoutDomain } from '../src/graph/domain-layout.ts';
import { servicesOf } from '../src/graph/services.ts';
import type { Graph } from '../src/graph/types.ts';
import { DumpSession } from '../src/session/dump-session.ts';
import { fmt, medianMs, row } from './measure.ts';

interface Case {
  readonly label: string;
  readonly ruleset: Ruleset;
  readonly maxNodes?: number;
}

const parse = (text: string): Ruleset => parseDump(text, { format: 'save' }).ruleset;

/** A copy the graph's per-ruleset cache has not seen, so buildGraph does all its work. */
const fresh = (ruleset: Ruleset): Ruleset => ({ tables: ruleset.tables });

const chainCount = (graph: Graph): number => graph.nodes.filter((n) => n.kind === 'chain').length;

/**
 * The graph of a dump: buildGraph from scratch (index, Service groups,
 * lines, domain layout), buildGraph again on the same ruleset (a change of
 * focus or collapse), the domain layout alone, and dagre on the same
 * graph. The 10,000-Service graph holds its top-level chains only (the
 * per-Service ones wait for a focus); the 2,000-node graph shows all 400
 * Services' chains, where dagre is said to take about 1.5 s.
 */
export function benchGraph(): void {
  const bigText = syntheticDump({ services: 10_000 });
  const big = parse(bigText);
  const cases: Case[] = [
    { label: 'seed', ruleset: parse(SEED_SAVE) },
    { label: '1,000 Services', ruleset: parse(syntheticDump({ services: 1_000 })) },
    { label: '10,000 Services', ruleset: big },
    {
      label: '2,000 chain nodes (400 Services, all shown)',
      ruleset: parse(syntheticDump({ services: 400 })),
      maxNodes: 2_100,
    },
  ];
  console.log('\ngraph: buildGraph and its layouts (median)');
  row('', 'chains', 'build cold', 'build warm', 'domain', 'dagre', 'dagre/domain');
  for (const { label, ruleset, maxNodes } of cases) {
    const options = maxNodes === undefined ? {} : { maxNodes };
    const slow = maxNodes !== undefined || ruleset === big;
    const runs = slow ? 3 : 7;
    const graph = buildGraph(ruleset, options);
    const cold = medianMs(() => buildGraph(fresh(ruleset), options), runs, 1);
    const warm = medianMs(() => buildGraph(ruleset, options), runs, 1);
    const domain = medianMs(() => layoutDomain(graph), runs, 1);
    const dagre = medianMs(() => layoutWithDagre(graph), slow ? 3 : 7, 1);
    row(
      label,
      String(chainCount(graph)),
      fmt(cold),
      fmt(warm),
      fmt(domain),
      fmt(dagre),
      `${(dagre / domain).toFixed(0)}×`,
    );
  }
  const key = servicesOf(big)[4213]?.key ?? '';
  const focused = medianMs(() => buildGraph(big, { focus: key }), 5, 1);
  row(`10,000 Services, focus on ${key}`, '', '', fmt(focused));
  // What a click on KUBE-SERVICES asks the worker for: its 10,001 rules, each checked for
  // what the simulator is unsure of, and how many rules jump to it. The first click also
  // counts the table's jumps and names its chains; those are kept for the next.
  const session = DumpSession.open(bigText);
  const details = () => session.chain(chainId('nat', 'KUBE-SERVICES'));
  row('10,000 Services, KUBE-SERVICES details, 1st', '', '', fmt(medianMs(details, 1, 0)));
  row('10,000 Services, KUBE-SERVICES details, again', '', '', fmt(medianMs(details, 5, 0)));
}
