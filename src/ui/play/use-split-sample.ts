import { useRef, useState } from 'react';
import type { NodeModel, PacketSpec } from '../../domain/sim/types.ts';
import type { SampleResult } from '../../session/protocol.ts';
import type { Session } from '../../session/session-client.ts';
import { selectSession } from '../../store/rules-slice.ts';
import { useKpvizStore } from '../../store/store.ts';

/** How many new connections one press sends: enough for a spread, quick in the worker. */
export const SAMPLE_SIZE = 1000;

export interface SplitSample {
  readonly sending: boolean;
  /** The last answer for this key and dump; undefined before one or while a newer is asked. */
  readonly result: SampleResult | undefined;
  /** Send SAMPLE_SIZE first packets like `packet` through the rules, each with its own draw. */
  readonly send: (packet: PacketSpec, model: NodeModel) => void;
}

interface Answer {
  readonly session: Session;
  readonly key: string;
  /** Which press it answers: only the latest press's answer is shown. */
  readonly press: number;
  readonly result?: SampleResult;
}

/**
 * Packets sent on the user's press (not an effect: nothing is sent unasked), their answer
 * kept with the dump and `key` it is for, so another split or dump never shows it. Each
 * press draws with the next 1,000 seeds, so pressing again shows another honest spread.
 *
 * @example
 *   const sample = useSplitSample(`nat/KUBE-SVC-… ${JSON.stringify(packet)}`);
 *   <button onClick={() => sample.send(packet, model)}>…</button>
 */
export function useSplitSample(key: string | null): SplitSample {
  const session = useKpvizStore(selectSession);
  const [answer, setAnswer] = useState<Answer>();
  const presses = useRef(0);
  const send = (packet: PacketSpec, model: NodeModel): void => {
    if (key === null) return;
    const press = ++presses.current;
    setAnswer({ session, key, press });
    const seed = 1 + (press - 1) * SAMPLE_SIZE;
    session.query('sample', { packet, model, count: SAMPLE_SIZE, seed }).then(
      (result) => setAnswer((now) => (now?.press === press ? { ...now, result } : now)),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        const result: SampleResult = { ok: false, message };
        setAnswer((now) => (now?.press === press ? { ...now, result } : now));
      },
    );
  };
  const current = answer?.session === session && answer.key === key ? answer : undefined;
  return { sending: current !== undefined && !current.result, result: current?.result, send };
}
