import { SEED_LISTING } from '../domain/examples/seed.ts';
import { DumpSession } from '../session/dump-session.ts';
import type { TraceResult } from '../session/protocol.ts';
import type { Session } from '../session/session-client.ts';
import { pageSessionOf } from '../session/session-client.ts';
import { INITIAL_PACKET_FORM } from './packet-slice.ts';
import { useKpvizStore } from './store.ts';

const store = useKpvizStore;

/** A session of its own for every test: loading a dump closes the one it replaces. */
beforeEach(() => {
  store.setState(store.getInitialState(), true);
  store.setState({ session: pageSessionOf(DumpSession.open(SEED_LISTING)) });
});

const SEED_NODEPORT = { src: '203.0.113.10', dst: '192.168.0.11:32110', from: 'external' };
const ENDPOINTS = ['172.17.0.2:80', '172.17.0.3:80', '172.17.0.4:80'];

/** The trace stored, which must have succeeded. */
function storedTrace() {
  const last = store.getState().packetTrace;
  if (!last?.result.ok) throw new Error(`no trace: ${JSON.stringify(last)}`);
  return { mode: last.mode, trace: last.result.trace };
}

/** A session whose trace answers wait until the test releases them, in any order. */
function heldSession(real: Session) {
  const held: { release: () => void }[] = [];
  const session: Session = {
    overview: real.overview,
    checked: real.checked,
    close: () => real.close(),
    query: (name, ...args) => {
      const answer = real.query(name, ...args);
      if (name !== 'trace') return answer;
      return new Promise((resolve) => held.push({ release: () => resolve(answer) }));
    },
  };
  return { session, held };
}

describe('packet slice', () => {
  it('starts on the seed node with an empty packet', () => {
    const { packetForm, packetErrors, packetTrace } = store.getState();
    expect(packetForm).toEqual(INITIAL_PACKET_FORM);
    expect(packetForm.nodeIPs).toBe('192.168.0.11');
    expect(packetErrors).toEqual({});
    expect(packetTrace).toBeNull();
  });

  it("traces the seed's NodePort from outside: one path, DNAT to an endpoint and MASQUERADE", async () => {
    store.getState().prefillPacket(SEED_NODEPORT);
    await store.getState().runTrace();
    const { mode, trace } = storedTrace();
    expect(mode).toEqual({ mode: 'single', seed: 1 });
    expect(trace.from).toBe('eth0');
    expect(trace.outcomes).toHaveLength(1);
    const [outcome] = trace.outcomes;
    expect(ENDPOINTS).toContain(outcome?.dnat);
    expect(outcome?.masqueraded).toBe(true);
    expect(outcome?.snat).toBe('192.168.0.11:40000');
    expect(store.getState().packetTracing).toBe(false);
  });

  it('follows every branch in mode all: three endpoints of a third each', async () => {
    store.getState().prefillPacket({ ...SEED_NODEPORT, mode: 'all' });
    await store.getState().runTrace();
    const { mode, trace } = storedTrace();
    expect(mode).toEqual({ mode: 'all' });
    expect(trace.outcomes.map((o) => o.dnat).sort()).toEqual(ENDPOINTS);
    for (const o of trace.outcomes) expect(o.probability).toBeCloseTo(1 / 3, 4);
  });

  it('keeps what was typed and says what is wrong, field by field, without tracing', async () => {
    const query = vi.spyOn(store.getState().session, 'query');
    store.getState().prefillPacket({ src: '10.0.0.256', dst: '192.168.0.11:32110' });
    store.getState().setPacketField('nodeIPs', '192.168.0.11 banana');
    await store.getState().runTrace();
    const { packetForm, packetErrors, packetTrace } = store.getState();
    expect(packetForm.src).toBe('10.0.0.256');
    expect(packetForm.dst).toBe('192.168.0.11:32110');
    expect(packetForm.nodeIPs).toBe('192.168.0.11 banana');
    expect(packetErrors).toEqual({
      src: { message: '"10.0.0.256" is not an IPv4 address', standalone: false },
      nodeIPs: { message: '"banana" is not an IPv4 address', standalone: false },
    });
    expect(packetTrace).toBeNull();
    expect(query).not.toHaveBeenCalled();
  });

  it('names the line of a wrong interface, blank lines counted', async () => {
    store.getState().prefillPacket({
      ...SEED_NODEPORT,
      interfaces: 'cni0=10.244.0.1/24\n\nflannel.1=10.244.0.0',
    });
    await store.getState().runTrace();
    expect(store.getState().packetErrors.interfaces).toEqual({
      message: '"flannel.1=10.244.0.0": "10.244.0.0" needs a prefix length (10.244.0.0/24)',
      standalone: false,
      line: 3,
    });
  });

  it('says when the packet enters on an interface the node lacks', async () => {
    store.getState().prefillPacket({ ...SEED_NODEPORT, from: 'cni0' });
    await store.getState().runTrace();
    expect(store.getState().packetErrors).toEqual({
      from: { message: 'the node has no interface "cni0" (it has lo, eth0)', standalone: true },
    });
    store.getState().setPacketField('interfaces', 'cni0=10.244.0.1/24');
    await store.getState().runTrace();
    expect(store.getState().packetErrors).toEqual({});
    expect(storedTrace().trace.from).toBe('cni0');
  });

  it('clears a field’s problem when the field is edited, and only that one', async () => {
    store.getState().prefillPacket({ src: 'x', dst: '', nodeIPs: '' });
    await store.getState().runTrace();
    expect(Object.keys(store.getState().packetErrors).sort()).toEqual(['nodeIPs', 'src']);
    store.getState().setPacketField('src', '10.0.0.1');
    expect(Object.keys(store.getState().packetErrors)).toEqual(['nodeIPs']);
    store.getState().prefillPacket({ nodeIPs: '192.168.0.11', protocol: 'udp' });
    expect(store.getState().packetErrors).toEqual({});
    expect(store.getState().packetForm).toMatchObject({ src: '10.0.0.1', protocol: 'udp' });
  });

  it('keeps the form but drops the old trace when a new dump is shown', async () => {
    store.getState().prefillPacket(SEED_NODEPORT);
    await store.getState().runTrace();
    expect(store.getState().packetTrace).not.toBeNull();
    store.getState().loadExample();
    expect(store.getState().packetTrace).toBeNull();
    expect(store.getState().packetForm).toMatchObject(SEED_NODEPORT);
  });

  it('drops an answer that comes after a new dump replaced the one traced', async () => {
    store.getState().prefillPacket(SEED_NODEPORT);
    const running = store.getState().runTrace();
    expect(store.getState().packetTracing).toBe(true);
    store.getState().loadExample();
    await running;
    expect(store.getState().packetTrace).toBeNull();
    expect(store.getState().packetTracing).toBe(false);
  });

  it('shows the latest trace asked for, whichever answer comes first', async () => {
    const { session, held } = heldSession(store.getState().session);
    store.setState({ session });
    store.getState().prefillPacket({ ...SEED_NODEPORT, mode: 'single' });
    const first = store.getState().runTrace();
    store.getState().setPacketField('mode', 'all');
    const second = store.getState().runTrace();
    await vi.waitFor(() => expect(held).toHaveLength(2));
    held[1]?.release();
    await second;
    held[0]?.release();
    await first;
    expect(storedTrace().mode).toEqual({ mode: 'all' });
    expect(store.getState().packetTracing).toBe(false);
  });

  it('stores why a trace could not be asked for', async () => {
    const failing: Session = {
      ...store.getState().session,
      query: () => Promise.reject(new Error('the dump worker stopped')),
    };
    store.setState({ session: failing });
    store.getState().prefillPacket(SEED_NODEPORT);
    await store.getState().runTrace();
    const expected: TraceResult = { ok: false, message: 'the dump worker stopped' };
    expect(store.getState().packetTrace?.result).toEqual(expected);
  });
});
