/**
 * The network a lab script builds for an environment, as data: which pods get a namespace and
 * which ports they answer on, the client's address, and which Service addresses are tried from
 * where. labScript writes it out as bash; the kernel test reads it to know what to expect.
 */
import { cidrContains, parseCIDR } from '../kube/ip.ts';
import type { Environment } from './environment.ts';

export interface LabPod {
  /** `namespace/name`: what the pod's server answers. */
  readonly name: string;
  readonly ip: string;
  /** The TCP ports its server listens on: the target ports of its Services. */
  readonly ports: readonly number[];
}

export type LabPath = 'ClusterIP' | 'NodePort' | 'externalIP' | 'LoadBalancer';

/** One Service address tried with HTTP requests. */
export interface LabTarget {
  readonly path: LabPath;
  /** The node for a ClusterIP (a process on the node); the client for everything from outside. */
  readonly from: 'node' | 'client';
  readonly ip: string;
  readonly port: number;
  /** `namespace/name:port-name` (no `:` part for an unnamed port). */
  readonly service: string;
}

export interface LabPlan {
  readonly pods: readonly LabPod[];
  /** The outside world's address: the client, which is also the node's gateway. */
  readonly clientIP: string;
  readonly targets: readonly LabTarget[];
  /** Service ports that are not TCP: no HTTP server answers them, so they are not tried. */
  readonly skipped: readonly string[];
  /** kube-proxy sets route_localnet for localhost NodePorts (always in v1.9). */
  readonly routeLocalnet: boolean;
}

/** RFC 2544's benchmarking range: addresses no real network routes, free for the client. */
const CLIENT_BASE = 198 * 2 ** 24 + 18 * 2 ** 16;

function ipText(value: number): string {
  return [24, 16, 8, 0].map((s) => String((value >>> s) & 255)).join('.');
}

function allAddresses(env: Environment): Set<string> {
  const used = new Set(env.node.nodeIPs);
  for (const s of env.services) {
    for (const ip of [s.clusterIP, ...s.externalIPs, ...s.loadBalancerIPs]) used.add(ip);
    for (const pod of s.pods) used.add(pod.ip);
  }
  return used;
}

/** The first benchmark address that the environment does not use and that is not a pod's. */
function clientAddress(env: Environment): string {
  const used = allAddresses(env);
  const cidr = env.node.clusterCIDR?.trim() ? parseCIDR(env.node.clusterCIDR.trim()) : undefined;
  for (let host = 2; ; host++) {
    const ip = ipText(CLIENT_BASE + host);
    if (!used.has(ip) && !(cidr && cidrContains(cidr, ip))) return ip;
  }
}

function collectPods(env: Environment): LabPod[] {
  const byIP = new Map<string, { name: string; ports: Set<number> }>();
  for (const s of env.services) {
    const tcp = s.ports.filter((p) => p.protocol === 'TCP').map((p) => p.targetPort);
    for (const pod of s.pods) {
      const entry = byIP.get(pod.ip) ?? { name: `${s.namespace}/${pod.name}`, ports: new Set() };
      for (const port of tcp) entry.ports.add(port);
      byIP.set(pod.ip, entry);
    }
  }
  return [...byIP].map(([ip, { name, ports }]) => ({
    name,
    ip,
    ports: [...ports].sort((a, b) => a - b),
  }));
}

export function labPlan(env: Environment): LabPlan {
  const targets: LabTarget[] = [];
  const skipped: string[] = [];
  const nodeIP = env.node.nodeIPs[0] ?? '';
  for (const s of env.services) {
    for (const p of s.ports) {
      const service = `${s.namespace}/${s.name}${p.name ? `:${p.name}` : ''}`;
      if (p.protocol !== 'TCP') {
        skipped.push(`${service} (${p.protocol})`);
        continue;
      }
      const add = (path: LabPath, from: LabTarget['from'], ip: string, port: number) =>
        targets.push({ path, from, ip, port, service });
      add('ClusterIP', 'node', s.clusterIP, p.port);
      if (p.nodePort !== undefined) add('NodePort', 'client', nodeIP, p.nodePort);
      for (const ip of s.externalIPs) add('externalIP', 'client', ip, p.port);
      for (const ip of s.loadBalancerIPs) add('LoadBalancer', 'client', ip, p.port);
    }
  }
  return {
    pods: collectPods(env),
    clientIP: clientAddress(env),
    targets,
    skipped,
    routeLocalnet: env.node.profile === 'legacy' || env.node.localhostNodePorts,
  };
}
