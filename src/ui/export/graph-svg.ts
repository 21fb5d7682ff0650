/**
 * The graph view's graph as an SVG drawing: laid out, worded and coloured as on screen.
 */
import type { TFunction } from '../i18n/i18n.ts';
import { layoutGraph } from '../../graph/choose-layout.ts';
import { drawingOf, type DrawingWords } from '../../graph/export-drawing.ts';
import { PALETTE_VARS, type SvgDrawing, type SvgPalette } from '../../graph/export-svg.ts';
import type { Graph } from '../../graph/types.ts';
import { nodeName } from '../graph/flow-elements.ts';

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

/**
 * The graph as the graph view draws it, ready for svgDocument: laid out as useLaidOut lays it
 * out (the same positions and sizes React Flow's nodes get), in the theme on screen.
 *
 * @example
 *   const svg = svgDocument(await graphDrawing(store.getState().graph, null, t));
 */
export async function graphDrawing(
  graph: Graph,
  focusLabel: string | null,
  t: TFunction,
): Promise<SvgDrawing> {
  const laidOut = await layoutGraph(graph);
  return {
    title:
      focusLabel === null
        ? t('export.svgTitle')
        : t('export.svgTitleFocused', { service: focusLabel }),
    palette: readPalette(),
    ...drawingOf(laidOut, drawingWords(t)),
  };
}
