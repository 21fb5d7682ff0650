import { SEED_LISTING } from '../domain/examples/seed.ts';
import { findChain, findTable } from '../domain/model/ruleset.ts';
import { selectProblems, selectRuleset } from './rules-slice.ts';
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

describe('rulesSlice', () => {
  it("starts on the seed article's listing", () => {
    const state = store.getState();
    expect(state.dump).toBe(SEED_LISTING);
    expect(state.parsed.format).toBe('listing');
    expect(selectProblems(state).filter((p) => p.severity === 'error')).toEqual([]);
    const nat = findTable(selectRuleset(state), 'nat');
    expect(nat && findChain(nat, 'KUBE-SERVICES')).toBeDefined();
  });

  it('loadDump keeps the text, parses it once and counts the load', () => {
    store.getState().loadDump(SMALL_SAVE);
    const state = store.getState();
    expect(state.dump).toBe(SMALL_SAVE);
    expect(state.revision).toBe(1);
    expect(state.parsed.ruleset.tables.map((t) => t.name)).toEqual(['filter']);
    const filter = findTable(state.parsed.ruleset, 'filter');
    const firewall = filter && findChain(filter, 'KUBE-FIREWALL');
    expect(firewall?.rules).toHaveLength(1);
    expect(firewall?.rules[0]?.target?.name).toBe('DROP');
    expect(filter && findChain(filter, 'FORWARD')?.policy).toBe('DROP');
  });

  it('loadDump passes the table on, for `iptables -S` output that does not name it', () => {
    store.getState().loadDump('-P INPUT ACCEPT\n-N KUBE-FIREWALL\n-A INPUT -j KUBE-FIREWALL\n', {
      format: 'rules',
      table: 'filter',
    });
    const { parsed } = store.getState();
    expect(parsed.format).toBe('rules');
    expect(parsed.ruleset.tables.map((t) => t.name)).toEqual(['filter']);
  });

  it('loadDump reports what it could not read, with the line', () => {
    store.getState().loadDump('*nat\n-A\nCOMMIT\n');
    const problems = selectProblems(store.getState());
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.line)).toContain(2);
  });

  it('loadExample goes back to the seed', () => {
    store.getState().loadDump(SMALL_SAVE);
    store.getState().loadExample();
    const state = store.getState();
    expect(state.dump).toBe(SEED_LISTING);
    expect(state.revision).toBe(2);
  });
});

describe('settingsSlice', () => {
  it('defaults to English and switches language', () => {
    expect(store.getState().language).toBe('en');
    store.getState().setLanguage('zh');
    expect(store.getState().language).toBe('zh');
  });
});
