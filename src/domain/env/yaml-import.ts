/**
 * Kubernetes YAML or JSON (what environmentToYaml writes, or what `kubectl get
 * svc,endpointslices -A -o yaml` prints) → an environment, read by readKubeObjects.
 */
import { parseAllDocuments } from 'yaml';
import type { NodeSettings } from '../kube/node-settings.ts';
import type { EndpointSlice } from '../kube/objects.ts';
import { readKubeObjects } from '../kube/read-objects.ts';
import type { Problem } from '../model/problem.ts';
import type { Environment, EnvironmentNode } from './environment.ts';
import { DEFAULT_ENVIRONMENT_NODE } from './environment.ts';
import { environmentFromObjects } from './from-objects.ts';
import { readEnvironmentNodeData } from './read-data.ts';
import { nodeSettingsOf } from './to-objects.ts';
import { NODE_LINE_PREFIX } from './yaml-export.ts';

export interface YamlImport {
  /** Absent when any problem is an error. Not yet validated: see validateEnvironment. */
  readonly environment?: Environment;
  /** Reading problems and what the environment left out, each at its line. */
  readonly problems: readonly Problem[];
}

/** The node line's settings, or a problem at its line; undefined when there is no node line. */
function readNodeLine(text: string): { node?: EnvironmentNode; problem?: Problem } | undefined {
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.startsWith(NODE_LINE_PREFIX));
  if (index < 0) return undefined;
  const at = { line: index + 1, column: NODE_LINE_PREFIX.length + 1, severity: 'error' as const };
  let data: unknown;
  try {
    data = JSON.parse(lines[index]?.slice(NODE_LINE_PREFIX.length) ?? '');
  } catch (error) {
    return {
      problem: { ...at, message: `the kpviz-node line is not JSON: ${(error as Error).message}` },
    };
  }
  const { value, problems } = readEnvironmentNodeData(data);
  if (value) return { node: value };
  const message = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
  return { problem: { ...at, message: `the kpviz-node line: ${message}` } };
}

/**
 * The pods endpoints name (`targetRef.name`), which readKubeObjects does not keep: keyed by
 * slice namespace/name and address.
 */
function targetRefNames(text: string): Map<string, string> {
  const names = new Map<string, string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (Array.isArray(o.items)) o.items.forEach(visit);
    if (o.kind !== 'EndpointSlice' && !Array.isArray(o.endpoints)) return;
    const meta = (o.metadata ?? {}) as { namespace?: unknown; name?: unknown };
    const namespace = typeof meta.namespace === 'string' ? meta.namespace : 'default';
    const slice = `${namespace}/${typeof meta.name === 'string' ? meta.name : ''}`;
    for (const e of Array.isArray(o.endpoints) ? (o.endpoints as unknown[]) : []) {
      const endpoint = (e ?? {}) as { addresses?: unknown[]; targetRef?: { name?: unknown } };
      const address = Array.isArray(endpoint.addresses) ? endpoint.addresses[0] : undefined;
      const name = endpoint.targetRef?.name;
      if (typeof address === 'string' && typeof name === 'string') {
        names.set(`${slice} ${address}`, name);
      }
    }
  };
  for (const document of parseAllDocuments(text, { uniqueKeys: false })) {
    if (document.errors.length === 0) visit(document.toJS({ maxAliasCount: 100 }));
  }
  return names;
}

/**
 * @param fallbackNode the node to use when the text has no kpviz-node line (manifests from a
 *   cluster): by default kube-proxy's defaults (node-1, 192.168.0.11, profile current).
 * @example
 * environmentFromYaml(environmentToYaml(env)).environment; // deep-equals env
 */
export function environmentFromYaml(
  text: string,
  fallbackNode: EnvironmentNode = DEFAULT_ENVIRONMENT_NODE,
): YamlImport {
  const nodeLine = readNodeLine(text);
  const { objects, problems } = readKubeObjects(text);
  const all: Problem[] = [...problems];
  if (nodeLine?.problem) all.unshift(nodeLine.problem);
  if (all.some((p) => p.severity === 'error')) return { problems: all };
  const settings: NodeSettings = nodeSettingsOf(nodeLine?.node ?? fallbackNode);
  const names = targetRefNames(text);
  const podName = (slice: EndpointSlice, address: string) =>
    names.get(`${slice.namespace}/${slice.name} ${address}`);
  const { environment, notes } = environmentFromObjects(objects, settings, podName);
  for (const note of notes) {
    all.push({
      line: note.position?.line ?? 1,
      column: note.position?.column ?? 1,
      message: note.message,
      severity: 'warning',
    });
  }
  // The node as written, not as the generator's settings re-read it ('' CIDR, no ipFamily).
  return { environment: { ...environment, node: nodeLine?.node ?? fallbackNode }, problems: all };
}
