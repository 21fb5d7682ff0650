/**
 * The netfilter packet-flow picture: where packets enter, the five hooks with
 * the tables registered at each, the routing decisions, the local process,
 * and where packets leave. Every dump is drawn on the same pipeline, so a
 * rule's place in it is always where the kernel runs it.
 */
import type { Hook, TableName } from '../domain/model/names.ts';
import { BUILTIN_CHAINS, TABLE_NAMES } from '../domain/model/names.ts';
import { chainId, stageId } from './ids.ts';
import type { GraphEdge, HookName, NodeId, StageNode } from './types.ts';

export const HOOKS: readonly HookName[] = [
  'PREROUTING',
  'INPUT',
  'FORWARD',
  'OUTPUT',
  'POSTROUTING',
];

export const STAGES: readonly StageNode['stage'][] = [
  'network-in',
  'routing-in',
  'local-process',
  'routing-out',
  'network-out',
];

/**
 * A table's priority at a hook (NF_IP_PRI_*). nat registers twice: DNAT at
 * -100 on PREROUTING and OUTPUT, SNAT at +100 on INPUT and POSTROUTING, so on
 * INPUT it runs after filter and security, not before.
 */
function priority(table: TableName, hook: Hook): number {
  switch (table) {
    case 'raw':
      return -300;
    case 'mangle':
      return -150;
    case 'nat':
      return hook === 'PREROUTING' || hook === 'OUTPUT' ? -100 : 100;
    case 'filter':
      return 0;
    case 'security':
      return 50;
  }
}

/**
 * The tables a hook runs, in the order the kernel runs them.
 *
 * @example
 *   hookTables('INPUT'); // ['mangle', 'filter', 'security', 'nat']
 */
export function hookTables(hook: HookName): TableName[] {
  return TABLE_NAMES.filter((t) => BUILTIN_CHAINS[t].includes(hook)).sort(
    (a, b) => priority(a, hook) - priority(b, hook),
  );
}

const first = (hook: HookName): NodeId => chainId(hookTables(hook)[0] as string, hook);
const last = (hook: HookName): NodeId => chainId(hookTables(hook).at(-1) as string, hook);

/** Flow edge ids name both ends, which never change for the pipeline. */
const flow = (source: NodeId, target: NodeId): GraphEdge => ({
  id: `flow:${source}->${target}`,
  kind: 'flow',
  source,
  target,
});

/**
 * The pipeline's flow edges: through each hook's tables in order, and from
 * hook to hook the way a packet goes: in → PREROUTING → routing → INPUT →
 * local process → OUTPUT → routing → POSTROUTING → out, with FORWARD
 * between the first routing decision and POSTROUTING.
 *
 * @example
 *   pipelineEdges()[0]; // { id: 'flow:stage:network-in->raw/PREROUTING', kind: 'flow', … }
 */
export function pipelineEdges(): GraphEdge[] {
  const edges: GraphEdge[] = [flow(stageId('network-in'), first('PREROUTING'))];
  for (const hook of HOOKS) {
    const tables = hookTables(hook);
    for (let i = 1; i < tables.length; i++) {
      edges.push(flow(chainId(tables[i - 1] as string, hook), chainId(tables[i] as string, hook)));
    }
  }
  edges.push(
    flow(last('PREROUTING'), stageId('routing-in')),
    flow(stageId('routing-in'), first('INPUT')),
    flow(stageId('routing-in'), first('FORWARD')),
    flow(last('INPUT'), stageId('local-process')),
    flow(stageId('local-process'), first('OUTPUT')),
    flow(last('OUTPUT'), stageId('routing-out')),
    flow(stageId('routing-out'), first('POSTROUTING')),
    flow(last('FORWARD'), first('POSTROUTING')),
    flow(last('POSTROUTING'), stageId('network-out')),
  );
  return edges;
}
