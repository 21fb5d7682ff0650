/**
 * An environment from untrusted JSON data (a share link, the node line of an exported
 * manifest): every field checked for its type, each problem at its path. Unknown fields are
 * ignored, so that data written by a later version still loads. Whether the values make sense
 * is validateEnvironment's business.
 */
import type {
  Environment,
  EnvironmentNode,
  EnvironmentPod,
  EnvironmentPort,
  EnvironmentService,
} from './environment.ts';
import type { EnvironmentProblem } from './validate-values.ts';

type Value = Record<string, unknown>;
type Read<T> = (value: unknown, path: string) => T | undefined;

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;

/**
 * Reads with a shared problem list. A field that fails reads as undefined and leaves a problem;
 * `shape` then discards the half-read object, so a value typed T is only returned whole.
 */
class ShapeReader {
  readonly problems: EnvironmentProblem[] = [];

  fail(path: string, message: string): undefined {
    this.problems.push({ path, message });
    return undefined;
  }

  readonly string: Read<string> = (v, path) =>
    typeof v === 'string' ? v : this.fail(path, `expected text, found ${describe(v)}`);

  readonly number: Read<number> = (v, path) =>
    typeof v === 'number' && Number.isFinite(v)
      ? v
      : this.fail(path, `expected a number, found ${describe(v)}`);

  readonly boolean: Read<boolean> = (v, path) =>
    typeof v === 'boolean' ? v : this.fail(path, `expected true or false, found ${describe(v)}`);

  choice<T extends string>(choices: readonly T[]): Read<T> {
    return (v, path) =>
      choices.find((c) => c === v) ??
      this.fail(path, `expected one of ${choices.join(', ')}, found ${JSON.stringify(v)}`);
  }

  list<T>(item: Read<T>): Read<T[]> {
    return (v, path) => {
      if (!Array.isArray(v)) return this.fail(path, `expected a list, found ${describe(v)}`);
      const items = v.map((x, i) => item(x, `${path}[${i}]`));
      return items.every((x) => x !== undefined) ? items : undefined;
    };
  }

  /**
   * An object whose fields `build` reads with `get` (required) and `opt` (may be absent);
   * undefined when any of them failed.
   */
  shape<T>(
    build: (
      get: <F>(key: string, read: Read<F>) => F,
      opt: <F>(key: string, read: Read<F>) => F | undefined,
    ) => T,
  ): Read<T> {
    return (v, path) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        return this.fail(path, `expected an object, found ${describe(v)}`);
      }
      const o = v as Value;
      const before = this.problems.length;
      const at = (key: string) => (path === '' ? key : `${path}.${key}`);
      const opt = <F>(key: string, read: Read<F>): F | undefined =>
        o[key] === undefined ? undefined : read(o[key], at(key));
      const get = <F>(key: string, read: Read<F>): F =>
        (o[key] === undefined
          ? this.fail(at(key), `${key} is missing`)
          : read(o[key], at(key))) as F;
      const result = build(get, opt);
      return this.problems.length > before ? undefined : result;
    };
  }
}

/** `{key: value}` for the optional fields that are present. */
const present = <T extends object>(fields: T): T =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;

function readers(r: ShapeReader) {
  const ips = r.list(r.string);
  const policy = r.choice(['Cluster', 'Local'] as const);
  const node = r.shape<EnvironmentNode>((get, opt) => ({
    nodeName: get('nodeName', r.string),
    nodeIPs: get('nodeIPs', ips),
    profile: get('profile', r.choice(['current', 'legacy'] as const)),
    ...present({ clusterCIDR: opt('clusterCIDR', r.string) }),
    masqueradeAll: get('masqueradeAll', r.boolean),
    masqueradeBit: get('masqueradeBit', r.number),
    randomFully: get('randomFully', r.boolean),
    localhostNodePorts: get('localhostNodePorts', r.boolean),
    nodePortAddresses: get('nodePortAddresses', ips),
  }));
  const port = r.shape<EnvironmentPort>((get, opt) => ({
    name: get('name', r.string),
    protocol: get('protocol', r.choice(['TCP', 'UDP', 'SCTP'] as const)),
    port: get('port', r.number),
    targetPort: get('targetPort', r.number),
    ...present({ nodePort: opt('nodePort', r.number) }),
  }));
  const pod = r.shape<EnvironmentPod>((get) => ({
    name: get('name', r.string),
    ip: get('ip', r.string),
    nodeName: get('nodeName', r.string),
    ready: get('ready', r.boolean),
    serving: get('serving', r.boolean),
    terminating: get('terminating', r.boolean),
  }));
  const service = r.shape<EnvironmentService>((get, opt) => ({
    namespace: get('namespace', r.string),
    name: get('name', r.string),
    type: get('type', r.choice(['ClusterIP', 'NodePort', 'LoadBalancer'] as const)),
    clusterIP: get('clusterIP', r.string),
    ports: get('ports', r.list(port)),
    externalIPs: get('externalIPs', ips),
    loadBalancerIPs: get('loadBalancerIPs', ips),
    loadBalancerSourceRanges: get('loadBalancerSourceRanges', ips),
    sessionAffinity: get('sessionAffinity', r.choice(['None', 'ClientIP'] as const)),
    externalTrafficPolicy: get('externalTrafficPolicy', policy),
    internalTrafficPolicy: get('internalTrafficPolicy', policy),
    ...present({
      sessionAffinityTimeoutSeconds: opt('sessionAffinityTimeoutSeconds', r.number),
      healthCheckNodePort: opt('healthCheckNodePort', r.number),
    }),
    pods: get('pods', r.list(pod)),
  }));
  const environment = r.shape<Environment>((get) => ({
    node: get('node', node),
    services: get('services', r.list(service)),
  }));
  return { node, environment };
}

export interface DataReading<T> {
  /** Absent when any problem was found. */
  readonly value?: T;
  readonly problems: readonly EnvironmentProblem[];
}

/** An Environment from parsed JSON, or what is wrong with its shape. */
export function readEnvironmentData(data: unknown): DataReading<Environment> {
  const r = new ShapeReader();
  const value = readers(r).environment(data, '');
  return value ? { value, problems: [] } : { problems: r.problems };
}

/** An EnvironmentNode from parsed JSON, or what is wrong with its shape. */
export function readEnvironmentNodeData(data: unknown): DataReading<EnvironmentNode> {
  const r = new ShapeReader();
  const value = readers(r).node(data, 'node');
  return value ? { value, problems: [] } : { problems: r.problems };
}
