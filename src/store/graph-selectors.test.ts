import { syntheticDump } from '../domain/examples/synthetic-dump.ts';
import {
  MAX_GRAPH_NODES,
  ruleText,
  selectGraph,
  selectSearchHits,
  selectServices,
} from './graph-selectors.ts';
import { useKpvizStore } from './store.ts';

const store = useKpvizStore;
beforeEach(() => store.setState(store.getInitialState(), true));

describe('graph selectors', () => {
  it('build the graph once per change of the dump, focus, expansions or collapses', () => {
    const graph = selectGraph(store.getState());
    store.getState().setSearchQuery('nginx');
    expect(selectGraph(store.getState())).toBe(graph);
    store.getState().toggleCollapsed('nat/KUBE-SERVICES');
    expect(selectGraph(store.getState())).not.toBe(graph);
  });

  it('never draw more than MAX_GRAPH_NODES nodes, pipeline included', () => {
    store.getState().loadDump(syntheticDump({ services: 600 }));
    // Expanding KUBE-SERVICES and KUBE-NODEPORTS asks for every chain they jump to: 1,200.
    store.setState({ expanded: ['nat/KUBE-SERVICES', 'nat/KUBE-NODEPORTS'] });
    const graph = selectGraph(store.getState());
    expect(graph.nodes.length).toBeLessThanOrEqual(MAX_GRAPH_NODES);
    expect(graph.hidden.length).toBeGreaterThan(0);
  });

  it('list the Services for the focus picker', () => {
    expect(selectServices(store.getState()).map((service) => service.label)).toEqual([
      'default/nginx-service-nodeport',
    ]);
  });

  it('find rules by address, in chain order, with their text', () => {
    store.getState().setSearchQuery('172.17.0.3');
    const hits = selectSearchHits(store.getState());
    expect(hits.map((hit) => hit.title)).toEqual([
      'KUBE-SEP-GRLEVIWNO4P37GSQ #1',
      'KUBE-SEP-GRLEVIWNO4P37GSQ #2',
    ]);
    expect(ruleText(store.getState().parsed.ruleset, hits[1]?.rule ?? '')).toMatch(
      /-j DNAT --to-destination 172\.17\.0\.3:80$/,
    );
  });
});
