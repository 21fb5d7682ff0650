import { useEffect, useRef } from 'react';
import {
  isScenarioId,
  selectPlaying,
  selectScenario,
  selectStep,
} from '../../store/playback-slice.ts';
import { useKpvizApi, useKpvizStore } from '../../store/store.ts';
import { readHash, updateHash } from '../location-hash.ts';
import { PACKET_PARAMS, packetFormOf, packetParams } from '../share/packet-params.ts';

/** No custom packet in the fragment: every field's key removed. */
const NO_PACKET = Object.fromEntries(Object.values(PACKET_PARAMS).map((key) => [key, null]));

/**
 * The scenario and the step in the URL's fragment (`#scenario=nodeport-external&step=12`, the
 * step 1-based as the app shows it), so a link opens exactly there; for the custom scenario, its
 * packet's form too (packet-params.ts). The first run reads the link; every later change writes it.
 */
export function usePlayUrl(): void {
  const store = useKpvizApi();
  const scenario = useKpvizStore(selectScenario);
  const step = useKpvizStore(selectStep);
  const playing = useKpvizStore(selectPlaying);
  const packetForm = useKpvizStore((state) => state.packetForm);
  const restored = useRef(false);

  useEffect(() => {
    if (!restored.current) {
      restored.current = true;
      const params = readHash();
      const id = params.get('scenario');
      if (id === null || !isScenarioId(id)) return;
      // Already playing it: the presenter view and the page share the player, and each mounts this.
      if (store.getState().scenario === id) return;
      if (id === 'custom') store.getState().prefillPacket(packetFormOf((key) => params.get(key)));
      const shown = Number(params.get('step'));
      const at = Number.isInteger(shown) && shown >= 1 ? shown - 1 : 0;
      void store.getState().chooseScenario(id, at);
      return;
    }
    // Not on every step while playing: replaceState costs milliseconds a frame cannot spare.
    // The step is written when playback pauses or ends.
    if (playing) return;
    updateHash({
      ...NO_PACKET,
      ...(scenario === null
        ? { scenario: null, step: null }
        : { scenario, step: String(step + 1) }),
      ...(scenario === 'custom' ? Object.fromEntries(packetParams(packetForm)) : {}),
    });
  }, [store, scenario, step, playing, packetForm]);
}
