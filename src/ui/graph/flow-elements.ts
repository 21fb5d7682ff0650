import { MarkerType, type Edge, type Node } from '@xyflow/react';
import type { TFunction } from '../i18n/i18n.ts';
import type {
  ChainNode,
  EdgeKind,
  Graph,
  GraphNode,
  HookTableNode,
  StageNode,
} from '../../graph/types.ts';
import { maxPackets } from './heat.ts';
import { nodeName } from './node-name.ts';

/** The handle ids every node has besides its rule lines' handles. */
export const IN_HANDLE = 'in';
export const OUT_HANDLE = 'out';

// React Flow wants `data` to be a plain record, so these are type aliases, not interfaces.
type RuleNodeData = {
  /** The busiest rule's packet counter in the whole graph: heat is relative to it. */
  readonly heatMax: bigint;
  /** Rule lines that have an edge leaving them, and so need a handle. */
  readonly ruleHandles: ReadonlySet<string>;
};
export type StageData = { readonly graphNode: StageNode };
export type HookData = RuleNodeData & { readonly graphNode: HookTableNode };
export type ChainData = RuleNodeData & { readonly graphNode: ChainNode };

export type StageFlowNode = Node<StageData, 'stage'>;
export type HookFlowNode = Node<HookData, 'hook'>;
export type ChainFlowNode = Node<ChainData, 'chain'>;
export type FlowNode = StageFlowNode | HookFlowNode | ChainFlowNode;

/** The name a screen reader announces for a node: what it is, what it stands for, how big. */
export function nodeAriaLabel(node: GraphNode, t: TFunction): string {
  switch (node.kind) {
    case 'stage':
      return nodeName(node, t);
    case 'hook':
      return t('graph.node.hook', {
        table: node.table,
        hook: node.hook,
        policy: node.policy ?? 'ACCEPT',
        count: node.ruleCount ?? node.rules.length,
      });
    case 'chain':
      return node.label === undefined
        ? t('graph.node.chain', { chain: node.chain, count: node.ruleCount ?? node.rules.length })
        : t('graph.node.labelledChain', {
            chain: node.chain,
            label: node.label,
            count: node.ruleCount ?? node.rules.length,
          });
  }
}

/**
 * The Graph as React Flow nodes. Built once per Graph (never per frame): the
 * selection and search highlights reach the nodes through the store and a
 * context instead, so picking a rule does not rebuild the list.
 */
export function toFlowNodes(graph: Graph, t: TFunction): FlowNode[] {
  const heatMax = maxPackets(graph.nodes);
  const handles = ruleHandles(graph);
  const none: ReadonlySet<string> = new Set();
  return graph.nodes.map((graphNode): FlowNode => {
    const base = {
      id: graphNode.id,
      position: graphNode.position,
      // Explicit sizes let React Flow skip nodes outside the viewport before measuring them.
      width: graphNode.size.width,
      height: graphNode.size.height,
      ariaLabel: nodeAriaLabel(graphNode, t),
    };
    switch (graphNode.kind) {
      case 'stage':
        return { ...base, type: 'stage', data: { graphNode } };
      case 'hook':
        return {
          ...base,
          type: 'hook',
          data: { graphNode, heatMax, ruleHandles: handles.get(graphNode.id) ?? none },
        };
      case 'chain':
        return {
          ...base,
          type: 'chain',
          data: { graphNode, heatMax, ruleHandles: handles.get(graphNode.id) ?? none },
        };
    }
  });
}

/** Rule keys with an edge leaving them, by node; a collapsed chain shows no rule lines. */
function ruleHandles(graph: Graph): Map<string, Set<string>> {
  const collapsed = new Set(
    graph.nodes.filter((node) => node.kind === 'chain' && node.collapsed).map((node) => node.id),
  );
  const byNode = new Map<string, Set<string>>();
  for (const edge of graph.edges) {
    if (edge.sourceRule === undefined || collapsed.has(edge.source)) continue;
    const keys = byNode.get(edge.source) ?? new Set<string>();
    keys.add(edge.sourceRule);
    byNode.set(edge.source, keys);
  }
  return byNode;
}

/** The Graph's edges for React Flow, each drawn after its kind (styles.css `.edge-*`). */
export function toFlowEdges(graph: Graph, t: TFunction): Edge[] {
  const names = new Map(graph.nodes.map((node) => [node.id, nodeName(node, t)]));
  const handles = ruleHandles(graph);
  return graph.edges.map((edge) => {
    const fromRule =
      edge.sourceRule !== undefined && handles.get(edge.source)?.has(edge.sourceRule) === true;
    return {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      sourceHandle: fromRule ? edge.sourceRule : OUT_HANDLE,
      targetHandle: IN_HANDLE,
      type: EDGE_TYPE[edge.kind],
      className: `edge-${edge.kind}`,
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      ariaLabel: t(`graph.edge.${edge.kind}`, {
        from: names.get(edge.source) ?? edge.source,
        to: names.get(edge.target) ?? edge.target,
      }),
      focusable: false,
      selectable: false,
    };
  });
}

/** The packet's own path runs in straight steps; jumps curve out of their rule line. */
const EDGE_TYPE: Readonly<Record<EdgeKind, string>> = {
  flow: 'smoothstep',
  jump: 'default',
  goto: 'default',
  return: 'default',
};
