import { SEED_LISTING } from '../domain/examples/seed.ts';
import { DumpSession } from '../session/dump-session.ts';
import { pageSessionOf } from '../session/session-client.ts';
import { isScenarioId, selectFrame, SCENARIO_IDS } from './playback-slice.ts';
import { useKpvizStore } from './store.ts';

const store = useKpvizStore;

beforeEach(() => {
  store.setState(store.getInitialState(), true);
  store.setState({ session: pageSessionOf(DumpSession.open(SEED_LISTING)) });
});

/** The playback, which must be ready. */
function ready() {
  const { playback } = store.getState();
  if (playback.status !== 'ready') throw new Error(`not ready: ${JSON.stringify(playback)}`);
  return playback;
}

describe('the playback slice', () => {
  it('lists the scenarios on the rules on screen, the example clusters and a custom packet', () => {
    expect(SCENARIO_IDS.slice(0, 4)).toEqual([
      'nodeport-external',
      'node-to-clusterip',
      'pod-to-clusterip',
      'hairpin',
    ]);
    expect(SCENARIO_IDS).toContain('example:udp-dns');
    expect(SCENARIO_IDS.at(-1)).toBe('custom');
    expect(isScenarioId('example:nope')).toBe(false);
  });

  it('plays the seed’s NodePort scenario: SYN, SYN-ACK, ACK, one frame per step', async () => {
    await store.getState().chooseScenario('nodeport-external');
    const playback = ready();
    expect(playback.legs.map((l) => l.label)).toEqual(['SYN', 'SYN-ACK', 'ACK']);
    expect(playback.frames.length).toBe(
      playback.legs.reduce((n, l) => n + l.outcome.steps.length, 0),
    );
    expect(selectFrame(store.getState())?.step).toMatchObject({ kind: 'event', event: 'enter' });
  });

  it('steps forward and back within the frames, and stops playing at the end', async () => {
    await store.getState().chooseScenario('node-to-clusterip', 3);
    const { frames } = ready();
    expect(store.getState().step).toBe(3);
    store.getState().stepBack();
    expect(store.getState().step).toBe(2);
    store.getState().stepTo(10_000);
    expect(store.getState().step).toBe(frames.length - 1);
    store.getState().play();
    // At the end, Play starts over.
    expect(store.getState()).toMatchObject({ playing: true, step: 0 });
    store.getState().stepTo(frames.length - 1);
    store.getState().stepForward();
    expect(store.getState().playing).toBe(false);
    store.getState().restart();
    expect(store.getState().step).toBe(0);
  });

  it('takes the endpoint asked for, and plays again when the choice changes', async () => {
    await store.getState().chooseScenario('pod-to-clusterip');
    await store.getState().setChoice({ kind: 'endpoint', dnat: '172.17.0.4:80' });
    expect(ready().legs[0]?.outcome.dnat).toBe('172.17.0.4:80');
    await store.getState().setChoice({ kind: 'endpoint', dnat: '172.17.0.3:80' });
    expect(ready().legs[0]?.outcome.dnat).toBe('172.17.0.3:80');
  });

  it('loads an example cluster’s rules, plays on them, and gives the user’s rules back', async () => {
    await store.getState().loadDump('*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n');
    await store.getState().chooseScenario('example:no-endpoints');
    await vi.waitFor(() => expect(store.getState().playback.status).toBe('ready'));
    expect(ready().legs[0]?.outcome.verdict).toBe('REJECT');
    expect(store.getState().dump).toMatch(/KUBE-SERVICES/);
    await store.getState().restoreRules();
    expect(store.getState().dump).toBe('*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n');
    expect(store.getState()).toMatchObject({ scenario: null, rulesAside: null });
  });

  it('says when the rules on screen have no Service a scenario can play', async () => {
    await store.getState().loadDump('*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n');
    await store.getState().chooseScenario('nodeport-external');
    expect(store.getState().playback).toEqual({ status: 'unavailable', problem: 'no-service' });
  });

  it('plays the custom packet form’s packet, and says when the form does not read', async () => {
    store.getState().prefillPacket({ src: '203.0.113.10', dst: '192.168.0.11:32110' });
    await store.getState().chooseScenario('custom');
    expect(ready().legs[0]?.packet).toMatchObject({ dst: '192.168.0.11', dport: 32110 });
    store.getState().prefillPacket({ dst: 'nowhere' });
    await store.getState().chooseScenario('custom');
    expect(store.getState().playback).toEqual({ status: 'unavailable', problem: 'form' });
  });

  it('plays again, at the same step, when new rules come', async () => {
    await store.getState().chooseScenario('nodeport-external', 5);
    await store.getState().loadDump(SEED_LISTING);
    await vi.waitFor(() => expect(store.getState().playback.status).toBe('ready'));
    expect(store.getState().step).toBe(5);
  });
});
