import { MarkerType, type Edge, type Node, type NodeHandle } from '@xyflow/react';
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
import { IN_HANDLE, OUT_HANDLE, ruleHandleKeys } from '../../graph/handles.ts';
import { nodeHandles } from './node-handles.tsx';
import { nodeName } from './node-name.ts';

// React Flow wants `data` to be a plain record, so these are type aliases, not interfaces.
type NodeData = {
  /** Its handles, as the node's `handles` gives them to React Flow (nodeHandles). */
  readonly handles: readonly NodeHandle[];
};
type RuleNodeData = NodeData & {
  /** The busiest rule's packet counter in the whole graph: heat is relative to it. */
  readonly heatMax: bigint;
};
export type StageData = NodeData & { readonly graphNode: StageNode };
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
  const ruleKeys = ruleHandleKeys(graph);
  return graph.nodes.map((graphNode): FlowNode => {
    const handles = nodeHandles(graphNode, ruleKeys.get(graphNode.id));
    const base = {
      id: graphNode.id,
      position: graphNode.position,
      // Explicit sizes and handles: React Flow needs to measure no node before it fits the
      // view, leaves out nodes outside it, or draws edges from rows that are not in yet.
      width: graphNode.size.width,
      height: graphNode.size.height,
      measured: graphNode.size,
      handles,
      ariaLabel: nodeAriaLabel(graphNode, t),
    };
    switch (graphNode.kind) {
      case 'stage':
        return { ...base, type: 'stage', data: { graphNode, handles } };
      case 'hook':
        return { ...base, type: 'hook', data: { graphNode, heatMax, handles } };
      case 'chain':
        return { ...base, type: 'chain', data: { graphNode, heatMax, handles } };
    }
  });
}

/** The Graph's edges for React Flow, each drawn after its kind (styles.css `.edge-*`). */
export function toFlowEdges(graph: Graph, t: TFunction): Edge[] {
  const names = new Map(graph.nodes.map((node) => [node.id, nodeName(node, t)]));
  const handles = ruleHandleKeys(graph);
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
