import { encodeEnvironment } from '../../domain/env/share-codec.ts';
import { seedWithPods } from '../../domain/env/test-environments.ts';
import { SEED_LISTING } from '../../domain/examples/seed.ts';
import { createKpvizStore } from '../../store/store.ts';
import { readEmbedConfig, type ConfigKey, type EmbedConfig } from './embed-config.ts';
import { startPlayer } from './start-player.ts';

const configOf = (query: string): EmbedConfig => {
  const params = new URLSearchParams(query);
  return readEmbedConfig((key: ConfigKey) => params.get(key)).config;
};

describe('startPlayer', () => {
  it('opens the seed at the scenario and step asked for, in the language and theme asked for', async () => {
    const store = createKpvizStore();
    const problems = await startPlayer(
      store,
      configOf('scenario=nodeport-external&step=4&lang=zh&theme=dark&speed=2'),
    );
    expect(problems).toEqual([]);
    const state = store.getState();
    expect(state).toMatchObject({
      scenario: 'nodeport-external',
      step: 3,
      language: 'zh',
      theme: 'dark',
      speed: 2,
      playing: false,
    });
    expect(state.dump).toBe(SEED_LISTING);
  });

  it('opens an environment’s rules: a fourth pod makes four endpoint chains', async () => {
    const code = await encodeEnvironment(seedWithPods(4));
    if (!code.ok) throw new Error(code.message);
    const store = createKpvizStore();
    await startPlayer(store, configOf(`env=${code.text}&scenario=nodeport-external&autoplay=1`));
    const state = store.getState();
    expect(state.dump.match(/^:KUBE-SEP-/gm)).toHaveLength(4);
    expect(state.playback.status).toBe('ready');
    expect(state.playing).toBe(true);
  });

  it('plays a custom packet from the host’s fields, and again when they change', async () => {
    const store = createKpvizStore();
    const packet = 'src=203.0.113.10&dst=192.168.0.11:32110&proto=tcp&from=external';
    const first = configOf(`scenario=custom&${packet}`);
    expect(await startPlayer(store, first)).toEqual([]);
    const played = () => {
      const { playback } = store.getState();
      if (playback.status !== 'ready') throw new Error(`playback ${playback.status}`);
      return playback.frames[0]?.before;
    };
    expect(store.getState().packetForm).toMatchObject({
      src: '203.0.113.10',
      dst: '192.168.0.11:32110',
      from: 'external',
    });
    expect(played()).toMatchObject({ src: '203.0.113.10', dst: '192.168.0.11', dport: 32110 });

    const later = configOf(`scenario=custom&${packet.replace('203.0.113.10', '198.51.100.7')}`);
    await startPlayer(store, later, first);
    expect(played()).toMatchObject({ src: '198.51.100.7' });

    const wrong = configOf('scenario=custom&src=198.51.100.7&dst=192.168.0.11');
    expect(await startPlayer(store, wrong, later)).toEqual([
      'dst: "192.168.0.11" needs a port (IP:PORT)',
    ]);
    expect(store.getState().playback).toMatchObject({ status: 'unavailable', problem: 'form' });
  });

  it('says what it could not open, and keeps the seed', async () => {
    const store = createKpvizStore();
    const problems = await startPlayer(store, configOf('rules=r1.AAAA&scenario=hairpin'));
    expect(problems).toHaveLength(1);
    expect(store.getState().dump).toBe(SEED_LISTING);
    expect(store.getState().playback.status).toBe('ready');
  });

  it('applies a changed configuration: a new step without reloading, new rules loaded', async () => {
    const store = createKpvizStore();
    const first = configOf('scenario=nodeport-external&step=2');
    await startPlayer(store, first);
    const { revision, playback } = store.getState();

    const later = configOf('scenario=nodeport-external&step=6&theme=light');
    await startPlayer(store, later, first);
    expect(store.getState()).toMatchObject({ step: 5, revision, playback, theme: 'light' });

    const code = await encodeEnvironment(seedWithPods(2));
    if (!code.ok) throw new Error(code.message);
    const rules = configOf(`env=${code.text}&scenario=nodeport-external&step=6`);
    await startPlayer(store, rules, later);
    const state = store.getState();
    expect(state.revision).toBeGreaterThan(revision);
    expect(state.dump.match(/^:KUBE-SEP-/gm)).toHaveLength(2);
    expect(state).toMatchObject({ scenario: 'nodeport-external', step: 5 });

    // No rules named any more: back to the seed.
    await startPlayer(store, configOf('scenario=nodeport-external&step=6'), rules);
    expect(store.getState().dump).toBe(SEED_LISTING);
  });
});
