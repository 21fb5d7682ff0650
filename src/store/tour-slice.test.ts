import { SEED_LISTING } from '../domain/examples/seed.ts';
import { TOUR_STEPS } from '../domain/tour/tour-steps.ts';
import { DumpSession } from '../session/dump-session.ts';
import { pageSessionOf } from '../session/session-client.ts';
import { selectFrame } from './playback-slice.ts';
import { useKpvizStore } from './store.ts';
import { readTourStep, writeTourStep } from './tour-storage.ts';

const store = useKpvizStore;

beforeEach(() => {
  localStorage.clear();
  store.setState(store.getInitialState(), true);
  store.setState({ session: pageSessionOf(DumpSession.open(SEED_LISTING)), tourSaved: null });
});

/** The rule lit on the graph (`nat/OUTPUT#2`), or the kind of step when it is not a rule. */
function lit(): string {
  const frame = selectFrame(store.getState());
  if (!frame) return 'nothing';
  const { step } = frame;
  return step.kind === 'rule' ? `${step.table}/${step.chain}#${String(step.index)}` : step.kind;
}

const showing = () => {
  const { tourOpen, tourStep, tourMoment, scenario, playing } = store.getState();
  return { tourOpen, tourStep, tourMoment, scenario, playing, lit: lit() };
};

describe('the tour slice', () => {
  it('starts closed, and opens on its first step with the player at that moment', async () => {
    expect(store.getState()).toMatchObject({ tourOpen: false, tourSaved: null });
    await store.getState().startTour();
    expect(showing()).toEqual({
      tourOpen: true,
      tourStep: 0,
      tourMoment: 'shown',
      scenario: 'node-to-clusterip',
      playing: false,
      lit: 'nat/OUTPUT#2',
    });
  });

  it('walks every step forward and back, switching scenario where a step asks', async () => {
    const seen: string[] = [];
    await store.getState().startTour();
    for (let i = 1; i < TOUR_STEPS.length; i++) {
      await store.getState().nextTourStep();
      seen.push(
        `${String(store.getState().tourStep)} ${String(store.getState().scenario)} ${lit()}`,
      );
    }
    expect(seen).toEqual([
      '1 nodeport-external nat/PREROUTING#2',
      '2 node-to-clusterip nat/KUBE-SERVICES#1',
      '3 node-to-clusterip nat/KUBE-SVC-I64SNEMOLCWHJHS3#1',
      '4 node-to-clusterip nat/KUBE-SEP-MMWJ6M2J72TU3J64#2',
      '5 nodeport-external nat/KUBE-SERVICES#2',
      '6 nodeport-external nat/KUBE-MARK-MASQ#1',
      '7 nodeport-external nat/KUBE-POSTROUTING#1',
      '8 nodeport-external event',
    ]);
    // At the end Next does nothing; Previous goes back one step, to its moment.
    await store.getState().nextTourStep();
    expect(store.getState().tourStep).toBe(8);
    await store.getState().previousTourStep();
    expect(showing()).toMatchObject({ tourStep: 7, lit: 'nat/KUBE-POSTROUTING#1' });
  });

  it('does not go before the first step, and opens a linked step clamped to the tour', async () => {
    await store.getState().startTour(99);
    expect(store.getState().tourStep).toBe(TOUR_STEPS.length - 1);
    await store.getState().startTour(0);
    await store.getState().previousTourStep();
    expect(store.getState().tourStep).toBe(0);
  });

  it('pauses a playing player at the step’s moment', async () => {
    await store.getState().chooseScenario('node-to-clusterip');
    store.getState().play();
    await store.getState().startTour(2);
    expect(showing()).toMatchObject({ playing: false, lit: 'nat/KUBE-SERVICES#1' });
  });

  it('saves the step for the next visit, keeps it when ended early, forgets it when finished', async () => {
    await store.getState().startTour(3);
    expect(readTourStep(TOUR_STEPS.length)).toBe(3);
    store.getState().endTour();
    expect(store.getState()).toMatchObject({ tourOpen: false, tourSaved: 3 });
    expect(readTourStep(TOUR_STEPS.length)).toBe(3);
    await store.getState().startTour(TOUR_STEPS.length - 1);
    store.getState().endTour();
    expect(store.getState().tourSaved).toBeNull();
    expect(readTourStep(TOUR_STEPS.length)).toBeNull();
  });

  it('reads back only a step the tour has', () => {
    writeTourStep(4);
    expect(readTourStep(TOUR_STEPS.length)).toBe(4);
    localStorage.setItem('kpviz.tour.step', '42');
    expect(readTourStep(TOUR_STEPS.length)).toBeNull();
    localStorage.setItem('kpviz.tour.step', 'two');
    expect(readTourStep(TOUR_STEPS.length)).toBeNull();
  });

  it('wins over a scenario asked for at the same time (a link’s own scenario)', async () => {
    const tour = store.getState().startTour(6);
    void store.getState().chooseScenario('pod-to-clusterip', 3);
    await tour;
    expect(showing()).toMatchObject({
      scenario: 'nodeport-external',
      tourMoment: 'shown',
      lit: 'nat/KUBE-MARK-MASQ#1',
    });
  });

  it('says so when the rules on screen lack the step’s moment', async () => {
    await store.getState().loadDump('*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n');
    await store.getState().startTour(1);
    expect(store.getState()).toMatchObject({ tourOpen: true, tourMoment: 'missing' });
  });

  it('leaves the player alone once ended, even with a step still being sought', async () => {
    const tour = store.getState().startTour(1);
    store.getState().endTour();
    await tour;
    expect(store.getState().tourOpen).toBe(false);
    expect(store.getState().tourMoment).toBe('seeking');
  });
});
