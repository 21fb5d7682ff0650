/**
 * Named scenarios: a cluster's objects, the node, and packets with what
 * kube-proxy's rules and the kernel do to each, written from kube-proxy's
 * source (syncProxyRules of the v1.27+ and v1.9 proxiers, kubelet's
 * syncNetworkUtil; docs/kube-proxy-rules.md) and the kernel's netfilter, not
 * from any simulator's output. They are for the simulator, its CLI, the
 * kernel-truth tests and the UI, each run under both profiles.
 *
 * One node for all: node-1, 192.168.0.11/24 on eth0 (default route via
 * 192.168.0.1), its pods on cni0 (10.244.1.1/24), node-2's pods 10.244.2.0/24
 * via 192.168.0.12; --cluster-cidr 10.244.0.0/16. The load-balancer scenarios
 * add the load-balancer IPs to it where a cloud would.
 */
import type { NodeSettings, ProfileName } from '../kube/node-settings.ts';
import type { NodeModel, PacketSpec } from '../sim/types.ts';
import { endpointShares } from './scenario-helpers.ts';
import {
  ECHO_LOCAL_MANIFEST,
  ECHO_REMOTE_MANIFEST,
  IDLE_MANIFEST,
  KUBE_DNS_MANIFEST,
  NGINX_MANIFEST,
  STICKY_MANIFEST,
  WEB_LB_MANIFEST,
  WEB_LB_RANGES_MANIFEST,
} from './scenario-manifests.ts';
import type { Manifest } from './scenario-manifests.ts';
import type {
  DnatBranch,
  Scenario,
  ScenarioExpectation,
  ScenarioPacket,
  ScenarioReply,
  ScenarioRequest,
  ServicePortRef,
} from './scenario-types.ts';

export type * from './scenario-types.ts';
export {
  endpointShares,
  expectationFor,
  packetsFor,
  probabilityText,
  replyFor,
} from './scenario-helpers.ts';
export { kernelProbability, storedProbability } from '../model/ext/probability.ts';
export type { ProfilePacket } from './scenario-helpers.ts';

const NODE_IP = '192.168.0.11';
/** cni0's address: what MASQUERADE gives packets leaving toward this node's pods. */
const CNI0_IP = '10.244.1.1';
/** A client on the internet, reaching the node through eth0. */
const EXTERNAL_CLIENT = '203.0.113.7';
/** A client inside the load balancer's source ranges, also through eth0. */
const ALLOWED_CLIENT = '192.0.2.50';
/** A pod on this node (not an endpoint of any scenario's Service). */
const POD_CLIENT = '10.244.1.5';

/**
 * kube-proxy on node-1. --cluster-cidr makes the local-traffic detector
 * `-s 10.244.0.0/16`: pod traffic to a ClusterIP keeps its source, other
 * sources are masqueraded. localhostNodePorts is left at its default (true).
 */
export const SCENARIO_NODE: NodeSettings = {
  nodeName: 'node-1',
  nodeIPs: [NODE_IP],
  clusterCIDR: '10.244.0.0/16',
  masqueradeAll: false,
  masqueradeBit: 14,
  randomFully: false,
  profile: 'current',
};

/**
 * node-1's kernel. route_localnet is 1 because kube-proxy sets it: the v1.9
 * proxier's NewProxier always did; current ones do when localhost node ports
 * are on (--iptables-localhost-nodeports, default true) and
 * --nodeport-addresses leaves 127.0.0.1 in (the default: every address),
 * so that 127.0.0.1:NodePort can be DNATed off the loopback.
 */
export const SCENARIO_MODEL: NodeModel = {
  interfaces: [
    { name: 'lo', addresses: ['127.0.0.1/8'] },
    { name: 'eth0', addresses: [`${NODE_IP}/24`] },
    { name: 'cni0', addresses: [`${CNI0_IP}/24`] },
  ],
  routes: [
    { destination: '0.0.0.0/0', dev: 'eth0', via: '192.168.0.1' },
    { destination: '10.244.2.0/24', dev: 'eth0', via: '192.168.0.12' },
  ],
  ipForward: true,
  routeLocalnet: true,
};

/**
 * node-1 where the cloud makes load-balancer IPs local, as GCE's guest agent
 * does with a `local` route on eth0: the load balancer delivers packets with
 * its IP as destination, and `-m addrtype --dst-type LOCAL` holds for it.
 */
export const SCENARIO_MODEL_LB_LOCAL: NodeModel = {
  ...SCENARIO_MODEL,
  interfaces: SCENARIO_MODEL.interfaces.map((i) =>
    i.name === 'eth0'
      ? { ...i, addresses: [...i.addresses, '198.51.100.10/32', '198.51.100.11/32'] }
      : i,
  ),
};

const PROFILES: readonly ProfileName[] = ['current', 'legacy'];

const ipOf = (ipPort: string): string => ipPort.slice(0, ipPort.lastIndexOf(':'));

/** Where a packet to a pod leaves node-1, and the source MASQUERADE gives it there. */
function towardPod(ip: string): { outInterface: string; snat: string } {
  // MASQUERADE takes the out interface's address on the next hop's subnet: cni0's for
  // this node's pods, eth0's for pods behind node-2.
  return ip.startsWith('10.244.1.')
    ? { outInterface: 'cni0', snat: CNI0_IP }
    : { outInterface: 'eth0', snat: NODE_IP };
}

/**
 * kube-proxy's random choice among `endpoints` (`ip:port`, in its order: by
 * endpoint string), with the kernel's probabilities, for a packet from `src`
 * that kube-proxy marks for masquerade (`marked`, per endpoint for the
 * hairpin). MASQUERADE only rewrites a source that is not already the out
 * interface's address: otherwise the kernel keeps the tuple and records no
 * source NAT.
 */
function spread(
  profile: ProfileName,
  src: string,
  endpoints: readonly string[],
  marked: boolean | ((endpoint: string) => boolean),
): DnatBranch[] {
  const shares = endpointShares(endpoints.length, profile);
  return endpoints.map((to, i) => {
    const leg = towardPod(ipOf(to));
    const masq = (typeof marked === 'function' ? marked(to) : marked) && leg.snat !== src;
    return {
      to,
      probability: shares[i] ?? 0,
      masqueraded: masq,
      ...(masq ? { snat: leg.snat } : {}),
      outInterface: leg.outInterface,
    };
  });
}

/** A new connection accepted and DNATed to one of `endpoints`. */
function dnatTo(
  profile: ProfileName,
  packet: PacketSpec,
  endpoints: readonly string[],
  marked: boolean | ((endpoint: string) => boolean),
  extra: Partial<ScenarioExpectation> = {},
): ScenarioExpectation {
  const branches = spread(profile, packet.src, endpoints, marked);
  const flags = new Set(branches.map((b) => b.masqueraded));
  const same = flags.size === 1;
  return {
    verdict: 'ACCEPT',
    delivery: packet.from === 'local' ? 'output' : 'forward',
    // Per-branch flags only where they differ.
    dnat: same ? branches.map(({ masqueraded: _m, ...b }) => b) : branches,
    masqueraded: same ? [...flags][0] === true : 'depends',
    ctState: 'NEW',
    ...extra,
  };
}

/** A new connection stopped by a filter-table rule. */
function stopped(
  verdict: 'DROP' | 'REJECT',
  hook: 'INPUT' | 'FORWARD' | 'OUTPUT',
  chain: string,
  note: string,
): ScenarioExpectation {
  return {
    verdict,
    delivery: null,
    dnat: [{ to: null, probability: 1 }],
    masqueraded: false,
    ctState: 'NEW',
    verdictAt: { hook, table: 'filter', chain },
    ...(verdict === 'REJECT' ? { rejectWith: 'icmp-port-unreachable' as const } : {}),
    note,
  };
}

/** What a profile does to a request: fixed, or worked out from the profile and the packet. */
type Expected =
  ScenarioExpectation | ((profile: ProfileName, packet: PacketSpec) => ScenarioExpectation);

const expectedFor = (e: Expected, profile: ProfileName, packet: PacketSpec): ScenarioExpectation =>
  typeof e === 'function' ? e(profile, packet) : e;

/** The current profile's expectation and the legacy one's. */
const byProfile =
  (current: Expected, legacy: Expected): Expected =>
  (profile, packet) =>
    expectedFor(profile === 'current' ? current : legacy, profile, packet);

/** dnatTo() under every profile. */
const balanced =
  (
    endpoints: readonly string[],
    marked: boolean | ((endpoint: string) => boolean),
    extra: Partial<ScenarioExpectation> = {},
  ): Expected =>
  (profile, packet) =>
    dnatTo(profile, packet, endpoints, marked, extra);

/** `expect` and, where legacy's differs, `expectByProfile`. */
function perProfile(
  build: (profile: ProfileName) => ScenarioExpectation,
): Pick<ScenarioRequest, 'expect' | 'expectByProfile'> {
  const expect = build('current');
  const legacy = build('legacy');
  return JSON.stringify(legacy) === JSON.stringify(expect)
    ? { expect }
    : { expect, expectByProfile: { legacy } };
}

const tcp = (src: string, sport: number, dst: string, dport: number, from: string): PacketSpec => ({
  src,
  dst,
  protocol: 'tcp',
  sport,
  dport,
  tcpFlags: ['SYN'],
  from,
});

/** A client's packet, with what each profile does to it. */
const request = (label: string, packet: PacketSpec, expected: Expected): ScenarioRequest => ({
  label,
  packet,
  ...perProfile((profile) => expectedFor(expected, profile, packet)),
});

/** The endpoint's answer to the request before it, leaving by `outInterface` (absent: delivered locally). */
interface Answer {
  readonly replyLabel: string;
  readonly outInterface?: string;
}

const answer = (replyLabel: string, outInterface?: string): Answer =>
  outInterface === undefined ? { replyLabel } : { replyLabel, outInterface };

const SYN_ACK = 'SYN-ACK from the chosen pod';

/**
 * The endpoint's answer to packets[of]: conntrack undoes the connection's
 * NAT, so it leaves from the address the client connected to, to the
 * client. It leaves by `outInterface` (absent when delivered locally).
 */
function replyTo(
  label: string,
  of: number,
  req: ScenarioRequest,
  outInterface?: string,
): ScenarioReply {
  const { src, sport, dst, dport } = req.packet;
  return {
    label,
    reply: true,
    of,
    expect: {
      verdict: 'ACCEPT',
      delivery: outInterface === undefined ? 'local' : 'forward',
      dnat: [{ to: null, probability: 1, ...(outInterface ? { outInterface } : {}) }],
      masqueraded: false,
      ctState: 'ESTABLISHED',
      final: { src: `${dst}:${dport ?? 0}`, dst: `${src}:${sport ?? 0}` },
    },
  };
}

/** A scenario's packets: each answer built from the request before it. */
function conversation(steps: readonly (ScenarioRequest | Answer)[]): ScenarioPacket[] {
  const packets: ScenarioPacket[] = [];
  let last = -1;
  for (const step of steps) {
    if ('replyLabel' in step) {
      const req = packets[last];
      if (!req || req.reply) throw new Error(`reply "${step.replyLabel}" follows no request`);
      packets.push(replyTo(step.replyLabel, last, req, step.outInterface));
    } else {
      last = packets.length;
      packets.push(step);
    }
  }
  return packets;
}

const port = (
  namespace: string,
  service: string,
  portName: string,
  protocol: ServicePortRef['protocol'] = 'TCP',
): ServicePortRef => ({ namespace, service, portName, protocol });

/** `relies` where both profiles go through the same chains. */
const both = (...chains: string[]): Scenario['relies'] => ({ current: chains, legacy: chains });

/** A scenario on node-1 (SCENARIO_NODE), on SCENARIO_MODEL unless it says otherwise. */
type ScenarioSpec = Omit<Scenario, 'manifest' | 'objects' | 'node' | 'model'> & {
  readonly manifest: Manifest;
  readonly model?: NodeModel;
};

function scenario(spec: ScenarioSpec): Scenario {
  return {
    id: spec.id,
    title: spec.title,
    summary: spec.summary,
    manifest: spec.manifest.text,
    objects: spec.manifest.objects,
    node: SCENARIO_NODE,
    model: spec.model ?? SCENARIO_MODEL,
    servicePort: spec.servicePort,
    relies: spec.relies,
    ...(spec.lacks ? { lacks: spec.lacks } : {}),
    packets: spec.packets,
  };
}

const NGINX_PORT = port('default', 'nginx', '');
const NGINX = ['10.244.1.2:80', '10.244.1.3:80', '10.244.2.2:80'] as const;
const WEB = ['10.244.1.4:8080', '10.244.2.4:8080'] as const;
const STICKY = ['10.244.1.11:80', '10.244.1.12:80', '10.244.2.11:80'] as const;
const DNS = ['10.244.1.8:53', '10.244.2.9:53'] as const;

const NGINX_CLUSTER_IP = '10.96.100.10';

const nodeportExternal = scenario({
  id: 'nodeport-external',
  title: 'External client → NodePort',
  summary:
    "A client outside the cluster connects to the node's address on NodePort 30080. KUBE-NODEPORTS sends it through KUBE-EXT (current) or straight to KUBE-SVC (legacy), both via KUBE-MARK-MASQ, so after the random DNAT to one of the three nginx pods it is masqueraded: the pod answers the node, which undoes both translations.",
  manifest: NGINX_MANIFEST,
  servicePort: NGINX_PORT,
  relies: {
    current: ['KUBE-NODEPORTS', 'KUBE-EXT-', 'KUBE-SVC-', 'KUBE-SEP-', 'KUBE-MARK-MASQ'],
    legacy: ['KUBE-NODEPORTS', 'KUBE-SVC-', 'KUBE-SEP-', 'KUBE-MARK-MASQ'],
  },
  lacks: { legacy: ['KUBE-EXT-'] },
  packets: conversation([
    request(
      'SYN from 203.0.113.7 to 192.168.0.11:30080',
      tcp(EXTERNAL_CLIENT, 40010, NODE_IP, 30080, 'eth0'),
      balanced(NGINX, true),
    ),
    answer(SYN_ACK, 'eth0'),
  ]),
});

const nodeToClusterIP = scenario({
  id: 'node-to-clusterip',
  title: 'Node process → ClusterIP',
  summary:
    "A process on the node connects to nginx's ClusterIP through nat OUTPUT. Its source, the node's own address, is outside --cluster-cidr, so kube-proxy's `! -s 10.244.0.0/16 -j KUBE-MARK-MASQ` marks it, and MASQUERADE rewrites it to 10.244.1.1 toward this node's pods. Toward node-2's pod the source is already eth0's address, so the kernel keeps the tuple and records no source NAT.",
  manifest: NGINX_MANIFEST,
  servicePort: NGINX_PORT,
  relies: both('KUBE-SERVICES', 'KUBE-SVC-', 'KUBE-SEP-', 'KUBE-MARK-MASQ'),
  packets: conversation([
    request(
      `SYN from the node to ${NGINX_CLUSTER_IP}:80`,
      tcp(NODE_IP, 40020, NGINX_CLUSTER_IP, 80, 'local'),
      balanced(NGINX, true, {
        note: 'Every branch is marked and meets MASQUERADE; only the cni0 branches change address.',
      }),
    ),
    answer(SYN_ACK),
  ]),
});

const podToClusterIP = scenario({
  id: 'pod-to-clusterip',
  title: 'Pod → ClusterIP',
  summary:
    "A pod on this node connects to nginx's ClusterIP. Its source is inside --cluster-cidr, so it is DNATed to a pod but not masqueraded: the endpoint sees the client pod's own address. A pod on the same bridge answers without going through the node's routing; kube-proxy needs br_netfilter (bridge-nf-call-iptables=1) for conntrack to see that reply, which kpviz models as entering on cni0.",
  manifest: NGINX_MANIFEST,
  servicePort: NGINX_PORT,
  relies: both('KUBE-SERVICES', 'KUBE-SVC-', 'KUBE-SEP-'),
  packets: conversation([
    request(
      `SYN from pod ${POD_CLIENT} to ${NGINX_CLUSTER_IP}:80`,
      tcp(POD_CLIENT, 40030, NGINX_CLUSTER_IP, 80, 'cni0'),
      balanced(NGINX, false),
    ),
    answer(SYN_ACK, 'cni0'),
  ]),
});

const HAIRPIN_POD = '10.244.1.2';

const hairpin = scenario({
  id: 'hairpin',
  title: 'Hairpin: a pod reaches its own Service',
  summary:
    "nginx pod 10.244.1.2 connects to its own Service. Only when the random choice picks 10.244.1.2 itself does its KUBE-SEP chain's `-s 10.244.1.2 -j KUBE-MARK-MASQ` match, so that branch alone is masqueraded, to 10.244.1.1: otherwise the pod would get a SYN from itself and answer itself directly, bypassing the node's conntrack. That branch leaves by the bridge port it came in on, which takes the port's hairpin mode (not modelled).",
  manifest: NGINX_MANIFEST,
  servicePort: NGINX_PORT,
  relies: both('KUBE-SERVICES', 'KUBE-SVC-', 'KUBE-SEP-', 'KUBE-MARK-MASQ'),
  packets: conversation([
    request(
      `SYN from pod ${HAIRPIN_POD} to its own Service ${NGINX_CLUSTER_IP}:80`,
      tcp(HAIRPIN_POD, 40040, NGINX_CLUSTER_IP, 80, 'cni0'),
      balanced(NGINX, (to) => ipOf(to) === HAIRPIN_POD),
    ),
    answer(SYN_ACK, 'cni0'),
  ]),
});

const loadBalancer = scenario({
  id: 'loadbalancer',
  title: 'External client → LoadBalancer IP',
  summary:
    "The load balancer delivers the client's packet with its own IP, 198.51.100.10, as destination, which the node holds as a local address (as on GCE). kube-proxy's rule for the load-balancer IP goes to KUBE-EXT (current) or to KUBE-FW (legacy, which uses it even without source ranges); both masquerade and DNAT to one of the two pods.",
  manifest: WEB_LB_MANIFEST,
  model: SCENARIO_MODEL_LB_LOCAL,
  servicePort: port('default', 'web-lb', 'http'),
  relies: {
    current: ['KUBE-EXT-', 'KUBE-SVC-', 'KUBE-SEP-'],
    legacy: ['KUBE-FW-', 'KUBE-SVC-', 'KUBE-SEP-'],
  },
  lacks: { current: ['KUBE-FW-'] },
  packets: conversation([
    request(
      'SYN from 203.0.113.7 to 198.51.100.10:80',
      tcp(EXTERNAL_CLIENT, 40050, '198.51.100.10', 80, 'eth0'),
      balanced(WEB, true),
    ),
    answer(SYN_ACK, 'eth0'),
  ]),
});

const RANGES_LB_IP = '198.51.100.11';

/** The refused client's SYN to the restricted load-balancer IP, under each profile. */
const refusedByRanges = (routed: boolean): Expected =>
  byProfile(
    stopped(
      'DROP',
      routed ? 'FORWARD' : 'INPUT',
      'KUBE-PROXY-FIREWALL',
      `No KUBE-FW rule matches the source, so the packet leaves nat PREROUTING un-DNATed; KUBE-PROXY-FIREWALL's "traffic not accepted by KUBE-FW-…" rule for ${RANGES_LB_IP}:80 drops it (jumped to with --ctstate NEW from INPUT, FORWARD and OUTPUT).`,
    ),
    routed
      ? {
          verdict: 'ACCEPT',
          delivery: 'forward',
          dnat: [{ to: null, probability: 1, snat: NODE_IP, outInterface: 'eth0' }],
          masqueraded: true,
          ctState: 'NEW',
          note: "KUBE-MARK-DROP's mark (0x8000) is only acted on by kubelet's KUBE-FIREWALL, jumped to from INPUT and OUTPUT; the packet is forwarded, un-DNATed, toward the default gateway. KUBE-FW's first rule marked it for masquerade too, so KUBE-FORWARD accepts it and KUBE-POSTROUTING masquerades it.",
        }
      : stopped(
          'DROP',
          'INPUT',
          'KUBE-FIREWALL',
          "KUBE-FW masquerade-marks every packet, then jumps to KUBE-SVC only for 192.0.2.0/24; the rest reach its last rule, KUBE-MARK-DROP (mark 0x8000), and kubelet's KUBE-FIREWALL drops the mark in INPUT.",
        ),
  );

const rangesScenario = (routed: boolean): Omit<ScenarioSpec, 'id' | 'title' | 'summary'> => ({
  manifest: WEB_LB_RANGES_MANIFEST,
  model: routed ? SCENARIO_MODEL : SCENARIO_MODEL_LB_LOCAL,
  servicePort: port('default', 'web-lb-ranges', 'http'),
  relies: {
    current: ['KUBE-FW-', 'KUBE-EXT-', 'KUBE-SVC-', 'KUBE-SEP-', 'KUBE-PROXY-FIREWALL'],
    legacy: ['KUBE-FW-', 'KUBE-SVC-', 'KUBE-SEP-', 'KUBE-MARK-DROP', 'KUBE-FIREWALL'],
  },
  packets: conversation([
    request(
      `SYN from ${EXTERNAL_CLIENT} (outside the ranges) to ${RANGES_LB_IP}:80`,
      tcp(EXTERNAL_CLIENT, routed ? 40064 : 40060, RANGES_LB_IP, 80, 'eth0'),
      refusedByRanges(routed),
    ),
    request(
      `SYN from ${ALLOWED_CLIENT} (inside 192.0.2.0/24) to ${RANGES_LB_IP}:80`,
      tcp(ALLOWED_CLIENT, routed ? 40065 : 40061, RANGES_LB_IP, 80, 'eth0'),
      byProfile(
        balanced(WEB, true, {
          note: 'KUBE-FW\'s "-s 192.0.2.0/24" rule jumps to KUBE-EXT, which masquerades and balances.',
        }),
        balanced(WEB, true, {
          note: 'KUBE-FW masquerade-marks, then its "-s 192.0.2.0/24" rule jumps to KUBE-SVC; the DNAT ends the chain before KUBE-MARK-DROP.',
        }),
      ),
    ),
    answer(SYN_ACK, 'eth0'),
    ...(routed
      ? []
      : [
          request(
            `SYN from ${EXTERNAL_CLIENT} to the same Service's NodePort ${NODE_IP}:30085`,
            tcp(EXTERNAL_CLIENT, 40062, NODE_IP, 30085, 'eth0'),
            balanced(WEB, true, {
              note: 'Node ports are not subject to loadBalancerSourceRanges: KUBE-NODEPORTS jumps past KUBE-FW.',
            }),
          ),
          answer(SYN_ACK, 'eth0'),
        ]),
  ]),
});

const loadBalancerSourceRanges = scenario({
  id: 'loadbalancer-source-ranges',
  title: 'LoadBalancer with loadBalancerSourceRanges',
  summary:
    "Only 192.0.2.0/24 may use the load-balancer IP. In nat, KUBE-FW-… sends allowed sources on to be DNATed and lets the rest through untranslated: current kube-proxy drops those in filter KUBE-PROXY-FIREWALL, legacy marks them with kubelet's KUBE-MARK-DROP for kubelet's KUBE-FIREWALL to drop (both in INPUT, the IP being local). The same Service's NodePort admits every source (\"nodeports are not subject to loadBalancerSourceRanges\").",
  ...rangesScenario(false),
});

const loadBalancerSourceRangesRouted = scenario({
  id: 'loadbalancer-source-ranges-routed',
  title: 'Source ranges when the load-balancer IP is only routed to the node',
  summary:
    "The same Service, but the load-balancer IP is routed to the node (as with BGP-announced addresses) rather than one of its addresses, so a refused packet is forwarded. Current kube-proxy still drops it, as KUBE-PROXY-FIREWALL is jumped to from FORWARD too; legacy's drop mark is checked only in INPUT and OUTPUT, so the packet leaves untranslated toward the default gateway, masqueraded.",
  ...rangesScenario(true),
});

const IDLE_CLUSTER_IP = '10.96.100.30';

const noEndpoints = scenario({
  id: 'no-endpoints',
  title: 'Service without endpoints: REJECT',
  summary:
    "Service idle has no endpoints, so kube-proxy writes filter-table REJECT rules: clients get ICMP port unreachable (REJECT's default), a refused connection rather than a timeout. Current kube-proxy rejects ClusterIP traffic in KUBE-SERVICES (jumped to from FORWARD and OUTPUT) and NodePort traffic in KUBE-EXTERNAL-SERVICES; v1.9 jumped to filter KUBE-SERVICES only from INPUT and OUTPUT, so a pod's packet to the ClusterIP is forwarded to the default gateway unchanged (kubernetes/kubernetes#48719).",
  manifest: IDLE_MANIFEST,
  servicePort: port('default', 'idle', ''),
  relies: {
    current: ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES'],
    // v1.9 declares the Service's KUBE-SVC chain even without endpoints, empty.
    legacy: ['KUBE-SERVICES', 'KUBE-SVC-'],
  },
  lacks: { current: ['KUBE-SVC-', 'KUBE-EXT-'] },
  packets: [
    request(
      `SYN from pod ${POD_CLIENT} to ${IDLE_CLUSTER_IP}:80`,
      tcp(POD_CLIENT, 40070, IDLE_CLUSTER_IP, 80, 'cni0'),
      byProfile(
        stopped(
          'REJECT',
          'FORWARD',
          'KUBE-SERVICES',
          'No nat rule matches (current kube-proxy writes none for a Service without endpoints); the packet is routed toward the default gateway and filter KUBE-SERVICES rejects it: "default/idle has no endpoints".',
        ),
        {
          verdict: 'ACCEPT',
          delivery: 'forward',
          dnat: [{ to: null, probability: 1, outInterface: 'eth0' }],
          masqueraded: false,
          ctState: 'NEW',
          note: 'The REJECT rule is in filter KUBE-SERVICES, which v1.9 jumps to from INPUT and OUTPUT only; FORWARD goes to KUBE-FORWARD alone, so the packet leaves by the default route with the ClusterIP as destination and the client times out.',
        },
      ),
    ),
    request(
      `SYN from the node to ${IDLE_CLUSTER_IP}:80`,
      tcp(NODE_IP, 40071, IDLE_CLUSTER_IP, 80, 'local'),
      stopped(
        'REJECT',
        'OUTPUT',
        'KUBE-SERVICES',
        'filter OUTPUT jumps to KUBE-SERVICES, whose "has no endpoints" rule for the ClusterIP rejects it.',
      ),
    ),
    request(
      `SYN from ${EXTERNAL_CLIENT} to NodePort ${NODE_IP}:30082`,
      tcp(EXTERNAL_CLIENT, 40072, NODE_IP, 30082, 'eth0'),
      byProfile(
        stopped(
          'REJECT',
          'INPUT',
          'KUBE-EXTERNAL-SERVICES',
          'The "has no endpoints" rule for node port 30082 (-m addrtype --dst-type LOCAL) is in KUBE-EXTERNAL-SERVICES, jumped to from INPUT with --ctstate NEW.',
        ),
        stopped(
          'REJECT',
          'INPUT',
          'KUBE-SERVICES',
          'v1.9 puts the node port\'s "has no endpoints" rule (-m addrtype --dst-type LOCAL) in filter KUBE-SERVICES, jumped to from INPUT.',
        ),
      ),
    ),
  ],
});

const ECHO_LOCAL = '10.244.1.6:8080';

const etpLocalWithEndpoint = scenario({
  id: 'etp-local-with-endpoint',
  title: 'externalTrafficPolicy Local, endpoint on this node',
  summary:
    "echo asks to keep external clients' addresses: NodePort traffic goes only to endpoints on the node it arrives at (KUBE-EXT then KUBE-SVL in current, KUBE-XLB in legacy) and is not masqueraded, so pod 10.244.1.6 sees 203.0.113.7 as the source.",
  manifest: ECHO_LOCAL_MANIFEST,
  servicePort: port('default', 'echo', 'http'),
  relies: {
    current: ['KUBE-NODEPORTS', 'KUBE-EXT-', 'KUBE-SVL-', 'KUBE-SEP-'],
    legacy: ['KUBE-NODEPORTS', 'KUBE-XLB-', 'KUBE-SEP-'],
  },
  packets: conversation([
    request(
      'SYN from 203.0.113.7 to 192.168.0.11:30083',
      tcp(EXTERNAL_CLIENT, 40080, NODE_IP, 30083, 'eth0'),
      balanced([ECHO_LOCAL], false),
    ),
    answer('SYN-ACK from 10.244.1.6', 'eth0'),
  ]),
});

const ECHO_REMOTE = ['10.244.2.7:8080', '10.244.2.8:8080'] as const;

const etpLocalWithoutEndpoint = scenario({
  id: 'etp-local-without-endpoint',
  title: 'externalTrafficPolicy Local, no endpoint on this node',
  summary:
    "echo-remote's endpoints are all on node-2, so external NodePort traffic to this node is dropped: current kube-proxy writes KUBE-EXT without its final jump and DROPs in filter KUBE-EXTERNAL-SERVICES (\"has no local endpoints\"); legacy's KUBE-XLB marks it with KUBE-MARK-DROP for kubelet's KUBE-FIREWALL. Current kube-proxy sends the node's own connections to the cluster-wide chain instead; v1.9 drops them too.",
  manifest: ECHO_REMOTE_MANIFEST,
  servicePort: port('default', 'echo-remote', 'http'),
  relies: {
    current: ['KUBE-NODEPORTS', 'KUBE-EXT-', 'KUBE-SVC-', 'KUBE-SEP-', 'KUBE-EXTERNAL-SERVICES'],
    legacy: [
      'KUBE-NODEPORTS',
      'KUBE-XLB-',
      'KUBE-SVC-',
      'KUBE-SEP-',
      'KUBE-MARK-DROP',
      'KUBE-FIREWALL',
    ],
  },
  lacks: { current: ['KUBE-SVL-'] },
  packets: conversation([
    request(
      'SYN from 203.0.113.7 to 192.168.0.11:30084',
      tcp(EXTERNAL_CLIENT, 40090, NODE_IP, 30084, 'eth0'),
      byProfile(
        stopped(
          'DROP',
          'INPUT',
          'KUBE-EXTERNAL-SERVICES',
          'KUBE-EXT\'s short-circuits are for pod and LOCAL sources only, and it has no final jump to KUBE-SVL (which does not exist): the packet stays un-DNATed and "default/echo-remote:http has no local endpoints" drops it.',
        ),
        stopped(
          'DROP',
          'INPUT',
          'KUBE-FIREWALL',
          'KUBE-XLB\'s "has no local endpoints" rule jumps to KUBE-MARK-DROP (mark 0x8000); kubelet\'s KUBE-FIREWALL drops the mark in INPUT.',
        ),
      ),
    ),
    request(
      'SYN from the node to its own NodePort 192.168.0.11:30084',
      tcp(NODE_IP, 40091, NODE_IP, 30084, 'local'),
      byProfile(
        balanced(ECHO_REMOTE, true, {
          note: 'KUBE-EXT\'s "masquerade LOCAL traffic" and "route LOCAL traffic" rules (-m addrtype --src-type LOCAL) send the node\'s own connection to KUBE-SVC, marked for masquerade; toward node-2 its source is already eth0\'s address, so MASQUERADE changes nothing.',
        }),
        stopped(
          'DROP',
          'OUTPUT',
          'KUBE-FIREWALL',
          "v1.9's KUBE-XLB short-circuits only pod sources (-s 10.244.0.0/16); the node's connection reaches KUBE-MARK-DROP, and kubelet's KUBE-FIREWALL drops it in OUTPUT.",
        ),
      ),
    ),
    answer(SYN_ACK),
  ]),
});

const STICKY_CLUSTER_IP = '10.96.100.60';

const sessionAffinity = scenario({
  id: 'session-affinity',
  title: 'sessionAffinity: ClientIP',
  summary:
    "The first connection picks a pod at random, and the DNAT rule of that pod's KUBE-SEP chain records the client in a `recent` list named after the chain (--set). The second connection, from a new source port, matches that chain's `--rcheck --seconds 10800 --reap` rule, which KUBE-SVC checks before its random rules, and reaches the same pod.",
  manifest: STICKY_MANIFEST,
  servicePort: port('default', 'sticky', 'http'),
  relies: both('KUBE-SVC-', 'KUBE-SEP-'),
  packets: conversation([
    request(
      `First connection: SYN from pod ${POD_CLIENT} to ${STICKY_CLUSTER_IP}:80`,
      tcp(POD_CLIENT, 40100, STICKY_CLUSTER_IP, 80, 'cni0'),
      balanced(STICKY, false),
    ),
    answer(SYN_ACK, 'cni0'),
    request(
      `Second connection: SYN from pod ${POD_CLIENT}, new source port`,
      tcp(POD_CLIENT, 40101, STICKY_CLUSTER_IP, 80, 'cni0'),
      balanced(STICKY, false, {
        sameAsPacket: 0,
        note: 'Each branch has the probability the first connection gave it; given the first connection, the pod is certain.',
      }),
    ),
    answer('SYN-ACK from the same pod', 'cni0'),
  ]),
});

const DNS_IP = '10.96.0.10';

/** The client's DNS socket: each query from it is the same UDP flow. */
const DNS_QUERY: PacketSpec = {
  src: POD_CLIENT,
  dst: DNS_IP,
  protocol: 'udp',
  sport: 40110,
  dport: 53,
  from: 'cni0',
};

const udpDns = scenario({
  id: 'udp-dns',
  title: 'UDP: a DNS query to the cluster DNS',
  summary:
    'A pod queries kube-dns over UDP: the first packet is DNATed to one of two CoreDNS pods (statistic 0.5, which the kernel holds exactly) and not masqueraded. conntrack tracks UDP too: the answer is translated back to come from 10.96.0.10:53, and the next query from the same socket is ESTABLISHED, skips the nat rules and reaches the same pod.',
  manifest: KUBE_DNS_MANIFEST,
  servicePort: port('kube-system', 'kube-dns', 'dns', 'UDP'),
  relies: both('KUBE-SVC-', 'KUBE-SEP-'),
  packets: conversation([
    request(`Query from pod ${POD_CLIENT} to ${DNS_IP}:53/udp`, DNS_QUERY, balanced(DNS, false)),
    answer('Answer from the chosen CoreDNS pod', 'cni0'),
    request(
      'Next query from the same socket',
      DNS_QUERY,
      balanced(DNS, false, {
        ctState: 'ESTABLISHED',
        sameAsPacket: 0,
        note: "Not a new connection: nat chains are not walked, conntrack's binding sends it where the first query went.",
      }),
    ),
    answer('Second answer', 'cni0'),
  ]),
});

/** Every scenario, in the order the UI lists them. */
export const SCENARIOS: readonly Scenario[] = [
  nodeportExternal,
  nodeToClusterIP,
  podToClusterIP,
  hairpin,
  loadBalancer,
  loadBalancerSourceRanges,
  loadBalancerSourceRangesRouted,
  noEndpoints,
  etpLocalWithEndpoint,
  etpLocalWithoutEndpoint,
  sessionAffinity,
  udpDns,
];

/** The profiles every scenario is run under. */
export const SCENARIO_PROFILES: readonly ProfileName[] = PROFILES;

/** The scenario with this id. */
export function scenarioById(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
