import { isCommand, runCommand } from './messages.ts';
import type { PlayerApi } from './player-api.ts';

function fakeApi() {
  const calls: unknown[][] = [];
  const api: PlayerApi = {
    play: () => calls.push(['play']),
    pause: () => calls.push(['pause']),
    step: (to) => calls.push(['step', to]),
    stepBack: () => calls.push(['stepBack']),
    restart: () => calls.push(['restart']),
    setScenario: (id, step) => {
      calls.push(['setScenario', id, step]);
      if (id === 'missing') return Promise.reject(new Error('kpviz: no scenario called “missing”'));
      return Promise.resolve();
    },
  };
  return { api, calls };
}

describe('isCommand', () => {
  it('takes kpviz commands and nothing else on the window', () => {
    expect(isCommand({ type: 'kpviz', command: 'play' })).toBe(true);
    expect(isCommand({ type: 'kpviz', command: 'step', args: [3], id: 'a' })).toBe(true);
    expect(isCommand({ type: 'kpviz', command: 'eval', args: [] })).toBe(false);
    expect(isCommand({ type: 'other', command: 'play' })).toBe(false);
    expect(isCommand({ type: 'kpviz', command: 'step', args: 3 })).toBe(false);
    expect(isCommand('play')).toBe(false);
    expect(isCommand(null)).toBe(false);
  });
});

describe('runCommand', () => {
  it('runs a command and answers with its id', async () => {
    const { api, calls } = fakeApi();
    await expect(
      runCommand(api, { type: 'kpviz', command: 'step', args: [4], id: 9 }),
    ).resolves.toEqual({ type: 'kpviz', event: 'reply', ok: true, id: 9 });
    await runCommand(api, { type: 'kpviz', command: 'play' });
    await runCommand(api, { type: 'kpviz', command: 'setScenario', args: ['example:hairpin', 2] });
    expect(calls).toEqual([['step', 4], ['play'], ['setScenario', 'example:hairpin', 2]]);
  });

  it('refuses arguments of the wrong type without calling the player', async () => {
    const { api, calls } = fakeApi();
    const reply = await runCommand(api, { type: 'kpviz', command: 'step', args: ['4'], id: 1 });
    expect(reply).toMatchObject({ ok: false, id: 1, message: 'step takes a step number from 1' });
    const other = await runCommand(api, { type: 'kpviz', command: 'setScenario', args: [1] });
    expect(other).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
  });

  it('answers a failed command with the player’s reason', async () => {
    const { api } = fakeApi();
    await expect(
      runCommand(api, { type: 'kpviz', command: 'setScenario', args: ['missing'] }),
    ).resolves.toEqual({
      type: 'kpviz',
      event: 'reply',
      ok: false,
      message: 'kpviz: no scenario called “missing”',
    });
  });
});
