import type { StateCreator } from 'zustand';
import { draftPacket, placePacket, readNodeModel } from '../domain/sim/packet-input.ts';
import type { Mode } from '../domain/sim/simulate.ts';
import type { NodeModel, PacketSpec } from '../domain/sim/types.ts';
import type { TraceResult } from '../session/protocol.ts';
import type { KpvizState } from './store.ts';

/**
 * The custom packet form as the user typed it. Text stays text, so a field
 * the simulator cannot read keeps what was typed and says what is wrong.
 */
export interface PacketForm {
  /** `IP` or `IP:PORT`. */
  readonly src: string;
  /** `IP:PORT`. */
  readonly dst: string;
  readonly protocol: string;
  /** `external` (arrives from outside), `local` (a process of the node sends it) or an interface. */
  readonly from: string;
  /** The node's own addresses, `IP[/PREFIX]`, separated by commas or spaces. */
  readonly nodeIPs: string;
  /** One `NAME=CIDR[,CIDR]` a line: interfaces besides eth0 (`cni0=10.244.0.1/24`). */
  readonly interfaces: string;
  /** One path drawn at random (with `seed`), or every branch with its probability. */
  readonly mode: 'single' | 'all';
  readonly seed: number;
}

export type PacketFormField = keyof PacketForm;

/** The fields whose text is read, and so can be wrong. */
export type CheckedField = 'src' | 'dst' | 'protocol' | 'from' | 'nodeIPs' | 'interfaces';

/** What is wrong with one field, in plain words. */
export interface FieldError {
  readonly message: string;
  /**
   * False: the words are about the field's text and read after its name. True: the text
   * reads well but does not fit the rest of the node, and the words stand alone.
   */
  readonly standalone: boolean;
  /** For the interfaces: the 1-based line of the entry that is wrong. */
  readonly line?: number;
}

export type FieldErrors = Partial<Record<CheckedField, FieldError>>;

/** A trace as it came back, with the mode it was asked in (single runs show no share). */
export interface PacketTrace {
  readonly mode: Mode;
  readonly result: TraceResult;
}

export interface PacketSlice {
  packetForm: PacketForm;
  /** Problems found when the form was last traced, by field; editing a field clears its own. */
  packetErrors: FieldErrors;
  /** The last trace's answer; null before any, and after a new dump replaces the one traced. */
  packetTrace: PacketTrace | null;
  /** Whether a trace has been asked for and its answer is not in yet. */
  packetTracing: boolean;
  setPacketField: <K extends PacketFormField>(field: K, value: PacketForm[K]) => void;
  /**
   * Fill in some fields at once, e.g. with a Service's scenario; the others keep their text.
   *
   * @example
   *   useKpvizStore.getState().prefillPacket({ src: '203.0.113.10', dst: '192.168.0.11:32110' });
   */
  prefillPacket: (partial: Partial<PacketForm>) => void;
  /**
   * Read the form and, if it reads, trace the packet through the dump on screen. Resolves
   * when the answer is stored, or dropped because a newer trace or dump came first.
   */
  runTrace: () => Promise<void>;
}

/** The seed's node: the kube-proxy article's 192.168.0.11. */
export const DEFAULT_NODE_IP = '192.168.0.11';
/** The seed the CLI draws with too (`kpviz trace --seed`), so both take the same path. */
export const DEFAULT_TRACE_SEED = 1;

export const INITIAL_PACKET_FORM: PacketForm = {
  src: '',
  dst: '',
  protocol: 'tcp',
  from: 'external',
  nodeIPs: DEFAULT_NODE_IP,
  interfaces: '',
  mode: 'single',
  seed: DEFAULT_TRACE_SEED,
};

/** The interfaces field's entries, each with the line it is on (blank lines skipped). */
export function interfaceLines(text: string): { entry: string; line: number }[] {
  return text
    .split('\n')
    .map((entry, i) => ({ entry: entry.trim(), line: i + 1 }))
    .filter(({ entry }) => entry !== '');
}

/** The node's addresses as NodeInput takes them: one entry per word. */
const nodeIPEntries = (text: string): string[] => text.split(/\s+/).filter(Boolean);

/**
 * The form read as the simulator takes it, or every field's problem. The packet's own
 * fields and the node are checked apart, so one wrong field does not hide another.
 */
export function readForm(form: PacketForm): {
  errors: FieldErrors;
  request?: { packet: PacketSpec; node: NodeModel };
} {
  const errors: Partial<Record<CheckedField, FieldError>> = {};
  const lines = interfaceLines(form.interfaces);
  const draft = draftPacket({
    src: form.src,
    dst: form.dst,
    protocol: form.protocol,
    from: form.from,
  });
  if (!draft.ok) errors[draft.field] = { message: draft.message, standalone: draft.standalone };
  const node = readNodeModel({
    nodeIPs: nodeIPEntries(form.nodeIPs),
    interfaces: lines.map((l) => l.entry),
  });
  if (!node.ok) {
    // Routes are not a field of the form, so a problem is about the addresses or interfaces.
    const field = node.field === 'interfaces' ? 'interfaces' : 'nodeIPs';
    const line = field === 'interfaces' ? lines[node.index ?? -1]?.line : undefined;
    errors[field] = {
      message: node.message,
      standalone: node.standalone,
      ...(line === undefined ? {} : { line }),
    };
  }
  if (!draft.ok || !node.ok) return { errors };
  const packet = placePacket(draft.value, node.value);
  if (!packet.ok) {
    errors[packet.field] = { message: packet.message, standalone: packet.standalone };
    return { errors };
  }
  return { errors, request: { packet: packet.value, node: node.value } };
}

const modeOf = (form: PacketForm): Mode =>
  form.mode === 'all' ? { mode: 'all' } : { mode: 'single', seed: form.seed };

const without = (errors: FieldErrors, fields: readonly PacketFormField[]): FieldErrors => {
  if (!fields.some((field) => field in errors)) return errors;
  const kept: FieldErrors = { ...errors };
  for (const field of fields) delete kept[field as CheckedField];
  return kept;
};

export const createPacketSlice: StateCreator<KpvizState, [], [], PacketSlice> = (
  set,
  get,
  store,
) => {
  /** Counts traces asked for, so only the latest one's answer is shown. */
  let traceRequests = 0;
  // A new dump (or the same text loaded again) keeps the form but not the old dump's trace:
  // its rules, and the links into the graph, are gone.
  store.subscribe((state, previous) => {
    if (state.revision !== previous.revision && (state.packetTrace || state.packetTracing))
      set({ packetTrace: null, packetTracing: false });
  });
  return {
    packetForm: INITIAL_PACKET_FORM,
    packetErrors: {},
    packetTrace: null,
    packetTracing: false,
    setPacketField: (field, value) =>
      set((state) => ({
        packetForm: { ...state.packetForm, [field]: value },
        packetErrors: without(state.packetErrors, [field]),
      })),
    prefillPacket: (partial) =>
      set((state) => ({
        packetForm: { ...state.packetForm, ...partial },
        packetErrors: without(state.packetErrors, Object.keys(partial) as PacketFormField[]),
      })),
    runTrace: async () => {
      const { packetForm: form, session } = get();
      const seq = ++traceRequests;
      const { errors, request } = readForm(form);
      if (!request) {
        set({ packetErrors: errors, packetTracing: false });
        return;
      }
      const mode = modeOf(form);
      set({ packetErrors: {}, packetTracing: true });
      let result: TraceResult;
      try {
        result = await session.query('trace', { ...request, mode });
      } catch (error) {
        result = { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
      // A newer trace, or a new dump, came while this one ran: its answer is not wanted.
      if (seq !== traceRequests || get().session !== session) return;
      set({ packetTrace: { mode, result }, packetTracing: false });
    },
  };
};

export const selectPacketForm = (state: KpvizState): PacketForm => state.packetForm;
export const selectPacketErrors = (state: KpvizState): FieldErrors => state.packetErrors;
export const selectPacketTrace = (state: KpvizState): PacketTrace | null => state.packetTrace;
export const selectPacketTracing = (state: KpvizState): boolean => state.packetTracing;
