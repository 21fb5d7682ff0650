import { buildGraph } from './build-graph.ts';
import { bodyRows, handleOffset, rowCount } from './rows.ts';
import { HEADER_HEIGHT, LINE_HEIGHT, nodeSize } from './sizes.ts';
import { chainById, hookById, seedRuleset } from './test-fixtures.ts';
import type { ChainNode, RuleLine } from './types.ts';

const line = (index: number): RuleLine => ({
  key: `nat/KUBE-SERVICES#${index}`,
  index,
  target: 'KUBE-SVC-X',
  goto: false,
  summary: '',
  text: '-A KUBE-SERVICES -j KUBE-SVC-X',
});

describe('node bodies', () => {
  const graph = buildGraph(seedRuleset());

  it("ends a hook table with its policy, and the row count matches the node's size", () => {
    const prerouting = hookById(graph, 'nat/PREROUTING');
    expect(bodyRows(prerouting).map((r) => r.kind)).toEqual(['rule', 'rule', 'policy']);
    expect(prerouting.size).toEqual(nodeSize(rowCount(prerouting, true), false));
  });

  it('marks the runs a long chain leaves out', () => {
    const node = {
      ...chainById(graph, 'nat/KUBE-SERVICES'),
      rules: [line(1), line(2), line(7), line(10)],
      ruleCount: 12,
    };
    expect(bodyRows(node).map((r) => (r.kind === 'gap' ? `${r.from}-${r.to}` : r.kind))).toEqual([
      'rule',
      'rule',
      '3-6',
      'rule',
      '8-9',
      'rule',
      '11-12',
    ]);
    expect(rowCount(node, false)).toBe(7);
    expect(handleOffset(node, 'nat/KUBE-SERVICES#7')).toBe(
      HEADER_HEIGHT + 3 * LINE_HEIGHT + LINE_HEIGHT / 2,
    );
  });

  it('says so when a user chain is empty, and draws nothing when collapsed', () => {
    const empty: ChainNode = { ...chainById(graph, 'nat/KUBE-MARK-MASQ'), rules: [] };
    expect(bodyRows(empty).map((r) => r.kind)).toEqual(['empty']);
    expect(rowCount(empty, false)).toBe(1);
    const collapsed = { ...chainById(graph, 'nat/KUBE-SERVICES'), collapsed: true };
    expect(bodyRows(collapsed)).toEqual([]);
    expect(handleOffset(collapsed, 'nat/KUBE-SERVICES#1')).toBeUndefined();
  });

  it('puts each rule handle at the middle of its line', () => {
    const services = chainById(graph, 'nat/KUBE-SERVICES');
    expect(handleOffset(services, 'nat/KUBE-SERVICES#1')).toBe(37);
    expect(handleOffset(services, 'nat/KUBE-SERVICES#2')).toBe(55);
  });
});
