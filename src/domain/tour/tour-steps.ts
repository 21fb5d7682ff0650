/**
 * The guided tour: the seed article's walk-through as steps, each shown at one moment of a
 * scenario the player plays. A step names its moment by what happens there (a predicate over
 * the played frames), never by an index: the frames differ with the endpoint drawn, the dump's
 * format and the kube-proxy version, and an index would silently point at another moment.
 */
import type { RulesPlay } from '../play/plans.ts';
import type { Frame } from '../play/types.ts';

/** The two entry paths the article follows: from outside the node, and from the node itself. */
export type TourScenario = Extract<RulesPlay, 'nodeport-external' | 'node-to-clusterip'>;

/** Each step's title and text are in the UI catalogue under `tour.steps.<id>`. */
export type TourStepId =
  | 'output'
  | 'prerouting'
  | 'clusterIP'
  | 'split'
  | 'dnat'
  | 'nodePorts'
  | 'mark'
  | 'masquerade'
  | 'wayBack';

export interface TourStep {
  readonly id: TourStepId;
  /** The conversation the player plays for this step. */
  readonly scenario: TourScenario;
  /** The moment shown: the first frame of that conversation for which this holds. */
  readonly shows: (frame: Frame) => boolean;
}

/** A rule of `chain` (a name, or a name prefix ending in `-`) of the nat table that matched. */
function natRule(frame: Frame, chain: string): boolean {
  if (frame.step.kind !== 'rule' || !frame.step.matched || frame.table !== 'nat') return false;
  return chain.endsWith('-') ? (frame.chain ?? '').startsWith(chain) : frame.chain === chain;
}

/** A matched nat rule of `chain` that jumps to `target` (a name, or a prefix ending in `-`). */
const jumps =
  (chain: string, target: string) =>
  (frame: Frame): boolean => {
    if (!natRule(frame, chain) || frame.step.kind !== 'rule') return false;
    const to = /^(?:jump|goto) (\S+)$/.exec(frame.step.verdict ?? '')?.[1] ?? '';
    return target.endsWith('-') ? to.startsWith(target) : to === target;
  };

/** A matched nat rule of `chain` whose target rewrote the packet in the way `kind` names. */
const rewrites =
  (chain: string, kind: 'dnat' | 'snat' | 'mark') =>
  (frame: Frame): boolean =>
    natRule(frame, chain) && frame.step.kind === 'rule' && frame.step.effect?.kind === kind;

/**
 * The tour, in the article's order: how traffic reaches KUBE-SERVICES (from the node, from
 * outside), the ClusterIP path down to a pod, then what a NodePort adds (the mark and
 * MASQUERADE), and the way back.
 */
export const TOUR_STEPS: readonly TourStep[] = [
  // A local process's packet takes the OUTPUT hook: nat OUTPUT sends it to the portals.
  { id: 'output', scenario: 'node-to-clusterip', shows: jumps('OUTPUT', 'KUBE-SERVICES') },
  // A packet from outside takes PREROUTING, and nat PREROUTING sends it to the same chain.
  {
    id: 'prerouting',
    scenario: 'nodeport-external',
    shows: jumps('PREROUTING', 'KUBE-SERVICES'),
  },
  { id: 'clusterIP', scenario: 'node-to-clusterip', shows: jumps('KUBE-SERVICES', 'KUBE-SVC-') },
  { id: 'split', scenario: 'node-to-clusterip', shows: jumps('KUBE-SVC-', 'KUBE-SEP-') },
  { id: 'dnat', scenario: 'node-to-clusterip', shows: rewrites('KUBE-SEP-', 'dnat') },
  // The last rule of KUBE-SERVICES: any destination address of this node.
  {
    id: 'nodePorts',
    scenario: 'nodeport-external',
    shows: jumps('KUBE-SERVICES', 'KUBE-NODEPORTS'),
  },
  { id: 'mark', scenario: 'nodeport-external', shows: rewrites('KUBE-MARK-MASQ', 'mark') },
  {
    id: 'masquerade',
    scenario: 'nodeport-external',
    shows: rewrites('KUBE-POSTROUTING', 'snat'),
  },
  // The reply walks no nat chain: conntrack rewrites its source back to the NodePort, the
  // moment the client is shown who answers.
  {
    id: 'wayBack',
    scenario: 'nodeport-external',
    shows: (frame) =>
      frame.role === 'reply' &&
      frame.step.kind === 'event' &&
      frame.step.event === 'nat-reverse' &&
      frame.changed.includes('sport'),
  },
];

/**
 * The index of the frame a step shows, or -1 when the conversation has no such moment (rules
 * other than the seed's: no NodePort, no endpoints).
 *
 * @example
 *   tourFrame(TOUR_STEPS[4], frames); // the KUBE-SEP-* DNAT
 */
export function tourFrame(step: TourStep, frames: readonly Frame[]): number {
  return frames.findIndex(step.shows);
}
