/**
 * What the editor's Add buttons put in: a pod, a port or a Service that is valid as it comes, so
 * that adding one regenerates the rules at once (scaling 3 → 4 pods shows its effect with one
 * click) instead of leaving a blank row the rules must wait for. New addresses and ports are the
 * next ones free after those already in the form.
 */
import { NODE_PORT_MAX, NODE_PORT_MIN } from '../domain/env/environment.ts';
import { ipFamily } from '../domain/kube/read-addresses.ts';
import type { EnvForm, PodForm, PortForm, ServiceForm } from './env-form.ts';

const toNumber = (ip: string): number =>
  ip.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
const toIp = (n: number): string => [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join('.');

/** Every address the form uses: a new one must be none of them. */
function usedAddresses(form: EnvForm): Set<string> {
  const used = new Set(form.node.nodeIPs.split(/[\s,]+/));
  for (const s of form.services) {
    used.add(s.clusterIP.trim());
    for (const pod of s.pods) used.add(pod.ip.trim());
  }
  return used;
}

/** The first free address after `after` (or after `fallback` when `after` is no IPv4 address). */
function nextAddress(form: EnvForm, after: string | undefined, fallback: string): string {
  const used = usedAddresses(form);
  const start = after !== undefined && ipFamily(after.trim()) === 4 ? after.trim() : fallback;
  let n = toNumber(start);
  do {
    n = (n + 1) >>> 0;
    // .0 and .255 read as a network's own and broadcast addresses: people avoid them.
  } while (used.has(toIp(n)) || (n & 255) === 0 || (n & 255) === 255);
  return toIp(n);
}

/** A name `${stem}-N` not in `taken`, N from `from` up. */
function freshName(stem: string, taken: readonly string[], from: number): string {
  let n = from;
  while (taken.includes(`${stem}-${n}`)) n++;
  return `${stem}-${n}`;
}

/** A node port no Service of the form uses, the one after the highest if there is room. */
export function freeNodePort(form: EnvForm): string {
  const used = new Set<number>();
  for (const s of form.services) {
    for (const p of s.ports) used.add(Number(p.nodePort));
    used.add(Number(s.healthCheckNodePort));
  }
  const inRange = [...used].filter((n) => n >= NODE_PORT_MIN && n <= NODE_PORT_MAX);
  let port = inRange.length === 0 ? NODE_PORT_MIN : Math.max(...inRange) + 1;
  if (port > NODE_PORT_MAX) port = NODE_PORT_MIN;
  while (used.has(port) && port < NODE_PORT_MAX) port++;
  return String(port);
}

/** A ready pod of service `index`, on this node, at the next free address after its last pod. */
export function newPod(form: EnvForm, index: number): PodForm {
  const service = form.services[index];
  const pods = service?.pods ?? [];
  const stem = service?.name.trim() || 'pod';
  return {
    name: freshName(
      stem,
      pods.map((p) => p.name),
      pods.length + 1,
    ),
    ip: nextAddress(
      form,
      pods.at(-1)?.ip ?? form.services.flatMap((s) => s.pods).at(-1)?.ip,
      '10.244.0.9',
    ),
    nodeName: form.node.nodeName,
    ready: true,
    serving: true,
    terminating: false,
  };
}

/** Another port of service `index`: named (a Service of several ports names each), one up. */
export function newPort(form: EnvForm, index: number): PortForm {
  const service = form.services[index];
  const ports = service?.ports ?? [];
  const numbers = ports.map((p) => Number(p.port)).filter((n) => Number.isInteger(n));
  const port = String(numbers.length === 0 ? 80 : Math.min(65535, Math.max(...numbers) + 1));
  return {
    name: freshName(
      'port',
      ports.map((p) => p.name),
      ports.length + 1,
    ),
    protocol: 'TCP',
    port,
    targetPort: port,
    nodePort: service === undefined || service.type === 'ClusterIP' ? '' : freeNodePort(form),
  };
}

/** A ClusterIP Service in the first Service's namespace with one port and one pod. */
export function newService(form: EnvForm): ServiceForm {
  const namespace = form.services[0]?.namespace ?? 'default';
  const name = freshName(
    'service',
    form.services.filter((s) => s.namespace === namespace).map((s) => s.name),
    form.services.length + 1,
  );
  const service: ServiceForm = {
    namespace,
    name,
    type: 'ClusterIP',
    clusterIP: nextAddress(form, form.services.at(-1)?.clusterIP, '10.96.0.9'),
    ports: [{ name: '', protocol: 'TCP', port: '80', targetPort: '80', nodePort: '' }],
    externalIPs: '',
    loadBalancerIPs: '',
    loadBalancerSourceRanges: '',
    sessionAffinity: 'None',
    sessionAffinityTimeoutSeconds: '',
    externalTrafficPolicy: 'Cluster',
    internalTrafficPolicy: 'Cluster',
    healthCheckNodePort: '',
    pods: [],
  };
  const withService = { ...form, services: [...form.services, service] };
  return { ...service, pods: [newPod(withService, form.services.length)] };
}
