/**
 * The floor of `npm run bench -- embed`: the least an embedded React Flow graph costs, React,
 * ReactDOM and @xyflow/react drawing five nodes with React Flow's stylesheet. Like the player's
 * embed.html, it tells its parent `ready` once a frame with the graph's nodes has been painted.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';

const CHAINS = ['PREROUTING', 'KUBE-SERVICES', 'KUBE-SVC', 'KUBE-SEP', 'POSTROUTING'];
const nodes: Node[] = CHAINS.map((label, i) => ({
  id: label,
  position: { x: 200 * i, y: 80 * (i % 2) },
  data: { label },
}));
const edges: Edge[] = CHAINS.slice(1).map((label, i) => ({
  id: label,
  source: CHAINS[i] ?? '',
  target: label,
}));

const root = document.getElementById('root');
if (root === null) throw new Error('the floor page has no #root element');
createRoot(root).render(
  <StrictMode>
    <ReactFlow nodes={nodes} edges={edges} fitView />
  </StrictMode>,
);

/** Checked in each frame's callbacks: the next frame's come after the one with the nodes is painted. */
const whenPainted = () =>
  requestAnimationFrame(() => {
    if (document.querySelector('.react-flow__node') === null) whenPainted();
    else
      requestAnimationFrame(() =>
        window.parent.postMessage({ type: 'floor', event: 'ready' }, '*'),
      );
  });
whenPainted();
