/**
 * The environment editor's form: an Environment as the user typed it. Numbers and address lists
 * stay text, so "8o" or "10.0.0.1, 10.0.0" stay on screen with a problem beside them instead of
 * turning into NaN or silently losing an entry; checkEnvForm (env-check.ts) reads the text back
 * into an Environment and says, field by field, what is wrong with it.
 */
import type {
  Environment,
  EnvironmentPod,
  EnvironmentServiceType,
  TrafficPolicy,
} from '../domain/env/environment.ts';
import type { ProfileName } from '../domain/kube/node-settings.ts';
import type { Protocol } from '../domain/kube/objects.ts';

export interface NodeForm {
  readonly nodeName: string;
  /** IPv4 addresses separated by commas or spaces; the first is the primary IP. */
  readonly nodeIPs: string;
  readonly profile: ProfileName;
  /** '': no local-traffic detection. */
  readonly clusterCIDR: string;
  readonly masqueradeAll: boolean;
  readonly masqueradeBit: string;
  readonly randomFully: boolean;
  readonly localhostNodePorts: boolean;
  /** CIDRs separated by commas or spaces; '': every local address. */
  readonly nodePortAddresses: string;
}

export interface PortForm {
  readonly name: string;
  readonly protocol: Protocol;
  readonly port: string;
  readonly targetPort: string;
  /** '': none (a ClusterIP Service). */
  readonly nodePort: string;
}

/** A pod's fields are text and switches already. */
export type PodForm = EnvironmentPod;

export interface ServiceForm {
  readonly namespace: string;
  readonly name: string;
  readonly type: EnvironmentServiceType;
  readonly clusterIP: string;
  readonly ports: readonly PortForm[];
  readonly externalIPs: string;
  readonly loadBalancerIPs: string;
  readonly loadBalancerSourceRanges: string;
  readonly sessionAffinity: 'None' | 'ClientIP';
  /** '': Kubernetes' default (10800 s). */
  readonly sessionAffinityTimeoutSeconds: string;
  readonly externalTrafficPolicy: TrafficPolicy;
  readonly internalTrafficPolicy: TrafficPolicy;
  readonly healthCheckNodePort: string;
  readonly pods: readonly PodForm[];
}

export interface EnvForm {
  readonly node: NodeForm;
  readonly services: readonly ServiceForm[];
}

/**
 * One thing wrong with the form. `field` is the path of the control that shows it (a list's
 * items share their list's control); `rule` problems are validateEnvironment's words, the
 * others are about text that is not a number at all, which the UI words from its catalogue.
 */
export interface EnvFieldProblem {
  readonly field: string;
  readonly kind: 'rule' | 'number' | 'required';
  /** The problem in words (rule), or the text that is not a number (number). */
  readonly message: string;
}

const listText = (values: readonly string[]): string => values.join(', ');
/** A list field's entries: separated by commas, spaces or both. */
export const splitList = (text: string): string[] => text.split(/[\s,]+/).filter(Boolean);
const numberText = (value: number | undefined): string => (value === undefined ? '' : `${value}`);

/**
 * @example
 *   envToForm(SEED_ENVIRONMENT).services[0].ports[0].nodePort; // '32110'
 */
export function envToForm(env: Environment): EnvForm {
  const { node } = env;
  return {
    node: {
      ...node,
      nodeIPs: listText(node.nodeIPs),
      clusterCIDR: node.clusterCIDR ?? '',
      masqueradeBit: numberText(node.masqueradeBit),
      nodePortAddresses: listText(node.nodePortAddresses),
    },
    services: env.services.map((s): ServiceForm => ({
      ...s,
      ports: s.ports.map((p) => ({
        ...p,
        port: numberText(p.port),
        targetPort: numberText(p.targetPort),
        nodePort: numberText(p.nodePort),
      })),
      externalIPs: listText(s.externalIPs),
      loadBalancerIPs: listText(s.loadBalancerIPs),
      loadBalancerSourceRanges: listText(s.loadBalancerSourceRanges),
      sessionAffinityTimeoutSeconds: numberText(s.sessionAffinityTimeoutSeconds),
      healthCheckNodePort: numberText(s.healthCheckNodePort),
    })),
  };
}
