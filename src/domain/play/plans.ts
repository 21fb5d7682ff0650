/**
 * What a scenario plays: the packets of its conversation and the node they cross. The
 * scenarios on the rules on screen are built from one of their Services (a client outside
 * sending to its NodePort, a process of the node or a pod sending to its ClusterIP, one of its
 * own pods sending to it); the example clusters are the named scenarios of
 * domain/examples, with the rules kube-proxy writes for them.
 */
import type { Scenario } from '../examples/scenario-types.ts';
import { restoreToSave } from '../env/generate-environment.ts';
import type { DiscoveredService } from '../kube/discover-services.ts';
import { generateRules } from '../kube/generate.ts';
import { readNodeModel } from '../sim/packet-input.ts';
import type { NodeModel, PacketSpec, Protocol } from '../sim/types.ts';
import {
  insideDestination,
  ipOf,
  OUTSIDE_CLIENT_IP,
  outsideDestination,
  POD_BRIDGE,
  podPlace,
} from './service-places.ts';
import type { EndpointChoice, ScriptPacket } from './types.ts';

/** The scenarios any Service of the rules on screen can play. */
export const RULES_PLAYS = [
  'nodeport-external',
  'node-to-clusterip',
  'pod-to-clusterip',
  'hairpin',
] as const;
export type RulesPlay = (typeof RULES_PLAYS)[number];

export interface PlayPlan {
  readonly script: readonly ScriptPacket[];
  readonly model: NodeModel;
  /** The Service the packets go to, for focusing the graph; absent for a custom packet. */
  readonly service?: string;
  /** How the random split is decided unless the user says otherwise. */
  readonly choice?: EndpointChoice;
}

/** Why a scenario cannot be played on these rules. */
export type PlanProblem = 'no-service' | 'no-nodeport' | 'no-endpoints' | 'node';

export type PlanResult =
  | { readonly ok: true; readonly plan: PlayPlan }
  | { readonly ok: false; readonly problem: PlanProblem; readonly message?: string };

/** The source port every scenario's client sends from. */
const CLIENT_PORT = 40000;

const address = (text: string): { ip: string; port: number } => ({
  ip: ipOf(text),
  port: Number(text.slice(text.lastIndexOf(':') + 1)),
});

/** A connection's first packet, its answer, and the client's next packet on it. */
export function conversationOf(
  src: string,
  dst: string,
  protocol: Protocol,
  from: string,
): ScriptPacket[] {
  const to = address(dst);
  const packet: PacketSpec = {
    src,
    dst: to.ip,
    protocol,
    sport: CLIENT_PORT,
    dport: to.port,
    from,
    ...(protocol === 'tcp' ? { tcpFlags: ['SYN'] } : {}),
  };
  const tcp = protocol === 'tcp';
  return [
    { kind: 'send', label: tcp ? 'SYN' : protocol.toUpperCase(), packet },
    { kind: 'reply', label: tcp ? 'SYN-ACK' : protocol.toUpperCase(), of: 0 },
    { kind: 'again', label: tcp ? 'ACK' : protocol.toUpperCase(), of: 0 },
  ];
}

const asProtocol = (text: string): Protocol | undefined =>
  text === 'tcp' || text === 'udp' || text === 'sctp' ? text : undefined;

/** The Service a scenario plays on: the one asked for, else the first that can play it. */
function serviceFor(
  kind: RulesPlay,
  services: readonly DiscoveredService[],
  id: string | undefined,
): DiscoveredService | undefined {
  const fits = (s: DiscoveredService): boolean =>
    asProtocol(s.protocol) !== undefined &&
    s.endpoints.length > 0 &&
    (kind === 'nodeport-external'
      ? s.addresses.some((a) => a.kind === 'nodeport')
      : insideDestination(s, '0.0.0.0') !== undefined);
  return services.find((s) => s.id === id && fits(s)) ?? services.find(fits);
}

/**
 * A scenario on the rules on screen, for `serviceId` (or the first Service it fits). The node
 * holds `nodeIPs` on eth0 and a pod bridge beside the Service's endpoints, so pods' packets
 * enter and leave where they would on a real node.
 *
 * @example
 *   planOnRules('nodeport-external', services, ['192.168.0.11']);
 *   // { ok: true, plan: { script: [SYN 203.0.113.10 → 192.168.0.11:32110, SYN-ACK, ACK], … } }
 */
export function planOnRules(
  kind: RulesPlay,
  services: readonly DiscoveredService[],
  nodeIPs: readonly string[],
  serviceId?: string,
): PlanResult {
  if (services.length === 0) return { ok: false, problem: 'no-service' };
  const service = serviceFor(kind, services, serviceId);
  if (!service) {
    const anyNodePort = services.some((s) => s.addresses.some((a) => a.kind === 'nodeport'));
    return {
      ok: false,
      problem: kind === 'nodeport-external' && !anyNodePort ? 'no-nodeport' : 'no-endpoints',
    };
  }
  const own = nodeIPs.map((ip) => ip.split('/')[0] ?? ip);
  const { pod, bridge } = podPlace(service, own);
  const node = readNodeModel({ nodeIPs: [...nodeIPs], interfaces: [`${POD_BRIDGE}=${bridge}`] });
  if (!node.ok) return { ok: false, problem: 'node', message: node.message };
  const nodeIP = own[0] ?? '';
  const protocol = asProtocol(service.protocol) as Protocol;
  const inside = insideDestination(service, nodeIP) as string;
  const firstEndpoint = service.endpoints[0]?.address as string;
  const script =
    kind === 'nodeport-external'
      ? conversationOf(
          OUTSIDE_CLIENT_IP,
          outsideDestination(service, nodeIP) as string,
          protocol,
          'eth0',
        )
      : kind === 'node-to-clusterip'
        ? conversationOf(nodeIP, inside, protocol, 'local')
        : kind === 'pod-to-clusterip'
          ? conversationOf(pod, inside, protocol, POD_BRIDGE)
          : conversationOf(ipOf(firstEndpoint), inside, protocol, POD_BRIDGE);
  return {
    ok: true,
    plan: {
      script,
      model: node.value,
      service: service.id,
      // A hairpin is only a hairpin when the split picks the sender itself.
      ...(kind === 'hairpin' ? { choice: { kind: 'endpoint', dnat: firstEndpoint } } : {}),
    },
  };
}

/**
 * An example cluster's scenario: its packets as the script, its node, and the rules kube-proxy
 * (profile current) writes for its Services, as iptables-save text.
 */
export function planOfExample(scenario: Scenario): { plan: PlayPlan; rules: string } {
  const script = scenario.packets.map((p): ScriptPacket =>
    p.reply
      ? {
          kind: 'reply',
          label: p.label,
          of: p.of,
          ...(p.packet === undefined ? {} : { packet: p.packet }),
        }
      : { kind: 'send', label: p.label, packet: p.packet },
  );
  const { restore } = generateRules(scenario.objects, scenario.node);
  return { plan: { script, model: scenario.model }, rules: restoreToSave(restore) };
}
