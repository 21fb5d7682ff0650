import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  type Node,
  type NodeMouseHandler,
} from '@xyflow/react';
import { useCallback, useMemo, type CSSProperties, type KeyboardEvent } from 'react';
import { useTranslation } from '../i18n/use-translation.tsx';
import { HEADER_HEIGHT, LINE_HEIGHT } from '../../graph/sizes.ts';
import type { Graph } from '../../graph/types.ts';
import type { Theme } from '../../store/settings-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { MAX_ZOOM, MIN_ZOOM } from './drawn-view.ts';
import { FIT_VIEW, FitOnChange } from './fit-on-change.tsx';
import { flowAriaLabels } from './flow-labels.ts';
import { toFlowEdges, toFlowNodes } from './flow-elements.ts';
import { GraphHighlightContext, type GraphHighlight } from './graph-highlight.ts';
import { onGraphKey } from './graph-keys.ts';
import { nearestNode } from './nearest-node.ts';
import { NODE_TYPES } from './node-types.ts';
import { PlayOverlay } from './play-overlay.tsx';
import { nodeSelector } from './node-selector.ts';
import { Reveal } from './reveal.tsx';

interface GraphCanvasProps {
  graph: Graph;
  /** Goes up when a layout arrives for a graph already shown: the view fits it again. */
  layoutRound?: number;
  highlight: GraphHighlight;
  theme: Theme;
}

/**
 * The React Flow view of a Graph: pan, zoom, fit, a minimap. Nodes come with
 * their sizes, so only those in view are mounted. Nodes are not dragged or
 * connected: the layout says how packets flow, and the rules cannot be edited here.
 */
export function GraphCanvas({ graph, layoutRound = 0, highlight, theme }: GraphCanvasProps) {
  const { t } = useTranslation();
  const nodes = useMemo(() => toFlowNodes(graph, t), [graph, t]);
  const edges = useMemo(() => toFlowEdges(graph, t), [graph, t]);
  const ariaLabelConfig = useMemo(() => flowAriaLabels(t), [t]);
  const select = useKpvizStore((state) => state.select);
  const jumpTo = useKpvizStore((state) => state.jumpTo);

  const onNodeClick: NodeMouseHandler = useCallback(
    (_, node) => select({ node: node.id }),
    [select],
  );
  const onPaneClick = useCallback(() => select(null), [select]);
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      const container = event.currentTarget;
      onGraphKey(event, {
        select: (selection, reveal) => (reveal ? jumpTo(selection) : select(selection)),
        move: (from, direction) => {
          const next = nearestNode(graph.nodes, from, direction);
          if (next === undefined) return false;
          jumpTo({ node: next });
          focusWhenMounted(container, next);
          return true;
        },
      });
    },
    [graph, select, jumpTo],
  );

  return (
    <GraphHighlightContext value={highlight}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onlyRenderVisibleElements
        fitView
        fitViewOptions={FIT_VIEW}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        // An edge says nothing its rule line does not, and does nothing: no Tab stop of its own.
        edgesFocusable={false}
        // React Flow listens for these on the whole window and cancels their default: Space
        // would no longer open a <summary> or scroll the page. Nothing here is panned by key,
        // selected, multi-selected or deleted.
        panActivationKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        deleteKeyCode={null}
        colorMode={theme}
        ariaLabelConfig={ariaLabelConfig}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        onKeyDown={onKeyDown}
        aria-label={t('graph.label')}
        style={ROW_HEIGHTS}
      >
        <Background />
        <MiniMap pannable zoomable nodeClassName={minimapClass} />
        <Controls showInteractive={false} fitViewOptions={FIT_VIEW} />
        <Reveal graph={graph} />
        <PlayOverlay graph={graph} />
        <FitOnChange graph={graph} layoutRound={layoutRound} />
      </ReactFlow>
    </GraphHighlightContext>
  );
}

/** The builder's row heights, for the node stylesheet: edges leave rules where the layout put them. */
const ROW_HEIGHTS = {
  '--gnode-header': `${HEADER_HEIGHT}px`,
  '--rule-line': `${LINE_HEIGHT}px`,
} as CSSProperties;

const minimapClass = (node: Node): string => `minimap-${node.type ?? 'node'}`;

/**
 * Moves keyboard focus to a node once React Flow has mounted it: with only the
 * visible nodes rendered, the one an arrow key leads to may not exist until the
 * view has moved to it.
 */
function focusWhenMounted(container: HTMLElement, id: string, frames = 30): void {
  const node = container.querySelector<HTMLElement>(nodeSelector(id));
  if (node) node.focus();
  else if (frames > 0) requestAnimationFrame(() => focusWhenMounted(container, id, frames - 1));
}
