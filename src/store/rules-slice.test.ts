import { SEED_LISTING } from '../domain/examples/seed.ts';
import { selectOverview } from './rules-slice.ts';
import { useKpvizStore } from './store.ts';

const store = useKpvizStore;

beforeEach(() => store.setState(store.getInitialState(), true));

const SMALL_SAVE = [
  '*filter',
  ':INPUT ACCEPT [0:0]',
  ':FORWARD DROP [0:0]',
  ':OUTPUT ACCEPT [0:0]',
  ':KUBE-FIREWALL - [0:0]',
  '-A INPUT -j KUBE-FIREWALL',
  '-A KUBE-FIREWALL -m mark --mark 0x8000/0x8000 -j DROP',
  'COMMIT',
  '',
].join('\n');

const SERVICE_YAML = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  type: ClusterIP
  clusterIP: 10.96.0.20
  ports: [{name: http, port: 80, targetPort: 8080, protocol: TCP}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: web-abc
  namespace: shop
  labels: {kubernetes.io/service-name: web}
addressType: IPv4
ports: [{name: http, port: 8080, protocol: TCP}]
endpoints:
  - addresses: [10.244.1.5]
    conditions: {ready: true}
`;

describe('rulesSlice', () => {
  it("starts on the seed article's listing, already parsed and drawn", () => {
    const state = store.getState();
    expect(state.dump).toBe(SEED_LISTING);
    expect(state.overview.format).toBe('listing');
    expect(state.overview.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(state.overview.serviceCount).toBe(1);
    expect(state.graph.nodes.map((n) => n.id)).toContain('nat/KUBE-SERVICES');
    expect(state.loading).toEqual({ phase: 'idle' });
  });

  it('loadDump keeps the text, parses it once and counts the load', async () => {
    const loading = store.getState().loadDump(SMALL_SAVE);
    // The dump on screen stays until the new one is parsed.
    expect(store.getState().dump).toBe(SEED_LISTING);
    expect(store.getState().loading.phase).toBe('parsing');
    await loading;
    const state = store.getState();
    expect(state.dump).toBe(SMALL_SAVE);
    expect(state.revision).toBe(1);
    expect(state.loading).toEqual({ phase: 'idle' });
    expect(selectOverview(state).tables).toEqual([{ name: 'filter', chains: 4, rules: 2 }]);
    const firewall = await state.session.query('chain', 'filter/KUBE-FIREWALL');
    expect(firewall?.chain.rules).toHaveLength(1);
    expect(firewall?.chain.rules[0]?.target?.name).toBe('DROP');
    expect(firewall?.references).toBe(1);
    expect((await state.session.query('chain', 'filter/FORWARD'))?.chain.policy).toBe('DROP');
    expect(state.graph.nodes.map((n) => n.id)).toContain('filter/KUBE-FIREWALL');
  });

  it('loadDump passes the table on, for `iptables -S` output that does not name it', async () => {
    await store
      .getState()
      .loadDump('-P INPUT ACCEPT\n-N KUBE-FIREWALL\n-A INPUT -j KUBE-FIREWALL\n', {
        format: 'rules',
        table: 'mangle',
      });
    const { overview } = store.getState();
    expect(overview.format).toBe('rules');
    expect(overview.tables.map((t) => t.name)).toEqual(['mangle']);
  });

  it('loadDump reports what it could not read, with the line, and shows the rest', async () => {
    await store.getState().loadDump('*nat\n-A\n:KUBE-X - [0:0]\n-A KUBE-X -j RETURN\nCOMMIT\n');
    const { overview } = store.getState();
    expect(overview.problemCount).toBeGreaterThan(0);
    expect(overview.problems.map((p) => p.line)).toContain(2);
    expect(overview.tables).toEqual([{ name: 'nat', chains: 1, rules: 1 }]);
  });

  it('reads Services and EndpointSlices as YAML through the generator', async () => {
    await store.getState().loadDump(SERVICE_YAML);
    const { overview, session } = store.getState();
    expect(overview.format).toBe('objects');
    expect(overview.generated).toMatch(/-A KUBE-SERVICES -d 10\.96\.0\.20\/32 .*shop\/web:http/);
    const { services } = await session.query('services', '', 10);
    expect(services.map((s) => [s.label, s.endpoints.map((e) => e.address)])).toEqual([
      ['shop/web:http', ['10.244.1.5:8080']],
    ]);
  });

  it('cancelLoad stops a load and keeps the dump on screen', async () => {
    const loading = store.getState().loadDump(SMALL_SAVE);
    store.getState().cancelLoad();
    await loading;
    const state = store.getState();
    expect(state.dump).toBe(SEED_LISTING);
    expect(state.revision).toBe(0);
    expect(state.loading).toEqual({ phase: 'idle' });
  });

  it('a second load overtakes the first: only the last one is shown', async () => {
    const first = store.getState().loadDump(SMALL_SAVE);
    const second = store.getState().loadDump('*raw\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n');
    await Promise.all([first, second]);
    expect(store.getState().overview.tables.map((t) => t.name)).toEqual(['raw']);
    expect(store.getState().revision).toBe(1);
  });

  it('loadExample goes back to the seed', async () => {
    await store.getState().loadDump(SMALL_SAVE);
    store.getState().loadExample();
    const state = store.getState();
    expect(state.dump).toBe(SEED_LISTING);
    expect(state.revision).toBe(2);
    expect(state.overview.serviceCount).toBe(1);
  });
});

describe('settingsSlice', () => {
  it('defaults to English and switches language', () => {
    expect(store.getState().language).toBe('en');
    store.getState().setLanguage('zh');
    expect(store.getState().language).toBe('zh');
  });
});
