/** What Kubernetes (and a person) would find wrong with one Service of an environment. */
import type { EnvironmentPod, EnvironmentPort, EnvironmentService } from './environment.ts';
import {
  MAX_AFFINITY_TIMEOUT,
  NODE_PORT_MAX,
  NODE_PORT_MIN,
  externallyAccessible,
} from './environment.ts';
import type { ProblemList } from './validate-values.ts';
import {
  cidrProblem,
  ipv4Problem,
  labelProblem,
  portNameProblem,
  rangeProblem,
  serviceNameProblem,
  subdomainProblem,
} from './validate-values.ts';

const PROTOCOLS: readonly string[] = ['TCP', 'UDP', 'SCTP'];
const TYPES: readonly string[] = ['ClusterIP', 'NodePort', 'LoadBalancer'];

/** A NodePort, with its range in words: the API server allocates them from this range. */
export function nodePortProblem(value: number, what = 'node port'): string | undefined {
  if (rangeProblem(value, NODE_PORT_MIN, NODE_PORT_MAX, what) === undefined) return undefined;
  return `${what} ${String(value)} is outside ${NODE_PORT_MIN}–${NODE_PORT_MAX}, the range the API server gives node ports from`;
}

export function validateService(s: EnvironmentService, at: string, out: ProblemList): void {
  out.at(`${at}.namespace`, labelProblem(s.namespace, 'namespace'));
  out.at(`${at}.name`, serviceNameProblem(s.name));
  if (!TYPES.includes(s.type)) {
    out.add(`${at}.type`, `type "${s.type}" is not one of ClusterIP, NodePort, LoadBalancer`);
  }
  out.at(`${at}.clusterIP`, ipv4Problem(s.clusterIP));
  validatePorts(s, at, out);
  validateAddresses(s, at, out);
  validatePolicies(s, at, out);
  validatePods(s.pods, at, out);
}

function validatePorts(s: EnvironmentService, at: string, out: ProblemList): void {
  if (s.ports.length === 0) out.add(`${at}.ports`, 'a Service needs at least one port');
  const names = new Map<string, number>();
  const numbers = new Map<string, number>();
  s.ports.forEach((p, i) => {
    const path = `${at}.ports[${i}]`;
    validatePort(s, p, path, out);
    if (p.name === '' && s.ports.length > 1) {
      out.add(`${path}.name`, 'a Service with several ports must name each of them');
    }
    const sameName = names.get(p.name);
    if (p.name !== '' && sameName !== undefined) {
      out.add(`${path}.name`, `port name "${p.name}" is already used by port ${sameName + 1}`);
    }
    names.set(p.name, i);
    const key = `${p.port}/${p.protocol}`;
    const sameNumber = numbers.get(key);
    if (sameNumber !== undefined) {
      out.add(`${path}.port`, `port ${key} is already used by port ${sameNumber + 1}`);
    }
    numbers.set(key, i);
  });
}

function validatePort(s: EnvironmentService, p: EnvironmentPort, at: string, out: ProblemList) {
  if (p.name !== '') out.at(`${at}.name`, portNameProblem(p.name));
  if (!PROTOCOLS.includes(p.protocol)) {
    out.add(`${at}.protocol`, `protocol "${p.protocol}" is not one of TCP, UDP, SCTP`);
  }
  out.at(`${at}.port`, rangeProblem(p.port, 1, 65535, 'port'));
  out.at(`${at}.targetPort`, rangeProblem(p.targetPort, 1, 65535, 'target port'));
  if (p.nodePort !== undefined) {
    if (s.type === 'ClusterIP') {
      out.add(
        `${at}.nodePort`,
        'a ClusterIP Service has no node ports: make it NodePort or LoadBalancer',
      );
    } else {
      out.at(`${at}.nodePort`, nodePortProblem(p.nodePort));
    }
  } else if (s.type !== 'ClusterIP') {
    out.add(
      `${at}.nodePort`,
      `a ${s.type} Service needs a node port (${NODE_PORT_MIN}–${NODE_PORT_MAX})`,
    );
  }
}

function validateAddresses(s: EnvironmentService, at: string, out: ProblemList): void {
  out.list(s.externalIPs, `${at}.externalIPs`, ipv4Problem);
  out.list(s.loadBalancerIPs, `${at}.loadBalancerIPs`, ipv4Problem);
  out.list(s.loadBalancerSourceRanges, `${at}.loadBalancerSourceRanges`, cidrProblem);
  if (s.type !== 'LoadBalancer') {
    if (s.loadBalancerIPs.length > 0) {
      out.add(`${at}.loadBalancerIPs`, 'only a LoadBalancer Service gets load-balancer IPs');
    }
    if (s.loadBalancerSourceRanges.length > 0) {
      out.add(
        `${at}.loadBalancerSourceRanges`,
        'source ranges apply only to a LoadBalancer Service',
      );
    }
  }
}

function validatePolicies(s: EnvironmentService, at: string, out: ProblemList): void {
  if (s.sessionAffinity !== 'None' && s.sessionAffinity !== 'ClientIP') {
    out.add(
      `${at}.sessionAffinity`,
      `session affinity "${String(s.sessionAffinity)}" is not None or ClientIP`,
    );
  }
  const timeout = s.sessionAffinityTimeoutSeconds;
  if (timeout !== undefined) {
    if (s.sessionAffinity !== 'ClientIP') {
      out.add(
        `${at}.sessionAffinityTimeoutSeconds`,
        'an affinity timeout applies only to ClientIP session affinity: clear it or choose ClientIP',
      );
    } else {
      out.at(
        `${at}.sessionAffinityTimeoutSeconds`,
        rangeProblem(timeout, 1, MAX_AFFINITY_TIMEOUT, 'the affinity timeout (seconds)'),
      );
    }
  }
  for (const key of ['externalTrafficPolicy', 'internalTrafficPolicy'] as const) {
    if (s[key] !== 'Cluster' && s[key] !== 'Local') {
      out.add(`${at}.${key}`, `"${String(s[key])}" is not Cluster or Local`);
    }
  }
  if (s.externalTrafficPolicy === 'Local' && !externallyAccessible(s)) {
    out.add(
      `${at}.externalTrafficPolicy`,
      'externalTrafficPolicy Local needs a Service reachable from outside: NodePort, LoadBalancer, or external IPs',
    );
  }
  const health = s.healthCheckNodePort;
  if (health !== undefined) {
    if (s.type !== 'LoadBalancer' || s.externalTrafficPolicy !== 'Local') {
      out.add(
        `${at}.healthCheckNodePort`,
        'only a LoadBalancer Service with externalTrafficPolicy Local has a health-check node port',
      );
    } else {
      out.at(`${at}.healthCheckNodePort`, nodePortProblem(health, 'health-check node port'));
    }
  }
}

function validatePods(pods: readonly EnvironmentPod[], at: string, out: ProblemList): void {
  const names = new Map<string, number>();
  pods.forEach((pod, i) => {
    const path = `${at}.pods[${i}]`;
    out.at(`${path}.name`, subdomainProblem(pod.name, 'pod name'));
    out.at(`${path}.ip`, ipv4Problem(pod.ip));
    out.at(`${path}.nodeName`, subdomainProblem(pod.nodeName, 'node name'));
    const same = names.get(pod.name);
    if (same !== undefined && pod.name !== '') {
      out.add(`${path}.name`, `pod ${pod.name} is already listed (pod ${same + 1})`);
    }
    names.set(pod.name, i);
    if (pod.ready && !pod.serving) {
      out.add(`${path}.serving`, 'a ready pod is serving: ready implies serving');
    }
    if (pod.ready && pod.terminating) {
      out.add(
        `${path}.ready`,
        'a terminating pod is not ready: Kubernetes sets ready false once a pod terminates (it may still be serving)',
      );
    }
  });
}
