import { buildGraph } from './build-graph.ts';
import { chooseLayout, layoutGraph } from './choose-layout.ts';
import { dagreLayout, layoutWithDagre } from './dagre-layout.ts';
import { CHAIN_AREA_X } from './domain-layout.ts';
import { layoutInWorker } from './layout-client.ts';
import { layoutRequest } from './layout-protocol.ts';
import {
  chainById,
  chainNodes,
  DOCKER_SAVE,
  hookById,
  parseSave,
  seedRuleset,
} from './test-fixtures.ts';
import type { Graph } from './types.ts';

const docker = (): Graph => buildGraph(parseSave(DOCKER_SAVE));

describe('the dagre layout', () => {
  it('places the chains left to right by their jumps, right of the pipeline', () => {
    const graph = layoutWithDagre(docker());
    const x = (id: string): number => chainById(graph, id).position.x;
    expect(Math.min(...chainNodes(graph).map((n) => n.position.x))).toBe(CHAIN_AREA_X);
    expect(Math.min(...chainNodes(graph).map((n) => n.position.y))).toBe(0);
    expect(x('filter/DOCKER-ISOLATION-STAGE-2')).toBeGreaterThan(
      x('filter/DOCKER-ISOLATION-STAGE-1'),
    );
    // The pipeline stays as the domain layout drew it.
    expect(hookById(graph, 'filter/FORWARD').position).toEqual(
      hookById(docker(), 'filter/FORWARD').position,
    );
  });

  it("shows a built-in chain's DROP policy", () => {
    expect(hookById(docker(), 'filter/FORWARD')).toMatchObject({ policy: 'DROP', hasRules: true });
  });

  it('sends only ids, sizes and edges to the worker', () => {
    const request = layoutRequest(docker(), 7);
    expect(request.id).toBe(7);
    expect(request.nodes.filter((n) => n.fixed).map((n) => n.id)).toEqual([
      'nat/PREROUTING',
      'filter/FORWARD',
      'nat/OUTPUT',
    ]);
    expect(request.nodes.filter((n) => !n.fixed)).toHaveLength(5);
    expect(request.edges).toContainEqual({
      source: 'filter/DOCKER-ISOLATION-STAGE-1',
      target: 'filter/DOCKER-ISOLATION-STAGE-2',
    });
    expect(JSON.stringify(request)).not.toContain('-A ');
  });

  it('does not depend on the order of nodes and edges', () => {
    const request = layoutRequest(docker(), 1);
    const reversed = {
      ...request,
      nodes: [...request.nodes].reverse(),
      edges: [...request.edges].reverse(),
    };
    expect(dagreLayout(reversed)).toEqual(dagreLayout(request));
  });
});

describe('chooseLayout', () => {
  it("keeps the domain layout for kube-proxy's chains", () => {
    expect(chooseLayout(buildGraph(seedRuleset()))).toBe('domain');
  });

  it('picks dagre for anyone else’s', () => {
    expect(chooseLayout(docker())).toBe('dagre');
  });
});

describe('layoutInWorker', () => {
  it('lays out in this thread where there is no Worker (as in Node)', async () => {
    expect(typeof Worker).toBe('undefined');
    const graph = docker();
    expect(await layoutInWorker(graph)).toEqual(layoutWithDagre(graph));
    expect(await layoutGraph(graph)).toEqual(layoutWithDagre(graph));
    const seed = buildGraph(seedRuleset());
    expect(await layoutGraph(seed)).toBe(seed);
  });

  it('answers each request with its own layout through a worker', async () => {
    const posted: unknown[] = [];
    class FakeWorker {
      onmessage: ((event: { data: unknown }) => void) | null = null;
      onerror: ((event: unknown) => void) | null = null;
      postMessage(data: Parameters<typeof dagreLayout>[0]): void {
        posted.push(data);
        // Answer later, and the second request first.
        const answer = dagreLayout(data);
        setTimeout(() => this.onmessage?.({ data: answer }), data.id % 2 ? 20 : 0);
      }
      terminate(): void {}
    }
    vi.stubGlobal('Worker', FakeWorker);
    try {
      const a = docker();
      const b = buildGraph(parseSave(DOCKER_SAVE), { collapsed: new Set(['filter/DOCKER']) });
      const [first, second] = await Promise.all([layoutInWorker(a), layoutInWorker(b)]);
      expect(posted).toHaveLength(2);
      expect(first).toEqual(layoutWithDagre(a));
      expect(second).toEqual(layoutWithDagre(b));
      expect(chainById(second, 'filter/DOCKER').collapsed).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
