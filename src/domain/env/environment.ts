/**
 * An environment: one node's kube-proxy settings and the Services (with their pods) it proxies,
 * as plain data that an editor can change field by field, a URL can carry and a test can write
 * out. `environmentToObjects` turns it into the generator's input; `validateEnvironment` says
 * what a person would find wrong with it. IPv4 only: the lab script and the kernel tests build
 * IPv4 networks.
 */
import type { ProfileName } from '../kube/node-settings.ts';
import type { Protocol } from '../kube/objects.ts';

/** The Service types whose rules kube-proxy writes (ExternalName gets none). */
export type EnvironmentServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer';

export type TrafficPolicy = 'Cluster' | 'Local';

/** The node kube-proxy runs on, and kube-proxy's flags there. */
export interface EnvironmentNode {
  /** An endpoint whose nodeName equals it is local to this node. */
  readonly nodeName: string;
  /** The node's IPv4 addresses; the first is its primary IP (NodePorts are tried there). */
  readonly nodeIPs: readonly string[];
  /** current: kube-proxy v1.27 and later; legacy: v1.9, the seed article's. */
  readonly profile: ProfileName;
  /** --cluster-cidr (the pods' range) for local-traffic detection; absent or '': none. */
  readonly clusterCIDR?: string;
  /** --masquerade-all */
  readonly masqueradeAll: boolean;
  /** --iptables-masquerade-bit, 0–31 (14: mark 0x4000). */
  readonly masqueradeBit: number;
  /** Whether MASQUERADE gets --random-fully. */
  readonly randomFully: boolean;
  /** --iptables-localhost-nodeports (profile current): NodePorts also on 127.0.0.1. */
  readonly localhostNodePorts: boolean;
  /** --nodeport-addresses CIDRs (profile current); empty: every local address. */
  readonly nodePortAddresses: readonly string[];
}

export interface EnvironmentPort {
  /** '' for the unnamed port of a one-port Service; required when there are several. */
  readonly name: string;
  readonly protocol: Protocol;
  /** The port on the ClusterIP, external IPs and load-balancer IPs. */
  readonly port: number;
  /** The pods' port: the port of the EndpointSlice, where the DNAT goes. */
  readonly targetPort: number;
  /** NodePort and LoadBalancer Services: 30000–32767. Absent for ClusterIP Services. */
  readonly nodePort?: number;
}

/** A pod behind a Service: one endpoint of its EndpointSlice. */
export interface EnvironmentPod {
  /** The pod's name (in the Service's namespace): the endpoint's targetRef. */
  readonly name: string;
  readonly ip: string;
  /** The node the pod runs on: local when it is the environment's node. */
  readonly nodeName: string;
  /** Passes its readiness probe: kube-proxy sends new connections to ready pods. */
  readonly ready: boolean;
  /** Would pass it: a terminating pod that still serves is a fallback when none is ready. */
  readonly serving: boolean;
  /** Being deleted (Kubernetes then sets ready false). */
  readonly terminating: boolean;
}

export interface EnvironmentService {
  readonly namespace: string;
  readonly name: string;
  readonly type: EnvironmentServiceType;
  readonly clusterIP: string;
  readonly ports: readonly EnvironmentPort[];
  readonly externalIPs: readonly string[];
  /** status.loadBalancer.ingress[].ip: what the cloud's load balancer gave (LoadBalancer only). */
  readonly loadBalancerIPs: readonly string[];
  /** CIDRs allowed to reach the load-balancer IPs (LoadBalancer only); empty: everyone. */
  readonly loadBalancerSourceRanges: readonly string[];
  readonly sessionAffinity: 'None' | 'ClientIP';
  /** ClientIP affinity only; absent: Kubernetes' default, 10800 (3 hours). */
  readonly sessionAffinityTimeoutSeconds?: number;
  /** Externally reachable Services only (NodePort, LoadBalancer, or with external IPs). */
  readonly externalTrafficPolicy: TrafficPolicy;
  readonly internalTrafficPolicy: TrafficPolicy;
  /** LoadBalancer with externalTrafficPolicy Local only: the health-check port (profile current writes a rule). */
  readonly healthCheckNodePort?: number;
  readonly pods: readonly EnvironmentPod[];
}

export interface Environment {
  readonly node: EnvironmentNode;
  readonly services: readonly EnvironmentService[];
}

/** kube-proxy's defaults, and the seed's node. */
export const DEFAULT_ENVIRONMENT_NODE: EnvironmentNode = {
  nodeName: 'node-1',
  nodeIPs: ['192.168.0.11'],
  profile: 'current',
  masqueradeAll: false,
  masqueradeBit: 14,
  randomFully: false,
  localhostNodePorts: true,
  nodePortAddresses: [],
};

/** kube-apiserver's default --service-node-port-range. */
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

/** Kubernetes' default ClientIP affinity timeout, and the largest it allows (one day). */
export const DEFAULT_AFFINITY_TIMEOUT = 10800;
export const MAX_AFFINITY_TIMEOUT = 86400;

/**
 * Whether traffic from outside the cluster can reach the Service (Kubernetes'
 * ExternallyAccessible): only then does externalTrafficPolicy mean anything.
 */
export function externallyAccessible(service: EnvironmentService): boolean {
  return service.type !== 'ClusterIP' || service.externalIPs.length > 0;
}
