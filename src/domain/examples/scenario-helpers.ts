/**
 * What callers of the scenarios need besides the data: the kernel's figures
 * for kube-proxy's random endpoint choice, each packet's expectation under a
 * profile, and the packet a reply sends once the simulator has traced its
 * request.
 */
import type { ProfileName } from '../kube/node-settings.ts';
import { kernelProbability } from '../model/ext/probability.ts';
import { formatProbability as kubeProxyProbability } from '../kube/probability.ts';
import { replyPacket } from '../sim/simulate.ts';
import type { NodeModel, Outcome, PacketSpec } from '../sim/types.ts';
import type {
  Scenario,
  ScenarioExpectation,
  ScenarioPacket,
  ScenarioReply,
} from './scenario-types.ts';

/**
 * The decimals of kube-proxy's computeProbability (`%0.Nf` of 1/n): 10 since
 * v1.17 (kubernetes/kubernetes#83599), 5 in v1.9, the legacy profile.
 */
const PROBABILITY_DECIMALS: Readonly<Record<ProfileName, number>> = { current: 10, legacy: 5 };

/** The `--probability` text kube-proxy writes for the rule with `remaining` endpoints left: 1/remaining. */
export function probabilityText(remaining: number, profile: ProfileName): string {
  return kubeProxyProbability(remaining, PROBABILITY_DECIMALS[profile]);
}

/**
 * The chance each of `n` endpoints (in kube-proxy's order) is picked by its
 * statistic rules, with the probabilities the kernel holds: rule i matches
 * with kernelProbability(1/(n−i) as kube-proxy writes it), the last rule
 * always. So three endpoints under profile current get 0.33333333349 (the
 * stored 715827883/2^31), then half of the rest each, 0.333333333256…; under
 * legacy 0.33332999982 (715820724/2^31), then 0.333335000090… each. Computed in
 * doubles: each figure is within 1e-15 of the exact rational.
 */
export function endpointShares(n: number, profile: ProfileName): number[] {
  const shares: number[] = [];
  let rest = 1;
  for (let i = 0; i < n; i++) {
    if (i === n - 1) {
      shares.push(rest);
      break;
    }
    const p = kernelProbability(probabilityText(n - i, profile));
    shares.push(rest * p);
    rest *= 1 - p;
  }
  return shares;
}

/** A packet's expectation under `profile`: its per-profile one, else the common one. */
export function expectationFor(packet: ScenarioPacket, profile: ProfileName): ScenarioExpectation {
  return packet.expectByProfile?.[profile] ?? packet.expect;
}

/** One packet of a scenario as a profile runs it. */
export interface ProfilePacket {
  /** Index in the scenario's `packets` (what `of` and `sameAsPacket` refer to). */
  readonly index: number;
  readonly packet: ScenarioPacket;
  readonly expect: ScenarioExpectation;
}

/**
 * The packets a profile sends, in order: a reply is left out where its
 * request is not accepted under that profile, as there is no connection to
 * answer.
 */
export function packetsFor(scenario: Scenario, profile: ProfileName): ProfilePacket[] {
  const out: ProfilePacket[] = [];
  scenario.packets.forEach((packet, index) => {
    if (packet.reply) {
      const request = scenario.packets[packet.of];
      if (!request || expectationFor(request, profile).verdict !== 'ACCEPT') return;
    }
    out.push({ index, packet, expect: expectationFor(packet, profile) });
  });
  return out;
}

/**
 * The packet a scenario's reply sends, given the outcome the simulator traced
 * for the request it answers: the simulator's replyPacket() (the reply tuple
 * of the request's conntrack entry, entering by the interface the route to
 * the endpoint leaves by, or from a local process when the endpoint is the
 * node), with the reply's own header fields on top. Undefined when the
 * request left no conntrack entry (it was dropped), so nothing answers, or
 * when no route of the node leads back to the endpoint.
 */
export function replyFor(
  reply: ScenarioReply,
  request: Outcome,
  model: NodeModel,
): PacketSpec | undefined {
  const packet = replyPacket(request, model);
  return packet && { ...packet, ...reply.packet };
}
