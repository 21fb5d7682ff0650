import { createKpvizStore } from '../../store/store.ts';
import { playerApiOf, stepEventOf, watchSteps, type StepEvent } from './player-api.ts';

describe('the player API over a store of its own', () => {
  it('plays the seed’s NodePort scenario and announces each step once', async () => {
    const store = createKpvizStore();
    const api = playerApiOf(store);
    const events: StepEvent[] = [];
    const stop = watchSteps(store, (event) => events.push(event));

    await api.setScenario('nodeport-external', 3);
    const shown = stepEventOf(store);
    expect(shown).toMatchObject({ scenario: 'nodeport-external', step: 3, playing: false });
    expect(shown?.steps).toBeGreaterThan(10);

    events.length = 0;
    api.step();
    api.step(1);
    api.step(1); // the same step again: no event
    api.stepBack(); // already at the first
    expect(events.map((e) => e.step)).toEqual([4, 1]);
    stop();
    api.step(5);
    expect(events).toHaveLength(2);
  });

  it('says where the packet is and what the step rewrote: DNAT at a KUBE-SEP chain', async () => {
    const store = createKpvizStore();
    const api = playerApiOf(store);
    await api.setScenario('nodeport-external');
    const steps = stepEventOf(store)?.steps ?? 0;
    const dnat: StepEvent[] = [];
    for (let step = 1; step <= steps; step++) {
      api.step(step);
      const event = stepEventOf(store);
      if (event?.changed.includes('dst')) dnat.push(event);
    }
    expect(dnat[0]).toMatchObject({
      role: 'request',
      table: 'nat',
      before: { dst: '192.168.0.11:32110' },
    });
    expect(dnat[0]?.chain).toMatch(/^KUBE-SEP-/);
    expect(dnat[0]?.ruleText).toMatch(/-j DNAT --to-destination 172\.17\.0\.\d:80/);
    expect(dnat[0]?.after.dst).toMatch(/^172\.17\.0\.\d:80$/);
  });

  it('refuses a scenario it does not know, and two stores play apart', async () => {
    const one = createKpvizStore();
    const two = createKpvizStore();
    await expect(playerApiOf(one).setScenario('nope')).rejects.toThrow('no scenario called “nope”');
    await playerApiOf(two).setScenario('example:hairpin', 2);
    expect(stepEventOf(two)?.scenario).toBe('example:hairpin');
    expect(stepEventOf(one)).toBeUndefined();
  });
});
