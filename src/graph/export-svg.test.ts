import { buildGraph } from './build-graph.ts';
import { drawingOf, type DrawingWords } from './export-drawing.ts';
import {
  drawingMarkup,
  drawingStyle,
  edgePathData,
  escapeXml,
  livePalette,
  PALETTE_VARS,
  svgDocument,
  type SvgPalette,
} from './export-svg.ts';
import { chainNodes, parseSave, seedRuleset } from './test-fixtures.ts';
import type { GraphNode } from './types.ts';

const WORDS: DrawingWords = {
  name: (node: GraphNode) =>
    node.kind === 'stage'
      ? node.stage
      : node.kind === 'hook'
        ? `${node.table} ${node.hook}`
        : node.chain,
  gap: (from, to) => `rules ${from}–${to} not shown`,
  noRules: 'no rules',
  noTarget: 'no target',
  goto: 'goto',
  policy: (_node, policy) => `policy ${policy}`,
  uncertain: (reasons) => `not simulated: ${reasons}`,
};

const PALETTE = Object.fromEntries(
  PALETTE_VARS.map((name) => [
    name,
    name.startsWith('font') ? "'Noto Sans', sans-serif" : '#123456',
  ]),
) as SvgPalette;

function parse(svg: string): Document {
  return new DOMParser().parseFromString(svg, 'image/svg+xml');
}

const viewBox = (doc: Document): number[] =>
  (doc.documentElement.getAttribute('viewBox') ?? '').split(' ').map(Number);

describe('svgDocument of the seed graph', () => {
  const graph = buildGraph(seedRuleset());
  const svg = svgDocument({
    title: 'kpviz <seed> & co',
    palette: PALETTE,
    ...drawingOf(graph, WORDS),
  });
  const doc = parse(svg);

  it('is well-formed SVG with a title', () => {
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.documentElement.localName).toBe('svg');
    expect(doc.documentElement.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(doc.documentElement.firstElementChild?.localName).toBe('title');
    expect(doc.documentElement.firstElementChild?.textContent).toBe('kpviz <seed> & co');
  });

  it('names every chain and holds every rule’s text, escaped', () => {
    const text = doc.documentElement.textContent;
    for (const chain of chainNodes(graph)) {
      expect(text).toContain(chain.chain);
      for (const rule of chain.rules) expect(text).toContain(rule.text);
    }
    // The LOG rule's prefix and the comments' quotes went through escaping and came back.
    expect(text).toContain('--log-prefix "** NAT PREROUTING **"');
    expect(svg).toContain('&quot;** NAT PREROUTING **&quot;');
  });

  it('has a viewBox holding every node', () => {
    const [x = NaN, y = NaN, width = NaN, height = NaN] = viewBox(doc);
    for (const node of graph.nodes) {
      expect(node.position.x).toBeGreaterThanOrEqual(x);
      expect(node.position.y).toBeGreaterThanOrEqual(y);
      expect(node.position.x + node.size.width).toBeLessThanOrEqual(x + width);
      expect(node.position.y + node.size.height).toBeLessThanOrEqual(y + height);
    }
    expect(doc.documentElement.getAttribute('width')).toBe(String(width));
  });

  it('draws every edge, each with its kind’s arrow', () => {
    const paths = [...doc.querySelectorAll('path.edge')];
    expect(paths).toHaveLength(graph.edges.length);
    expect(paths.map((p) => p.getAttribute('class'))).toContain('edge edge-jump');
    for (const path of paths)
      expect(path.getAttribute('marker-end')).toMatch(/^url\(#arrow-\w+\)$/);
  });

  it('carries its colours and fonts inside, and refers to nothing outside', () => {
    const style = doc.querySelector('style')?.textContent ?? '';
    expect(style).toContain('#123456');
    expect(style).toContain("font-family:'Noto Sans', sans-serif");
    expect(svg).not.toMatch(/href|@import|url\((?!#)/);
  });

  it('sizes the document by scale, keeping the viewBox', () => {
    const doubled = parse(
      svgDocument({ title: 't', palette: PALETTE, scale: 2, ...drawingOf(graph, WORDS) }),
    );
    expect(viewBox(doubled)).toEqual(viewBox(doc));
    expect(Number(doubled.documentElement.getAttribute('height'))).toBe(2 * (viewBox(doc)[3] ?? 0));
  });
});

describe('drawingMarkup and drawingStyle, for a view that draws the graph itself', () => {
  const graph = buildGraph(seedRuleset());
  const drawing = drawingOf(graph, WORDS);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg">${drawingMarkup(drawing)}</svg>`;
  const doc = parse(svg);

  it('names each box by its node and each edge by its id, with the path the export draws', () => {
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const boxes = [...doc.querySelectorAll('[data-node]')].map((b) => b.getAttribute('data-node'));
    expect(boxes).toEqual(graph.nodes.map((node) => node.id));
    const paths = [...doc.querySelectorAll('path.edge')];
    expect(paths.map((p) => p.getAttribute('data-id'))).toEqual(graph.edges.map((e) => e.id));
    const first = drawing.edges[0];
    expect(first).toBeDefined();
    if (first) expect(paths[0]?.getAttribute('d')).toBe(edgePathData(first));
    // The same elements as the document's, without its title, style and background.
    expect(svgDocument({ title: 't', palette: PALETTE, ...drawing })).toContain(
      drawingMarkup(drawing),
    );
    expect(doc.documentElement.querySelector(':scope > title, style, .background')).toBeNull();
  });

  it('scopes every rule of its stylesheet to the view, in the page’s theme variables', () => {
    const css = drawingStyle(livePalette(), '.drawn');
    const rules = css.split('\n');
    expect(rules.length).toBeGreaterThan(20);
    for (const rule of rules) {
      const selectors = rule.slice(0, rule.indexOf('{')).split(',');
      for (const selector of selectors) expect(selector).toMatch(/^\.drawn \S/);
    }
    expect(css).toContain('.drawn .name,.drawn .code{font-family:var(--font-mono)}');
    expect(css).toContain('.drawn .mark-current .lit{fill:var(--play-current)}');
    // Unscoped, the export's own stylesheet: the same rules.
    expect(drawingStyle(PALETTE)).toContain(".name,.code{font-family:'Noto Sans', sans-serif}");
  });
});

describe('svgDocument escaping', () => {
  it('keeps text with XML’s special characters as it was', () => {
    const graph = buildGraph(
      parseSave(
        `*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m comment --comment "a<b & c>'d'" -j ACCEPT\nCOMMIT\n`,
      ),
    );
    const rule = graph.nodes.find((node) => node.kind === 'hook' && node.rules.length > 0);
    const text = rule?.kind === 'hook' ? rule.rules[0]?.text : undefined;
    expect(text).toMatch(/a<b & c>/);
    const doc = parse(svgDocument({ title: '<t>', palette: PALETTE, ...drawingOf(graph, WORDS) }));
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const titles = [...doc.querySelectorAll('g > title')].map((t) => t.textContent);
    expect(titles).toContain(text);
  });

  it.each([
    {
      name: 'markup',
      text: '<a href="x">&</a>',
      escaped: '&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;',
    },
    { name: 'apostrophes', text: "it's", escaped: 'it&apos;s' },
    { name: 'characters XML forbids', text: 'a\u0001b\u0008c', escaped: 'abc' },
  ])('escapes $name', ({ text, escaped }) => {
    expect(escapeXml(text)).toBe(escaped);
  });
});

describe('svgDocument marks', () => {
  const graph = buildGraph(seedRuleset());
  const service = chainNodes(graph).find((c) => c.chain === 'KUBE-SVC-I64SNEMOLCWHJHS3');
  if (!service) throw new Error('no Service chain in the seed');
  const [first, second] = service.rules;
  if (!first || !second) throw new Error('the Service chain has fewer than two rules');

  it('rings what the search found and lights its rules, as the view does', () => {
    const doc = parse(
      svgDocument({
        title: 't',
        palette: PALETTE,
        ...drawingOf(graph, WORDS, {
          foundNodes: new Set([service.id]),
          foundRules: new Set([second.key]),
        }),
      }),
    );
    expect(doc.querySelector('.ring-found')?.textContent).toContain(service.chain);
    const found = [...doc.querySelectorAll('.mark-found')];
    expect(found.map((row) => row.querySelector('title')?.textContent)).toEqual([second.text]);
    expect(found[0]?.querySelector('rect.lit')).not.toBeNull();
    expect(doc.querySelector('circle.marker')).toBeNull();
  });

  it('marks the step played: its rule, its chain, the rules passed over, and the packet by it', () => {
    const spot = { node: service.id, rule: second.key, x: 10, y: 20 };
    const drawing = drawingOf(graph, WORDS, {
      spot,
      ruleStep: true,
      passed: new Set([first.key]),
      reply: true,
    });
    expect(drawing.marker).toEqual({ x: 10, y: 20, reply: true });
    const doc = parse(svgDocument({ title: 't', palette: PALETTE, ...drawing }));
    const ring = doc.querySelector('.ring-current');
    expect(ring?.textContent).toContain(service.chain);
    const rows = [...(ring?.querySelectorAll('g[class^="mark-"]') ?? [])];
    expect(rows.map((row) => row.getAttribute('class'))).toEqual(['mark-passed', 'mark-current']);
    expect(doc.querySelector('circle.marker.reply')?.getAttribute('cx')).toBe('10');
  });

  it('badges a rule the simulator does not model, saying why in its tooltip', () => {
    const uncertain = buildGraph(
      parseSave(
        '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m bpf --bytecode "1,6 0 0 0" -j DROP\nCOMMIT\n',
      ),
    );
    const doc = parse(
      svgDocument({ title: 't', palette: PALETTE, ...drawingOf(uncertain, WORDS) }),
    );
    const badge = doc.querySelector('tspan.uncertain');
    expect(badge?.textContent).toBe(' ?');
    expect(badge?.closest('g')?.querySelector('title')?.textContent).toMatch(
      /\nnot simulated: .*bpf/,
    );
  });
});
