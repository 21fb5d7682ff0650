/**
 * Ruleset → Graph: the pipeline with each hook's tables, the user chains the
 * view can draw, the edges between them, and a domain layout.
 */
import type { Ruleset } from '../domain/model/ruleset.ts';
import { analyseRuleset } from './analysis.ts';
import { chainLabel } from './chain-labels.ts';
import { chainRole, isPerServiceChain } from './chain-role.ts';
import { layoutDomain } from './domain-layout.ts';
import { chainId, stageId } from './ids.ts';
import { HOOKS, hookTables, pipelineEdges, STAGES } from './pipeline.ts';
import { rowCount } from './rows.ts';
import { chainLines } from './rule-lines.ts';
import type { IndexedChain, RulesetIndex } from './ruleset-index.ts';
import { chainById } from './ruleset-index.ts';
import { nodeSize, STAGE_SIZE } from './sizes.ts';
import type {
  ChainNode,
  Graph,
  GraphEdge,
  GraphNode,
  HookTableNode,
  NodeId,
  StageNode,
} from './types.ts';
import { visibility } from './visibility.ts';

export interface BuildGraphOptions {
  /** A Service's key from servicesOf (or one of its chains): show its chains only. */
  readonly focus?: string;
  /** Chains to show although a big dump hides them, with every chain they jump to. */
  readonly expanded?: ReadonlySet<NodeId>;
  /**
   * At most this many nodes in all (default 500), the pipeline's stages and
   * hook tables included: what a view can mount is bounded by nodes, of
   * whatever kind. The pipeline is always drawn, so the chains get what it
   * leaves; chains past that are counted in `hiddenCount`.
   */
  readonly maxNodes?: number;
  /** Chains drawn as their header only. */
  readonly collapsed?: ReadonlySet<NodeId>;
  /** The graph on screen before: its chains keep their positions (see layoutDomain). */
  readonly previous?: Graph;
}

export const DEFAULT_MAX_NODES = 500;

/** The stages and every table at every hook: drawn whatever the dump holds. */
export const PIPELINE_NODE_COUNT =
  STAGES.length + HOOKS.reduce((sum, hook) => sum + hookTables(hook).length, 0);

const ORIGIN = { x: 0, y: 0 };

function stageNodes(): StageNode[] {
  return STAGES.map((stage) => ({
    kind: 'stage',
    id: stageId(stage),
    stage,
    position: ORIGIN,
    size: STAGE_SIZE,
  }));
}

/** Every table at every hook, whether the dump has it or not: the kernel runs them all. */
function hookNodes(
  index: RulesetIndex,
  shownIn: (table: string) => ReadonlySet<string>,
): HookTableNode[] {
  const nodes: HookTableNode[] = [];
  for (const hook of HOOKS) {
    for (const table of hookTables(hook)) {
      const id = chainId(table, hook);
      const entry = chainById(index, id);
      const body = entry ? chainLines(entry, index, shownIn(table)) : { rules: [] };
      const policy = entry?.chain.policy;
      nodes.push({
        kind: 'hook',
        id,
        hook,
        table,
        hasRules: (entry?.chain.rules.length ?? 0) > 0,
        policy: policy ?? 'ACCEPT',
        ...(policy ? {} : { policyAssumed: true }),
        ...body,
        position: ORIGIN,
        size: nodeSize(rowCount(body, true), false),
      });
    }
  }
  return nodes;
}

/** A jump or goto edge from each shown line whose target is shown. */
function jumpEdges(nodes: readonly GraphNode[], isShown: (id: NodeId) => boolean): GraphEdge[] {
  const edges: GraphEdge[] = [];
  for (const node of nodes) {
    if (node.kind === 'stage') continue;
    for (const line of node.rules) {
      if (line.targetId === undefined || !isShown(line.targetId)) continue;
      const kind = line.goto ? 'goto' : 'jump';
      edges.push({
        id: `${kind}:${line.key}`,
        kind,
        source: node.id,
        sourceRule: line.key,
        target: line.targetId,
      });
    }
  }
  return edges;
}

/**
 * The netfilter graph of a ruleset, laid out by the domain layout.
 *
 * @example
 *   const { ruleset } = parseDump(SEED_SAVE);
 *   const graph = buildGraph(ruleset);
 *   graph.nodes.find((n) => n.id === 'nat/KUBE-SVC-I64SNEMOLCWHJHS3');
 *   // { kind: 'chain', label: 'default/nginx-service-nodeport', role: 'service', … }
 *   buildGraph(big, { focus: 'ns1/svc1:http' }); // only that Service's chains and the way to them
 */
export function buildGraph(ruleset: Ruleset, options: BuildGraphOptions = {}): Graph {
  const analysis = analyseRuleset(ruleset);
  const { index } = analysis;
  const { shown, hiddenCount } = visibility(analysis, {
    ...(options.focus === undefined ? {} : { focus: options.focus }),
    ...(options.expanded ? { expanded: options.expanded } : {}),
    maxChains: Math.max(0, (options.maxNodes ?? DEFAULT_MAX_NODES) - PIPELINE_NODE_COUNT),
  });
  const isShown = (id: NodeId): boolean => shown.has(id);
  // The shown chains' names in each table: what a long chain's rules are checked against.
  const shownNames = new Map<string, Set<string>>();
  for (const id of shown) {
    const { table, chain } = chainById(index, id) as IndexedChain;
    let names = shownNames.get(table.name);
    if (!names) shownNames.set(table.name, (names = new Set()));
    names.add(chain.name);
  }
  const none: ReadonlySet<string> = new Set();
  const shownIn = (table: string): ReadonlySet<string> => shownNames.get(table) ?? none;

  const chains: ChainNode[] = [...shown].sort().map((id) => {
    const entry = chainById(index, id) as IndexedChain;
    const body = chainLines(entry, index, shownIn(entry.table.name));
    const collapsed = options.collapsed?.has(id) ?? false;
    return {
      kind: 'chain',
      id,
      table: entry.table.name,
      chain: entry.chain.name,
      // Only per-Service chains have a group: the others leave the groups unworked.
      ...chainLabel(
        entry,
        index,
        isPerServiceChain(entry.chain.name) ? analysis.groups.groupOf[entry.slot] : undefined,
      ),
      role: chainRole(entry.chain.name),
      ...body,
      collapsed,
      position: ORIGIN,
      size: nodeSize(rowCount(body, false), collapsed),
    };
  });
  const nodes: GraphNode[] = [...stageNodes(), ...hookNodes(index, shownIn), ...chains];
  const graph: Graph = {
    nodes,
    edges: [...pipelineEdges(), ...jumpEdges(nodes, isShown)],
    hiddenCount,
  };
  return layoutDomain(graph, options.previous ? { previous: options.previous } : {});
}
