import { nearestNode } from './nearest-node.ts';
import { TEST_GRAPH } from './test-graph.ts';

describe('nearestNode', () => {
  it.each([
    {
      name: 'right of the first stage: the hook in line with it',
      from: 'stage:network-in',
      direction: 'right' as const,
      to: 'nat/PREROUTING',
    },
    {
      name: 'down from a hook: the one below it',
      from: 'nat/PREROUTING',
      direction: 'down' as const,
      to: 'raw/PREROUTING',
    },
    {
      name: 'left of the first stage: nothing',
      from: 'stage:network-in',
      direction: 'left' as const,
      to: undefined,
    },
    { name: 'an unknown start', from: 'nat/NOPE', direction: 'down' as const, to: undefined },
  ])('$name', ({ from, direction, to }) => {
    expect(nearestNode(TEST_GRAPH.nodes, from, direction)).toBe(to);
  });
});
