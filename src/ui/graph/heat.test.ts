import type { GraphNode } from '../../graph/types.ts';
import { heatLevel, maxPackets } from './heat.ts';

describe('heatLevel', () => {
  it.each([
    { name: 'no counter', packets: undefined, max: 100n, level: 0 },
    { name: 'zero packets', packets: 0n, max: 100n, level: 0 },
    { name: 'a dump with no traffic at all', packets: 0n, max: 0n, level: 0 },
    { name: 'the busiest rule', packets: 100n, max: 100n, level: 4 },
    { name: 'one packet of a million still shows', packets: 1n, max: 1_000_000n, level: 1 },
    { name: 'a third of the orders of magnitude', packets: 99n, max: 999_999n, level: 2 },
  ])('$name', ({ packets, max, level }) => {
    expect(heatLevel(packets, max)).toBe(level);
  });
});

describe('maxPackets', () => {
  it('takes the largest rule counter and skips stages', () => {
    const rule = (key: string, packets?: bigint) => ({
      key,
      index: 1,
      target: 'ACCEPT',
      goto: false,
      summary: '',
      text: `-A X -j ACCEPT`,
      ...(packets === undefined ? {} : { packets }),
    });
    const nodes: GraphNode[] = [
      {
        kind: 'stage',
        id: 's',
        stage: 'network-in',
        position: { x: 0, y: 0 },
        size: { width: 1, height: 1 },
      },
      {
        kind: 'chain',
        id: 'nat/X',
        table: 'nat',
        chain: 'X',
        role: 'other',
        rules: [rule('nat/X#1', 7n), rule('nat/X#2'), rule('nat/X#3', 12n)],
        collapsed: false,
        position: { x: 0, y: 0 },
        size: { width: 1, height: 1 },
      },
    ];
    expect(maxPackets(nodes)).toBe(12n);
  });
});
