/**
 * A laid-out Graph as the boxes and edges of an SVG drawing (export-svg.ts): each node where
 * React Flow places it (the view's nodes take their positions and sizes from the Graph as they
 * are), its header and body rows as the view writes them, and each edge between the handles
 * the view attaches it to. The words come translated from the UI.
 */
import {
  ringCss,
  rowMarkCss,
  type Accent,
  type SvgBox,
  type SvgEdge,
  type SvgMarker,
  type SvgPalette,
  type SvgRow,
  type SvgSpan,
} from './export-svg.ts';
import { cssString } from './ids.ts';
import type { PlaySpot } from './play-spot.ts';
import {
  handlePlaces,
  IN_HANDLE,
  OUT_HANDLE,
  ruleHandleKeys,
  type HandlePlace,
} from './handles.ts';
import { bodyRows } from './rows.ts';
import type { ChainRole, Graph, GraphNode, HookTableNode, NodeId, Position } from './types.ts';

/** What the drawing says in the UI's language. */
export interface DrawingWords {
  /** The node's name: a stage's, `nat PREROUTING`, a chain's. */
  readonly name: (node: GraphNode) => string;
  /** Rules `from`–`to` of a long chain left out. */
  readonly gap: (from: number, to: number) => string;
  readonly noRules: string;
  readonly noTarget: string;
  readonly goto: string;
  /** A built-in chain's last row: its policy (assumed, where the dump does not declare it). */
  readonly policy: (node: HookTableNode, policy: 'ACCEPT' | 'DROP') => string;
  /** A rule the simulator does not model in full, and why (the view's `?` badge). */
  readonly uncertain: (reasons: string) => string;
}

/**
 * What the graph view marks on the graph as it is exported: the step played (its chain and
 * rule, the table at its hook, the rules taken and passed over so far, the packet's marker)
 * and the search's finds. Rule keys and node ids as the Graph has them.
 */
export interface DrawingMarks {
  readonly spot?: PlaySpot;
  /** The spot's rule is the one the step looks at (a rule step), not one it sits by. */
  readonly ruleStep?: boolean;
  /** The table at the hook the step is at. */
  readonly hook?: NodeId;
  readonly taken?: ReadonlySet<string>;
  readonly passed?: ReadonlySet<string>;
  /** The packet is the reply: its marker has the reply's colour. */
  readonly reply?: boolean;
  readonly foundNodes?: ReadonlySet<string>;
  readonly foundRules?: ReadonlySet<string>;
}

/** How a rule line is marked, the step's own first, as the view's stylesheets layer them. */
function ruleMark(key: string, marks: DrawingMarks): SvgRow['mark'] {
  if (marks.ruleStep === true && marks.spot?.rule === key) return 'current';
  if (marks.taken?.has(key) === true) return 'taken';
  if (marks.passed?.has(key) === true) return 'passed';
  if (marks.foundRules?.has(key) === true) return 'found';
  return undefined;
}

/** How a node is ringed: the step's chain, the table at its hook, a find of the search. */
function nodeRing(id: NodeId, marks: DrawingMarks): SvgBox['ring'] {
  if (marks.spot?.node === id) return 'current';
  if (marks.hook === id) return 'hook';
  if (marks.foundNodes?.has(id) === true) return 'found';
  return undefined;
}

/** The view's colour for each kind of kube-proxy chain (graph.css `.role-*`). */
const ROLE_ACCENT: Readonly<Record<ChainRole, Accent>> = {
  services: 'entry',
  nodeports: 'entry',
  external: 'entry',
  service: 'service',
  local: 'service',
  endpoint: 'endpoint',
  mark: 'mark',
  postrouting: 'mark',
  firewall: 'filter',
  forward: 'filter',
  filter: 'filter',
  other: 'other',
};

function rowsOf(
  node: Exclude<GraphNode, { kind: 'stage' }>,
  words: DrawingWords,
  marks: DrawingMarks,
): SvgRow[] {
  return bodyRows(node).map((row): SvgRow => {
    switch (row.kind) {
      case 'rule': {
        const { rule } = row;
        const parts: SvgSpan[] = [];
        if (rule.goto) parts.push({ text: words.goto, style: 'muted' });
        parts.push({ text: rule.target === '' ? words.noTarget : rule.target, style: 'name' });
        if (rule.targetSummary !== undefined)
          parts.push({ text: rule.targetSummary, style: 'code' });
        parts.push({ text: rule.summary, style: 'code' });
        if (rule.comment !== undefined) parts.push({ text: rule.comment, style: 'note' });
        let tooltip = rule.text;
        if (rule.unsupported !== undefined) {
          parts.push({ text: '?', style: 'uncertain' });
          tooltip += `\n${words.uncertain(rule.unsupported.join('; '))}`;
        }
        const mark = ruleMark(rule.key, marks);
        return { key: rule.key, spans: parts, tooltip, ...(mark === undefined ? {} : { mark }) };
      }
      case 'gap':
        return { spans: [{ text: words.gap(row.from, row.to), style: 'note' }] };
      case 'empty':
        return { spans: [{ text: words.noRules, style: 'note' }] };
      case 'policy':
        return {
          spans: [
            {
              text: node.kind === 'hook' ? words.policy(node, row.policy) : row.policy,
              style: row.policy === 'DROP' ? 'drop' : 'muted',
            },
          ],
          end: true,
        };
    }
  });
}

function boxOf(node: GraphNode, words: DrawingWords, marks: DrawingMarks): SvgBox {
  const ring = nodeRing(node.id, marks);
  const place = {
    id: node.id,
    position: node.position,
    width: node.size.width,
    height: node.size.height,
    ...(ring === undefined ? {} : { ring }),
  };
  if (node.kind === 'stage') {
    return {
      kind: 'stage',
      ...place,
      accent: 'plain',
      header: [{ text: words.name(node) }],
      rows: [],
    };
  }
  const count = String(node.ruleCount ?? node.rules.length);
  const rows = rowsOf(node, words, marks);
  if (node.kind === 'hook') {
    return {
      kind: 'chain',
      ...place,
      accent: node.hasRules ? 'entry' : 'plain',
      emphasis: node.hasRules ? 'strong' : 'dim',
      header: [{ text: words.name(node), style: 'name' }],
      count,
      rows,
    };
  }
  const header: SvgSpan[] = [{ text: words.name(node), style: 'name' }];
  if (node.label !== undefined) header.push({ text: node.label, style: 'muted' });
  return { kind: 'chain', ...place, accent: ROLE_ACCENT[node.role], header, count, rows };
}

/** Where an edge meets `node`: at the handle `id` (a rule's, if its line is drawn, else the node's own). */
function handleAt(
  node: GraphNode,
  places: readonly HandlePlace[],
  id: string | undefined,
): Position {
  const place = places.find((p) => p.id === id) ?? places.find((p) => p.id === OUT_HANDLE);
  return { x: node.position.x + (place?.x ?? 0), y: node.position.y + (place?.y ?? 0) };
}

/**
 * The graph's nodes as boxes and its edges as lines between their handles, with what the view
 * marks on them.
 *
 * @example
 *   const { boxes, edges, marker } = drawingOf(laidOutGraph, words, { spot, ruleStep: true });
 *   svgDocument({ title, palette, boxes, edges, marker });
 */
export function drawingOf(
  graph: Graph,
  words: DrawingWords,
  marks: DrawingMarks = {},
): { boxes: SvgBox[]; edges: SvgEdge[]; marker?: SvgMarker } {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  // Each node's handles, as the view places them.
  const ruleKeys = ruleHandleKeys(graph);
  const places = new Map(
    graph.nodes.map((node) => [node.id, handlePlaces(node, ruleKeys.get(node.id))]),
  );
  const edges: SvgEdge[] = [];
  for (const edge of graph.edges) {
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source || !target) continue;
    edges.push({
      id: edge.id,
      kind: edge.kind,
      from: handleAt(source, places.get(source.id) ?? [], edge.sourceRule ?? OUT_HANDLE),
      to: handleAt(target, places.get(target.id) ?? [], IN_HANDLE),
    });
  }
  const boxes = graph.nodes.map((node) => boxOf(node, words, marks));
  if (!marks.spot) return { boxes, edges };
  const { x, y } = marks.spot;
  return { boxes, edges, marker: { x, y, reply: marks.reply === true } };
}

/**
 * The marks as a stylesheet, for a drawing shown live whose markup is drawn without them (its
 * rows and boxes carry data-rule and data-node): each marked rule and node as drawingOf would
 * mark it, inside `scope`. A step played changes these few rules, never the drawing.
 *
 * @example
 *   marksCss({ spot, ruleStep: true, taken }, livePalette(), '.drawn-graph');
 */
export function marksCss(marks: DrawingMarks, p: SvgPalette, scope: string): string {
  const rules = new Set([
    ...(marks.foundRules ?? []),
    ...(marks.passed ?? []),
    ...(marks.taken ?? []),
    ...(marks.spot?.rule === undefined ? [] : [marks.spot.rule]),
  ]);
  const nodes = new Set([
    ...(marks.foundNodes ?? []),
    ...(marks.hook === undefined ? [] : [marks.hook]),
    ...(marks.spot === undefined ? [] : [marks.spot.node]),
  ]);
  const css: string[] = [];
  for (const key of rules) {
    const mark = ruleMark(key, marks);
    if (mark !== undefined)
      css.push(...rowMarkCss(p, mark, `${scope} [data-rule=${cssString(key)}]`));
  }
  for (const id of nodes) {
    const ring = nodeRing(id, marks);
    if (ring !== undefined) css.push(ringCss(p, ring, `[data-node=${cssString(id)}]`, scope));
  }
  return css.join('\n');
}
