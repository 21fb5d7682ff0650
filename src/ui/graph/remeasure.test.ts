import type { useStoreApi } from '@xyflow/react';
import { remeasure } from './remeasure.ts';

type FlowStore = ReturnType<typeof useStoreApi>;

/** A React Flow store with nodes `ids` in its DOM, recording what it is asked to measure. */
function flowStore(ids: string[]) {
  const domNode = document.createElement('div');
  for (const id of ids) {
    const node = document.createElement('div');
    node.className = 'react-flow__node';
    node.dataset.id = id;
    domNode.append(node);
  }
  const asked: string[][] = [];
  const updateNodeInternals = (updates: Map<string, { nodeElement: HTMLElement }>) => {
    asked.push([...updates].map(([id, { nodeElement }]) => `${id}=${nodeElement.dataset.id}`));
  };
  const store = { getState: () => ({ domNode, updateNodeInternals }) } as unknown as FlowStore;
  return { store, asked };
}

describe('remeasure', () => {
  let frames: FrameRequestCallback[] = [];
  beforeEach(() => {
    frames = [];
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => {
      frames.push(callback);
      return frames.length;
    });
  });
  afterEach(() => vi.restoreAllMocks());
  const nextFrame = () => {
    const now = frames;
    frames = [];
    for (const callback of now) callback(0);
  };

  it('measures the nodes asked for in one frame in one update, each by its element', () => {
    const { store, asked } = flowStore(['nat/PREROUTING', 'nat/KUBE-SERVICES', 'nat/"odd"']);
    remeasure(store, 'nat/PREROUTING');
    remeasure(store, 'nat/KUBE-SERVICES');
    remeasure(store, 'nat/PREROUTING');
    remeasure(store, 'nat/"odd"');
    expect(asked).toEqual([]);
    nextFrame();
    expect(asked).toEqual([
      [
        'nat/PREROUTING=nat/PREROUTING',
        'nat/KUBE-SERVICES=nat/KUBE-SERVICES',
        'nat/"odd"=nat/"odd"',
      ],
    ]);
    remeasure(store, 'nat/KUBE-SERVICES');
    nextFrame();
    expect(asked.at(-1)).toEqual(['nat/KUBE-SERVICES=nat/KUBE-SERVICES']);
  });

  it('skips a node no longer in the view, and asks nothing when none is left', () => {
    const { store, asked } = flowStore(['nat/PREROUTING']);
    remeasure(store, 'nat/KUBE-SEP-GONE');
    nextFrame();
    expect(asked).toEqual([]);
  });

  it('keeps two graphs apart', () => {
    const one = flowStore(['a']);
    const two = flowStore(['b']);
    remeasure(one.store, 'a');
    remeasure(two.store, 'b');
    nextFrame();
    expect(one.asked).toEqual([['a=a']]);
    expect(two.asked).toEqual([['b=b']]);
  });
});
