/**
 * validateEnvironment: every problem a person would expect to be told about before rules are
 * written, each with the path of the field and a message in plain words. The generator runs
 * only on an environment without problems (generateEnvironmentRules).
 */
import type { Environment, EnvironmentNode } from './environment.ts';
import { validateService } from './validate-service.ts';
import type { EnvironmentProblem } from './validate-values.ts';
import {
  ProblemList,
  cidrProblem,
  ipv4Problem,
  rangeProblem,
  subdomainProblem,
} from './validate-values.ts';

export type { EnvironmentProblem } from './validate-values.ts';

export interface EnvironmentValidation {
  /** Empty when the environment is valid. */
  readonly problems: readonly EnvironmentProblem[];
}

/**
 * @example
 * validateEnvironment(SEED_ENVIRONMENT).problems; // []
 * // with services[0].ports[0].nodePort = 80:
 * // [{ path: 'services[0].ports[0].nodePort', message: 'node port 80 is outside 30000–32767, …' }]
 */
export function validateEnvironment(env: Environment): EnvironmentValidation {
  const out = new ProblemList();
  validateNode(env.node, out);
  env.services.forEach((s, i) => validateService(s, `services[${i}]`, out));
  validateAcrossServices(env, out);
  return { problems: out.problems };
}

function validateNode(node: EnvironmentNode, out: ProblemList): void {
  out.at('node.nodeName', subdomainProblem(node.nodeName, 'node name'));
  if (node.nodeIPs.length === 0) out.add('node.nodeIPs', 'the node needs at least one IP address');
  out.list(node.nodeIPs, 'node.nodeIPs', ipv4Problem);
  if (node.profile !== 'current' && node.profile !== 'legacy') {
    out.add('node.profile', `profile "${String(node.profile)}" is not current or legacy`);
  }
  if (node.clusterCIDR !== undefined && node.clusterCIDR.trim() !== '') {
    out.at('node.clusterCIDR', cidrProblem(node.clusterCIDR));
  }
  out.at('node.masqueradeBit', rangeProblem(node.masqueradeBit, 0, 31, 'the masquerade bit'));
  out.list(node.nodePortAddresses, 'node.nodePortAddresses', cidrProblem);
}

/** Where an address is already used, for "already the … of …" messages. */
interface Owner {
  readonly path: string;
  readonly what: string;
  /** For pods: `namespace/name`, the same pod when it backs several Services. */
  readonly pod?: string;
}

function validateAcrossServices(env: Environment, out: ProblemList): void {
  const names = new Map<string, number>();
  env.services.forEach((s, i) => {
    const full = `${s.namespace}/${s.name}`;
    const same = names.get(full);
    if (same !== undefined) {
      out.add(`services[${i}].name`, `Service ${full} is already defined (services[${same}])`);
    }
    names.set(full, i);
  });
  validateAddressOwners(env, out);
  validateNodePorts(env, out);
}

/** Every address has one owner: the node, one Service's ClusterIP, or one pod. */
function validateAddressOwners(env: Environment, out: ProblemList): void {
  const owners = new Map<string, Owner>();
  env.node.nodeIPs.forEach((ip, i) => {
    if (!owners.has(ip)) owners.set(ip, { path: `node.nodeIPs[${i}]`, what: 'an IP of the node' });
  });
  const claim = (ip: string, owner: Owner) => {
    if (ipv4Problem(ip) !== undefined) return;
    const before = owners.get(ip);
    if (!before) owners.set(ip, owner);
    else if (owner.pod === undefined || before.pod !== owner.pod) {
      out.add(owner.path, `${ip} is already ${before.what} (${before.path})`);
    }
  };
  const podIPs = new Map<string, { ip: string; path: string }>();
  env.services.forEach((s, i) => {
    const at = `services[${i}]`;
    const what = `the ClusterIP of Service ${s.namespace}/${s.name}`;
    claim(s.clusterIP, { path: `${at}.clusterIP`, what });
    s.pods.forEach((pod, j) => {
      const path = `${at}.pods[${j}].ip`;
      const id = `${s.namespace}/${pod.name}`;
      const known = podIPs.get(id);
      if (known && known.ip !== pod.ip) {
        out.add(path, `pod ${id} already has IP ${known.ip} (${known.path}); a pod has one IP`);
      }
      if (!known) podIPs.set(id, { ip: pod.ip, path });
      claim(pod.ip, { path, what: `the IP of pod ${id}`, pod: id });
    });
  });
}

/** A node port serves one Service per protocol; the health check is HTTP, so TCP. */
function validateNodePorts(env: Environment, out: ProblemList): void {
  const taken = new Map<string, string>();
  env.services.forEach((s, i) => {
    const at = `services[${i}]`;
    const used = [
      ...s.ports.map((p, j) => ({
        port: p.nodePort,
        protocol: p.protocol,
        path: `${at}.ports[${j}].nodePort`,
      })),
      { port: s.healthCheckNodePort, protocol: 'TCP', path: `${at}.healthCheckNodePort` },
    ];
    for (const { port, protocol, path } of used) {
      if (port === undefined) continue;
      const key = `${port}/${protocol}`;
      const before = taken.get(key);
      if (before !== undefined) out.add(path, `node port ${key} is already used (${before})`);
      else taken.set(key, path);
    }
  });
}
