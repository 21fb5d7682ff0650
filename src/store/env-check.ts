/**
 * Reading the environment editor's form back into an Environment, and every problem with it at
 * the control that shows it: text that is no number, and what validateEnvironment finds.
 */
import type {
  Environment,
  EnvironmentPort,
  EnvironmentService,
} from '../domain/env/environment.ts';
import { validateEnvironment } from '../domain/env/validate.ts';
import type { EnvFieldProblem, EnvForm, ServiceForm } from './env-form.ts';
import { splitList } from './env-form.ts';

/** Reads numbers, noting text that is none; NaN stands in so the rest can still be checked. */
class NumberReader {
  readonly problems: EnvFieldProblem[] = [];

  required(text: string, field: string): number {
    const value = this.optional(text, field);
    if (value !== undefined) return value;
    if (text.trim() === '') this.problems.push({ field, kind: 'required', message: '' });
    return NaN;
  }

  /** undefined for empty text. Negative and huge numbers are read: validation words their range. */
  optional(text: string, field: string): number | undefined {
    const trimmed = text.trim();
    if (trimmed === '') return undefined;
    if (/^-?\d+$/.test(trimmed)) return Number(trimmed);
    this.problems.push({ field, kind: 'number', message: trimmed });
    return NaN;
  }
}

/** Drops the keys whose value is undefined: a read form equals the environment it came from. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function readService(s: ServiceForm, at: string, read: NumberReader): EnvironmentService {
  return defined({
    namespace: s.namespace,
    name: s.name,
    type: s.type,
    clusterIP: s.clusterIP,
    ports: s.ports.map((p, j): EnvironmentPort => {
      const path = `${at}.ports[${j}]`;
      return defined({
        name: p.name,
        protocol: p.protocol,
        port: read.required(p.port, `${path}.port`),
        targetPort: read.required(p.targetPort, `${path}.targetPort`),
        nodePort: read.optional(p.nodePort, `${path}.nodePort`),
      });
    }),
    externalIPs: splitList(s.externalIPs),
    loadBalancerIPs: splitList(s.loadBalancerIPs),
    loadBalancerSourceRanges: splitList(s.loadBalancerSourceRanges),
    sessionAffinity: s.sessionAffinity,
    sessionAffinityTimeoutSeconds: read.optional(
      s.sessionAffinityTimeoutSeconds,
      `${at}.sessionAffinityTimeoutSeconds`,
    ),
    externalTrafficPolicy: s.externalTrafficPolicy,
    internalTrafficPolicy: s.internalTrafficPolicy,
    healthCheckNodePort: read.optional(s.healthCheckNodePort, `${at}.healthCheckNodePort`),
    pods: s.pods.map((pod) => ({ ...pod })),
  });
}

/** The form as an Environment (NaN where a number could not be read), and those problems. */
function readEnvForm(form: EnvForm): { environment: Environment; problems: EnvFieldProblem[] } {
  const read = new NumberReader();
  const clusterCIDR = form.node.clusterCIDR.trim();
  const environment: Environment = {
    node: {
      nodeName: form.node.nodeName,
      nodeIPs: splitList(form.node.nodeIPs),
      profile: form.node.profile,
      ...(clusterCIDR === '' ? {} : { clusterCIDR }),
      masqueradeAll: form.node.masqueradeAll,
      masqueradeBit: read.required(form.node.masqueradeBit, 'node.masqueradeBit'),
      randomFully: form.node.randomFully,
      localhostNodePorts: form.node.localhostNodePorts,
      nodePortAddresses: splitList(form.node.nodePortAddresses),
    },
    services: form.services.map((s, i) => readService(s, `services[${i}]`, read)),
  };
  return { environment, problems: read.problems };
}

/** The fields that hold a list: their items' problems show at the list's one control. */
const LIST_ITEM =
  /^(.*\.(?:nodeIPs|nodePortAddresses|externalIPs|loadBalancerIPs|loadBalancerSourceRanges))\[\d+\]$/;

/** The control a validation path is shown at. */
export const fieldOf = (path: string): string => LIST_ITEM.exec(path)?.[1] ?? path;

export interface CheckedForm {
  /** The environment the form stands for, when it has no problems. */
  readonly environment?: Environment;
  readonly problems: readonly EnvFieldProblem[];
}

/**
 * The form read and validated. A field whose text is no number gets that problem only, not
 * the range message validation would add about NaN.
 *
 * @example
 *   checkEnvForm(envToForm(SEED_ENVIRONMENT)).environment; // deep-equals SEED_ENVIRONMENT
 */
export function checkEnvForm(form: EnvForm): CheckedForm {
  const { environment, problems } = readEnvForm(form);
  const unread = new Set(problems.map((p) => p.field));
  const rules = validateEnvironment(environment)
    .problems.map((p): EnvFieldProblem => ({
      field: fieldOf(p.path),
      kind: 'rule',
      message: p.message,
    }))
    .filter((p) => !unread.has(p.field));
  const all = [...problems, ...rules];
  return all.length === 0 ? { environment, problems: all } : { problems: all };
}
