/**
 * The graph view's graph as an SVG drawing: laid out, worded and coloured as on screen.
 */
import type { TFunction } from '../i18n/i18n.ts';
import { layoutGraph } from '../../graph/choose-layout.ts';
import { drawingOf, type DrawingMarks, type DrawingWords } from '../../graph/export-drawing.ts';
import { PALETTE_VARS, type SvgDrawing, type SvgPalette } from '../../graph/export-svg.ts';
import { playMarks, stepSpot } from '../../graph/play-spot.ts';
import { chainId } from '../../graph/ids.ts';
import type { Graph } from '../../graph/types.ts';
import type { SearchResult } from '../../session/protocol.ts';
import type { Playback } from '../../store/playback-slice.ts';
import { nodeName } from '../graph/node-name.ts';
import { searchHighlight } from '../graph/graph-highlight.ts';

/** The node's words as the graph view writes them (node-body.tsx, flow-elements.ts). */
export function drawingWords(t: TFunction): DrawingWords {
  return {
    name: (node) => nodeName(node, t),
    gap: (from, to) => t('graph.gap', { from, to, count: to - from + 1 }),
    noRules: t('graph.noRules'),
    noTarget: t('graph.noTarget'),
    goto: t('graph.goto'),
    policy: (node, policy) =>
      t(node.policyAssumed === true ? 'graph.policyAssumed' : 'chain.policy', { policy }),
    uncertain: (reasons) => t('graph.uncertain', { reasons }),
  };
}

/**
 * The theme's colours and fonts as they are now (light, dark or high contrast: styles.css and
 * contrast.css set the variables on <html>). A page without the stylesheet (a unit test) gets
 * plain grey and the generic font families.
 */
export function readPalette(root: Element = document.documentElement): SvgPalette {
  const style = getComputedStyle(root);
  const fallback = (name: string) =>
    name === 'font-mono' ? 'monospace' : name === 'font-sans' ? 'sans-serif' : 'gray';
  return Object.fromEntries(
    PALETTE_VARS.map((name) => [
      name,
      style.getPropertyValue(`--${name}`).trim() || fallback(name),
    ]),
  ) as SvgPalette;
}

/** What the graph view marks on the graph: the step played, and the search's finds. */
export interface ViewMarks {
  readonly playback: Playback;
  readonly step: number;
  readonly search: SearchResult;
}

/**
 * The marks on the laid-out graph as the view shows them (play-overlay.tsx's stylesheet and
 * marker, graph-view.tsx's search highlight).
 */
export function drawingMarks(graph: Graph, { playback, step, search }: ViewMarks): DrawingMarks {
  const highlight = searchHighlight(search);
  const found = { foundRules: highlight.rules, foundNodes: highlight.nodes };
  if (playback.status !== 'ready') return found;
  const { frames, legs } = playback;
  const frame = frames[step];
  const spot = stepSpot(graph, frames, step, (leg) => legs[leg]?.from === 'local');
  const { passed, taken } = playMarks(frames, step);
  return {
    ...found,
    ...(spot === undefined ? {} : { spot }),
    ruleStep: frame?.step.kind === 'rule',
    ...(frame?.hook !== undefined && frame.table !== undefined
      ? { hook: chainId(frame.table, frame.hook) }
      : {}),
    passed: new Set(passed),
    taken: new Set(taken),
    reply: frame?.role === 'reply',
  };
}

/**
 * The graph as the graph view draws it, ready for svgDocument: laid out as useLaidOut lays it
 * out (the same positions and sizes React Flow's nodes get), in the theme on screen, with
 * the step played and the search's finds marked as on screen.
 *
 * @example
 *   const svg = svgDocument(await graphDrawing(state.graph, null, t, state));
 */
export async function graphDrawing(
  graph: Graph,
  focusLabel: string | null,
  t: TFunction,
  marks?: ViewMarks,
): Promise<SvgDrawing> {
  const laidOut = await layoutGraph(graph);
  return {
    title:
      focusLabel === null
        ? t('export.svgTitle')
        : t('export.svgTitleFocused', { service: focusLabel }),
    palette: readPalette(),
    ...drawingOf(laidOut, drawingWords(t), marks && drawingMarks(laidOut, marks)),
  };
}
