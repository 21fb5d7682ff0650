/**
 * The graph as a standalone SVG document: boxes with lines of text and the edges between
 * them, drawn as the graph view draws them. Everything it needs is inside the file (colours
 * and fonts in a <style>, system font names only), so it opens anywhere and fetches nothing.
 */
import { HEADER_HEIGHT, LINE_HEIGHT } from './sizes.ts';
import type { EdgeKind, Position } from './types.ts';

/**
 * The app's theme variables the drawing uses, by their CSS names less `--` (styles.css): the
 * page reads them as they are when the user exports, so the file has the theme on screen.
 */
export const PALETTE_VARS = [
  'surface',
  'surface-alt',
  'text',
  'muted',
  'border',
  'error',
  'role-entry',
  'role-service',
  'role-endpoint',
  'role-mark',
  'role-filter',
  'role-other',
  'match',
  'match-bg',
  'play-color',
  'play-current',
  'play-taken',
  'play-reply',
  'font-sans',
  'font-mono',
] as const;

export type SvgPalette = Readonly<Record<(typeof PALETTE_VARS)[number], string>>;

/** A box's left stripe: one of the chain-kind colours, or the plain border of an idle hook. */
export type Accent = 'entry' | 'service' | 'endpoint' | 'mark' | 'filter' | 'other' | 'plain';

/** How a run of text looks: a chain's or target's name, matches, muted, a note, a DROP. */
export type SpanStyle = 'name' | 'code' | 'muted' | 'note' | 'drop' | 'uncertain';

export interface SvgSpan {
  readonly text: string;
  readonly style?: SpanStyle;
}

/**
 * One body row (LINE_HEIGHT high); `tooltip` is the full rule text, `end` aligns it right.
 * `mark`: the played step's rule, a rule the packet took or passed over, a find of the search.
 */
export interface SvgRow {
  /** The rule's key (`nat/KUBE-SERVICES#2`), written as `data-rule`, for a view that marks it. */
  readonly key?: string;
  readonly spans: readonly SvgSpan[];
  readonly tooltip?: string;
  readonly end?: boolean;
  readonly mark?: 'current' | 'taken' | 'passed' | 'found';
}

/** A node: a pill (a stage of the pipeline) or a chain's box with a header and rows. */
export interface SvgBox {
  /** The Graph's node id (written as `data-node`, for a view that finds its boxes). */
  readonly id?: string;
  readonly kind: 'stage' | 'chain';
  readonly position: Position;
  readonly width: number;
  readonly height: number;
  readonly accent: Accent;
  /** A hook with rules stands out with a ring in its accent; one without is muted. */
  readonly emphasis?: 'strong' | 'dim';
  readonly header: readonly SvgSpan[];
  /** Right of the header: the chain's number of rules. */
  readonly count?: string;
  readonly rows: readonly SvgRow[];
  /** The played step's chain, the table at its hook, or a find of the search. */
  readonly ring?: 'current' | 'hook' | 'found';
}

/** The played packet's marker: its centre, in graph coordinates. */
export interface SvgMarker {
  readonly x: number;
  readonly y: number;
  /** The reply's marker has a colour of its own. */
  readonly reply: boolean;
}

const idAttribute = (name: string, id: string | undefined): string =>
  id === undefined ? '' : ` ${name}="${escapeXml(id)}"`;

/** An edge from a source handle to a target handle, in graph coordinates. */
export interface SvgEdge {
  /** The Graph's edge id, so a view can find the edge's path (the player's marker follows it). */
  readonly id?: string;
  readonly kind: EdgeKind;
  readonly from: Position;
  readonly to: Position;
}

export interface SvgDrawing {
  readonly title: string;
  readonly palette: SvgPalette;
  readonly boxes: readonly SvgBox[];
  readonly edges: readonly SvgEdge[];
  readonly marker?: SvgMarker;
  /** Pixels per graph unit in the document's width and height (a PNG's); 1 by default. */
  readonly scale?: number;
}

/** Room around the drawing. */
const MARGIN = 24;
const RADIUS = 6;
/** Where text starts: past the 4 px accent stripe and half an em, as the view's rows. */
const TEXT_LEFT = 10;
const EDGE_KINDS: readonly EdgeKind[] = ['flow', 'jump', 'goto', 'return'];

// Characters XML 1.0 has no place for, escaped or not: the C0 controls but tab and line breaks.
const XML_INVALID = /[^\t\n\r\u0020-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_SPECIAL: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Text made safe for XML content and attribute values.
 *
 * @example
 *   escapeXml('--comment "a<b"'); // '--comment &quot;a&lt;b&quot;'
 */
export function escapeXml(text: string): string {
  return text.replace(XML_INVALID, '').replace(/[&<>"']/g, (c) => XML_SPECIAL[c] ?? c);
}

const num = (n: number): string => String(Math.round(n * 100) / 100);

/** The control points of an edge's path: what its shape bends through. */
function edgePoints({ kind, from, to }: SvgEdge): Position[] {
  if (kind === 'flow') {
    // React Flow's smoothstep: out to the right, across, and in from the left.
    if (to.x - from.x >= 40) {
      const mid = (from.x + to.x) / 2;
      return [from, { x: mid, y: from.y }, { x: mid, y: to.y }, to];
    }
    const midY = (from.y + to.y) / 2;
    return [
      from,
      { x: from.x + 20, y: from.y },
      { x: from.x + 20, y: midY },
      { x: to.x - 20, y: midY },
      { x: to.x - 20, y: to.y },
      to,
    ];
  }
  // React Flow's bezier from a right handle to a left one (curvature 0.25).
  const distance = to.x - from.x;
  const offset = distance >= 0 ? distance / 2 : 0.25 * 25 * Math.sqrt(-distance);
  return [from, { x: from.x + offset, y: from.y }, { x: to.x - offset, y: to.y }, to];
}

/** The `d` of an edge's path, as React Flow draws that kind of edge. */
export function edgePathData(edge: SvgEdge): string {
  const points = edgePoints(edge).map((p) => `${num(p.x)},${num(p.y)}`);
  const [start, ...rest] = points;
  return edge.kind === 'flow' ? `M${start} L${rest.join(' L')}` : `M${start} C${rest.join(' ')}`;
}

function edgePath(edge: SvgEdge): string {
  const id = idAttribute('data-id', edge.id);
  return `<path class="edge edge-${edge.kind}"${id} d="${edgePathData(edge)}" marker-end="url(#arrow-${edge.kind})"/>`;
}

function spans(list: readonly SvgSpan[]): string {
  return list
    .filter((span) => span.text !== '')
    .map((span, i) => {
      const text = escapeXml(i === 0 ? span.text : ` ${span.text}`);
      return span.style === undefined ? text : `<tspan class="${span.style}">${text}</tspan>`;
    })
    .join('');
}

function chainBox(box: SvgBox, index: number): string {
  const { width: w, height: h } = box;
  const clip = `clip-${String(index)}`;
  const rows = box.rows.map((row, i) => {
    const top = HEADER_HEIGHT + i * LINE_HEIGHT;
    const x = row.end === true ? w - TEXT_LEFT : TEXT_LEFT;
    const anchor = row.end === true ? ' text-anchor="end"' : '';
    const rule =
      i > 0 ? `<line class="row-rule" x1="0" x2="${num(w)}" y1="${top}" y2="${top}"/>` : '';
    const tooltip = row.tooltip === undefined ? '' : `<title>${escapeXml(row.tooltip)}</title>`;
    // A rule's line has its band, lit by its mark (here, or by a view's stylesheet).
    const lit =
      row.key === undefined && (row.mark === undefined || row.mark === 'passed')
        ? ''
        : `<rect class="lit" y="${top}" width="${num(w)}" height="${LINE_HEIGHT}"/>`;
    const text = `<text x="${x}" y="${top + LINE_HEIGHT / 2}"${anchor}>${spans(row.spans)}</text>`;
    const classes = row.mark === undefined ? '' : ` class="mark-${row.mark}"`;
    return `<g${classes}${idAttribute('data-rule', row.key)}>${tooltip}${rule}${lit}${text}</g>`;
  });
  const count =
    box.count === undefined
      ? ''
      : `<text class="muted" x="${num(w - 6)}" y="${HEADER_HEIGHT / 2}" text-anchor="end">${escapeXml(box.count)}</text>`;
  // The name and label stop short of the count (about 7 px a digit), as the view's ellipsis does.
  const headerWidth = w - 16 - (box.count?.length ?? 0) * 7;
  const classes = [
    'node',
    `accent-${box.accent}`,
    box.emphasis ?? '',
    box.ring === undefined ? '' : `ring-${box.ring}`,
  ]
    .join(' ')
    .replace(/ +/g, ' ')
    .trim();
  return [
    `<g class="${classes}"${idAttribute('data-node', box.id)} transform="translate(${num(box.position.x)},${num(box.position.y)})">`,
    `<clipPath id="${clip}"><rect width="${num(w)}" height="${num(h)}" rx="${RADIUS}"/></clipPath>`,
    `<g clip-path="url(#${clip})">`,
    `<rect class="body" width="${num(w)}" height="${num(h)}"/>`,
    `<rect class="head" width="${num(w)}" height="${HEADER_HEIGHT}"/>`,
    `<svg width="${num(headerWidth)}" height="${HEADER_HEIGHT}">`,
    `<text x="${TEXT_LEFT}" y="${HEADER_HEIGHT / 2}">${spans(box.header)}</text>`,
    '</svg>',
    count,
    ...rows,
    // Over the rows' rules, as the view's border-left is.
    `<rect class="stripe" width="4" height="${num(h)}"/>`,
    '</g>',
    `<rect class="ring" width="${num(w)}" height="${num(h)}" rx="${RADIUS}"/>`,
    '</g>',
  ].join('');
}

function stageBox(box: SvgBox): string {
  const { position: p, width: w, height: h } = box;
  const classes = box.ring === undefined ? 'stage' : `stage ring-${box.ring}`;
  return [
    `<g class="${classes}"${idAttribute('data-node', box.id)} transform="translate(${num(p.x)},${num(p.y)})">`,
    `<rect width="${num(w)}" height="${num(h)}" rx="${num(h / 2)}"/>`,
    `<text x="${num(w / 2)}" y="${num(h / 2)}" text-anchor="middle">${spans(box.header)}</text>`,
    '</g>',
  ].join('');
}

/**
 * The drawing's stylesheet in `p`'s colours and fonts; with a `scope`, every rule applies inside
 * that selector only (a page that shows the drawing among its own elements).
 *
 * @example
 *   drawingStyle(livePalette(), '.drawn-graph'); // '.drawn-graph .background{fill:var(--surface)}…'
 */
export function drawingStyle(p: SvgPalette, scope?: string): string {
  const css = stylesheet(p);
  if (scope === undefined) return css;
  return css
    .split('\n')
    .map((rule) => {
      const open = rule.indexOf('{');
      const selectors = rule.slice(0, open).split(',');
      return `${selectors.map((selector) => `${scope} ${selector}`).join(',')}${rule.slice(open)}`;
    })
    .join('\n');
}

/** The palette as the page's own theme variables: a drawing shown in the page follows its theme. */
export function livePalette(): SvgPalette {
  return Object.fromEntries(PALETTE_VARS.map((name) => [name, `var(--${name})`])) as SvgPalette;
}

export type RowMark = NonNullable<SvgRow['mark']>;
export type BoxRing = NonNullable<SvgBox['ring']>;
/** In the order their rules are written: a later one wins where two meet. */
const ROW_MARKS: readonly RowMark[] = ['found', 'taken', 'current', 'passed'];
const BOX_RINGS: readonly BoxRing[] = ['found', 'hook', 'current'];

/**
 * The rules that draw `mark` on the rows `row` selects (`.mark-taken` in the export, a
 * `[data-rule=…]` in a view that marks a drawing as a packet plays): its band, its text.
 */
export function rowMarkCss(p: SvgPalette, mark: RowMark, row: string): string[] {
  switch (mark) {
    case 'found':
      return [`${row} .lit{fill:${p['match-bg']}}`];
    case 'taken':
      return [`${row} .lit{fill:${p['play-taken']}}`];
    case 'current':
      return [`${row} .lit{fill:${p['play-current']}}`, `${row} text{font-weight:600}`];
    case 'passed':
      return [`${row} text{fill:${p.muted};text-decoration:line-through}`];
  }
}

/**
 * The rule that rings the boxes `box` selects (a chain's ring, a stage's pill) for `ring`,
 * inside `scope` when given.
 */
export function ringCss(p: SvgPalette, ring: BoxRing, box: string, scope?: string): string {
  const inside = scope === undefined ? '' : `${scope} `;
  const stroke = {
    found: `stroke:${p.match};stroke-width:3`,
    hook: `stroke:${p['play-color']};stroke-width:2;stroke-dasharray:6 3`,
    current: `stroke:${p['play-color']};stroke-width:3`,
  }[ring];
  return `${inside}${box} .ring,${inside}.stage${box} rect{${stroke}}`;
}

function stylesheet(p: SvgPalette): string {
  const accents: [Accent, string][] = [
    ['entry', p['role-entry']],
    ['service', p['role-service']],
    ['endpoint', p['role-endpoint']],
    ['mark', p['role-mark']],
    ['filter', p['role-filter']],
    ['other', p['role-other']],
    ['plain', p.border],
  ];
  return [
    `.background{fill:${p.surface}}`,
    `text{font-family:${p['font-sans']};font-size:11px;fill:${p.text};dominant-baseline:central}`,
    `.name,.code{font-family:${p['font-mono']}}`,
    `.name{font-weight:600}`,
    `.muted{fill:${p.muted}}`,
    `.note{fill:${p.muted};font-style:italic}`,
    `.drop{fill:${p.error};font-weight:600}`,
    `.body{fill:${p.surface}}`,
    `.head{fill:${p['surface-alt']}}`,
    `.row-rule{stroke:${p['surface-alt']}}`,
    `.ring{fill:none;stroke:${p.border}}`,
    `.dim text{fill:${p.muted}}`,
    `.strong .ring{stroke:${p['role-entry']};stroke-width:2}`,
    ...accents.map(([name, colour]) => `.accent-${name} .stripe{fill:${colour}}`),
    `.stage rect{fill:${p['surface-alt']};stroke:${p.border}}`,
    // The view's marks (graph.css .is-match, play-overlay.tsx's stylesheet, play.css).
    `.uncertain{fill:${p.error};font-weight:600}`,
    `.lit{fill:none}`,
    ...ROW_MARKS.flatMap((mark) => rowMarkCss(p, mark, `.mark-${mark}`)),
    ...BOX_RINGS.map((ring) => ringCss(p, ring, `.ring-${ring}`)),
    `.marker{fill:${p['play-color']};stroke:#fff;stroke-width:2}`,
    `.marker.reply{fill:${p['play-reply']}}`,
    `.stage text{font-size:13px}`,
    `.edge{fill:none}`,
    `.edge-flow{stroke:${p.text};stroke-width:2}`,
    `.edge-jump{stroke:${p['role-entry']};stroke-width:1.5}`,
    `.edge-goto{stroke:${p['role-service']};stroke-width:1.5;stroke-dasharray:8 3}`,
    `.edge-return{stroke:${p.muted};stroke-dasharray:2 4}`,
    `.arrow-flow{fill:${p.text}}`,
    `.arrow-jump{fill:${p['role-entry']}}`,
    `.arrow-goto{fill:${p['role-service']}}`,
    `.arrow-return{fill:${p.muted}}`,
  ].join('\n');
}

/** React Flow's closed arrow, one per kind of edge: a marker cannot take its edge's colour. */
const markers = (): string =>
  EDGE_KINDS.map(
    (kind) =>
      `<marker id="arrow-${kind}" viewBox="-10 -10 20 20" markerWidth="16" markerHeight="16" orient="auto-start-reverse"><path class="arrow-${kind}" d="M-5,-4 L0,0 L-5,4 Z"/></marker>`,
  ).join('');

/** The packet, over the boxes as the view's marker is. */
const markerCircle = ({ x, y, reply }: SvgMarker): string =>
  `<circle class="${reply ? 'marker reply' : 'marker'}" cx="${num(x)}" cy="${num(y)}" r="8"/>`;

/** The rectangle every box and every edge's bends lie in, with a margin. */
export function drawingBounds(drawing: Pick<SvgDrawing, 'boxes' | 'edges'>): {
  x: number;
  y: number;
  width: number;
  height: number;
} {
  const points: Position[] = drawing.edges.flatMap(edgePoints);
  for (const box of drawing.boxes) {
    points.push(box.position, {
      x: box.position.x + box.width,
      y: box.position.y + box.height,
    });
  }
  if (points.length === 0) return { x: 0, y: 0, width: 2 * MARGIN, height: 2 * MARGIN };
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = Math.floor(Math.min(...xs) - MARGIN);
  const y = Math.floor(Math.min(...ys) - MARGIN);
  return {
    x,
    y,
    width: Math.ceil(Math.max(...xs) + MARGIN - x),
    height: Math.ceil(Math.max(...ys) + MARGIN - y),
  };
}

/**
 * The drawing as an SVG document: a <title>, a <style> with the palette, a viewBox that
 * holds every box, the edges under the boxes as in the view.
 *
 * @example
 *   const svg = svgDocument({ title: 'kpviz', palette, boxes, edges });
 *   new DOMParser().parseFromString(svg, 'image/svg+xml');
 */
export function svgDocument(drawing: SvgDrawing): string {
  const { x, y, width, height } = drawingBounds(drawing);
  const scale = drawing.scale ?? 1;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(width * scale)}" height="${Math.round(height * scale)}" viewBox="${x} ${y} ${width} ${height}">`,
    `<title>${escapeXml(drawing.title)}</title>`,
    `<style>\n${escapeXml(stylesheet(drawing.palette))}\n</style>`,
    `<rect class="background" x="${x}" y="${y}" width="${width}" height="${height}"/>`,
    drawingMarkup(drawing),
    drawing.marker === undefined ? '' : markerCircle(drawing.marker),
    '</svg>',
    '',
  ].join('\n');
}

/**
 * The boxes and edges as SVG elements, edges under boxes as in the view, with the arrowheads
 * they use: the inside of svgDocument's drawing, for a view that draws the graph itself.
 */
export function drawingMarkup(drawing: Pick<SvgDrawing, 'boxes' | 'edges'>): string {
  return [
    `<defs>${markers()}</defs>`,
    `<g class="edges">${drawing.edges.map(edgePath).join('')}</g>`,
    `<g class="nodes">`,
    ...drawing.boxes.map((box, i) => (box.kind === 'stage' ? stageBox(box) : chainBox(box, i))),
    '</g>',
  ].join('\n');
}
