import { KUBE_PROXY_FIXTURES } from '../examples/kube-proxy-fixtures.ts';
import { SEED_SAVE } from '../examples/seed.ts';
import { findChain, findTable } from '../model/ruleset.ts';
import { parseDump } from '../parse/parse-dump.ts';
import { serializeRule } from '../parse/serialize-save.ts';
import { tablesLackingJumps, withBuiltinJumps } from './add-builtin-jumps.ts';

const fixture = (name: string) => {
  const text = KUBE_PROXY_FIXTURES.find((f) => f.name === name)?.text;
  if (text === undefined) throw new Error(`no fixture ${name}`);
  return parseDump(text).ruleset;
};

const rulesOf = (ruleset: ReturnType<typeof fixture>, table: 'nat' | 'filter', chain: string) => {
  const found = findTable(ruleset, table);
  return (found && findChain(found, chain)?.rules.map((r) => serializeRule(r, chain))) ?? [];
};

describe('tablesLackingJumps', () => {
  it('finds kube-proxy’s restore input: its chains, no rule in a built-in chain', () => {
    expect(tablesLackingJumps(fixture('overall-current'))).toEqual(['filter', 'nat']);
  });

  it('finds nothing in a node’s iptables-save, or in rules that are not kube-proxy’s', () => {
    expect(tablesLackingJumps(parseDump(SEED_SAVE).ruleset)).toEqual([]);
    expect(
      tablesLackingJumps(parseDump('*filter\n:INPUT DROP [0:0]\n:SSH - [0:0]\nCOMMIT\n').ruleset),
    ).toEqual([]);
  });
});

describe('withBuiltinJumps', () => {
  it('adds the jumps kube-proxy inserts, in the order its inserts leave them, with no source line', () => {
    const { ruleset, added } = withBuiltinJumps(fixture('overall-current'));
    expect(rulesOf(ruleset, 'nat', 'PREROUTING')).toEqual([
      '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    ]);
    expect(rulesOf(ruleset, 'nat', 'POSTROUTING')).toEqual([
      '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
    ]);
    expect(rulesOf(ruleset, 'filter', 'FORWARD')).toEqual([
      // kube-proxy puts a jump's extra matches before its comment.
      '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
      '-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD',
      '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
      '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
    ]);
    const nat = findTable(ruleset, 'nat');
    expect(nat?.chains.slice(0, 4).map((c) => [c.name, c.policy])).toEqual([
      ['PREROUTING', 'ACCEPT'],
      ['INPUT', 'ACCEPT'],
      ['OUTPUT', 'ACCEPT'],
      ['POSTROUTING', 'ACCEPT'],
    ]);
    expect(findChain(nat ?? { name: 'nat', chains: [] }, 'PREROUTING')?.rules[0]?.origin).toBe(
      undefined,
    );
    expect(added).toBeGreaterThan(8);
    // Added once: the result has its jumps.
    expect(tablesLackingJumps(ruleset)).toEqual([]);
  });

  it('gives v1.9’s jumps to a dump of its shape: INPUT and OUTPUT to KUBE-SERVICES in filter', () => {
    const v19 = parseDump(
      '*filter\n:KUBE-SERVICES - [0:0]\nCOMMIT\n*nat\n:KUBE-SERVICES - [0:0]\n:KUBE-POSTROUTING - [0:0]\nCOMMIT\n',
    ).ruleset;
    const { ruleset } = withBuiltinJumps(v19);
    for (const chain of ['INPUT', 'OUTPUT']) {
      expect(rulesOf(ruleset, 'filter', chain)).toEqual([
        `-A ${chain} -m comment --comment "kubernetes service portals" -j KUBE-SERVICES`,
      ]);
    }
    // Told apart by what the dump declares; the caller may say otherwise.
    expect(rulesOf(withBuiltinJumps(v19, false).ruleset, 'filter', 'INPUT')).toEqual([]);
  });

  it('leaves a node’s rules as they are', () => {
    const seed = parseDump(SEED_SAVE).ruleset;
    expect(withBuiltinJumps(seed)).toEqual({ ruleset: seed, added: 0 });
  });
});
