import { selectPlayback } from '../../store/playback-slice.ts';
import { useKpvizStore } from '../../store/store.ts';
import { NarrationPanel } from './narration-panel.tsx';
import { PacketInspector } from './packet-inspector.tsx';

/** Beside the graph while a scenario plays: what happens and why, and the packet itself. */
export function PlayAside() {
  const ready = useKpvizStore((state) => selectPlayback(state).status === 'ready');
  if (!ready) return null;
  return (
    <div className="play-aside">
      <NarrationPanel />
      <PacketInspector />
    </div>
  );
}
