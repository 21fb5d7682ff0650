/**
 * Kernel truth for the generator: for the seed and for inputs built to reach each part of
 * kube-proxy's rules, `generateRules(...).restore` is loaded with iptables-restore into a fresh
 * network namespace (it must load: a refusal fails with the offending line), and
 *
 *  a) what the kernel prints back with iptables-save (comment lines removed) equals
 *     `serializeSave(asLoadedByKernel(parseDump(restore).ruleset))`: kpviz knows how the kernel
 *     will hold the rules it generates;
 *  b) for the seed, the kernel's nat KUBE-* chains and the built-in chains' jumps to them equal
 *     those of SEED_SAVE (the article's rules; its extra LOG rules are not kube-proxy's).
 *
 * Every input is generated under both profiles (current, seed). IPv4 only.
 * Run with `npm run test:kernel` (root, iproute2, iptables). See kernel/NOTES.md.
 */
import { describe, expect, it } from 'vitest';
import { SEED_SAVE } from '../src/domain/examples/seed.ts';
import { KUBE_PROXY_INPUTS } from '../src/domain/examples/kube-proxy-inputs.ts';
import { SEED_NODE, SEED_OBJECTS } from '../src/domain/examples/seed-objects.ts';
import { generateRules } from '../src/domain/kube/generate.ts';
import type { NodeSettings, ProfileName } from '../src/domain/kube/node-settings.ts';
import { DEFAULT_NODE_SETTINGS } from '../src/domain/kube/node-settings.ts';
import type {
  Endpoint,
  EndpointSlice,
  KubeObject,
  Protocol,
  Service,
  ServicePort,
} from '../src/domain/kube/objects.ts';
import { asLoadedByKernel } from '../src/domain/model/kernel-form.ts';
import { parseDump } from '../src/domain/parse/parse-dump.ts';
import { serializeSave } from '../src/domain/parse/serialize-save.ts';
import { CommandError, type Family, iptablesRestore, iptablesSave } from './netns.ts';
import { kernelSuite } from './suite.ts';

// --- Inputs -------------------------------------------------------------------------------

const NODE = DEFAULT_NODE_SETTINGS.nodeName;
const OTHER_NODE = 'node-2';

type ServiceFields = Partial<Omit<Service, 'kind' | 'namespace' | 'name'>>;

function service(name: string, fields: ServiceFields): Service {
  return {
    kind: 'Service',
    namespace: 'demo',
    name,
    type: 'ClusterIP',
    ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080 }],
    ...fields,
  };
}

/** `ip@node` endpoints (ready unless the address ends in `!`: terminating and serving). */
function slice(
  serviceName: string,
  endpoints: readonly string[],
  ports: readonly { name?: string; protocol?: Protocol; port: number }[] = [
    { name: 'http', protocol: 'TCP', port: 8080 },
  ],
): EndpointSlice {
  return {
    kind: 'EndpointSlice',
    namespace: 'demo',
    name: `${serviceName}-abc12`,
    serviceName,
    addressType: 'IPv4',
    ports,
    endpoints: endpoints.map((spec): Endpoint => {
      const terminating = spec.endsWith('!');
      const [ip = '', nodeName = NODE] = spec.replace(/!$/, '').split('@');
      return {
        addresses: [ip],
        conditions: terminating
          ? { ready: false, serving: true, terminating: true }
          : { ready: true, serving: true, terminating: false },
        nodeName,
      };
    }),
  };
}

const HTTP_NODEPORT: ServicePort = {
  name: 'http',
  protocol: 'TCP',
  port: 80,
  targetPort: 8080,
  nodePort: 30080,
};

interface Case {
  readonly name: string;
  readonly objects: readonly KubeObject[];
  readonly node?: Partial<NodeSettings>;
}

const CASES: readonly Case[] = [
  {
    name: 'ClusterIP, three endpoints',
    objects: [
      service('web', { clusterIP: '10.96.0.10' }),
      slice('web', ['10.0.1.5', '10.0.2.5@node-2', '10.0.3.10@node-3']),
    ],
  },
  {
    name: 'NodePort',
    objects: [
      service('web', { type: 'NodePort', clusterIP: '10.96.0.11', ports: [HTTP_NODEPORT] }),
      slice('web', ['10.0.1.5', '10.0.2.5@node-2']),
    ],
  },
  {
    name: 'LoadBalancer with source ranges (one holds the node IP)',
    objects: [
      service('lb', {
        type: 'LoadBalancer',
        clusterIP: '10.96.0.12',
        ports: [HTTP_NODEPORT],
        loadBalancerIngressIPs: ['192.0.2.10'],
        loadBalancerSourceRanges: ['203.0.113.0/24', ' 192.168.0.0/16'],
      }),
      slice('lb', ['10.0.1.5', '10.0.2.5@node-2']),
    ],
  },
  {
    name: 'externalIPs',
    objects: [
      service('ext', { clusterIP: '10.96.0.13', externalIPs: ['198.51.100.7', '198.51.100.8'] }),
      slice('ext', ['10.0.1.5']),
    ],
  },
  {
    name: 'session affinity (ClientIP, 600 s)',
    objects: [
      service('sticky', {
        type: 'NodePort',
        clusterIP: '10.96.0.14',
        ports: [HTTP_NODEPORT],
        sessionAffinity: 'ClientIP',
        sessionAffinityTimeoutSeconds: 600,
      }),
      slice('sticky', ['10.0.1.5', '10.0.2.5@node-2']),
    ],
  },
  {
    name: 'ETP Local with a local endpoint (LoadBalancer, health check port)',
    objects: [
      service('local', {
        type: 'LoadBalancer',
        clusterIP: '10.96.0.15',
        ports: [HTTP_NODEPORT],
        externalTrafficPolicy: 'Local',
        healthCheckNodePort: 31999,
        loadBalancerIngressIPs: ['192.0.2.11'],
        externalIPs: ['198.51.100.9'],
      }),
      slice('local', ['10.0.1.5', '10.0.2.5@node-2']),
    ],
    node: { clusterCIDR: '10.0.0.0/16' },
  },
  {
    name: 'ETP Local without a local endpoint',
    objects: [
      service('remote', {
        type: 'NodePort',
        clusterIP: '10.96.0.16',
        ports: [HTTP_NODEPORT],
        externalTrafficPolicy: 'Local',
      }),
      slice('remote', [`10.0.2.5@${OTHER_NODE}`]),
    ],
  },
  {
    name: 'no endpoints (ClusterIP, NodePort, external IP, load balancer)',
    objects: [
      service('empty', {
        type: 'LoadBalancer',
        clusterIP: '10.96.0.17',
        ports: [HTTP_NODEPORT],
        externalIPs: ['198.51.100.10'],
        loadBalancerIngressIPs: ['192.0.2.12'],
      }),
      service('gone', { clusterIP: '10.96.0.18' }),
      slice('gone', []),
    ],
  },
  {
    name: 'UDP and SCTP',
    objects: [
      service('dns', {
        clusterIP: '10.96.0.19',
        ports: [
          { name: 'dns', protocol: 'UDP', port: 53, targetPort: 5353 },
          { name: 'dns-tcp', protocol: 'TCP', port: 53, targetPort: 5353 },
        ],
      }),
      slice(
        'dns',
        ['10.0.1.7', '10.0.2.7@node-2'],
        [
          { name: 'dns', protocol: 'UDP', port: 5353 },
          { name: 'dns-tcp', protocol: 'TCP', port: 5353 },
        ],
      ),
      service('sig', {
        type: 'NodePort',
        clusterIP: '10.96.0.20',
        ports: [{ name: 'sctp', protocol: 'SCTP', port: 3868, nodePort: 30868 }],
      }),
      slice('sig', ['10.0.1.8'], [{ name: 'sctp', protocol: 'SCTP', port: 3868 }]),
    ],
  },
  {
    name: 'multi-port, unnamed single port, terminating endpoints',
    objects: [
      service('multi', {
        type: 'NodePort',
        clusterIP: '10.96.0.21',
        ports: [
          { name: 'http', protocol: 'TCP', port: 80, nodePort: 30081 },
          { name: 'https', protocol: 'TCP', port: 443, nodePort: 30443 },
        ],
      }),
      slice(
        'multi',
        ['10.0.1.9', '10.0.1.10', '10.0.1.11!'],
        [
          { name: 'http', protocol: 'TCP', port: 8080 },
          { name: 'https', protocol: 'TCP', port: 8443 },
        ],
      ),
      service('plain', { clusterIP: '10.96.0.22', ports: [{ port: 8000 }] }),
      slice('plain', ['10.0.1.12!'], [{ port: 8000 }]),
    ],
  },
  {
    name: 'internalTrafficPolicy Local',
    objects: [
      service('itp', { clusterIP: '10.96.0.23', internalTrafficPolicy: 'Local' }),
      slice('itp', ['10.0.1.13', '10.0.2.13@node-2']),
    ],
  },
  {
    name: 'masqueradeAll, random-fully, masquerade bit 5',
    objects: [
      service('web', { type: 'NodePort', clusterIP: '10.96.0.24', ports: [HTTP_NODEPORT] }),
      slice('web', ['10.0.1.5']),
    ],
    node: { masqueradeAll: true, randomFully: true, masqueradeBit: 5 },
  },
  {
    name: 'clusterCIDR',
    objects: [
      service('web', {
        type: 'NodePort',
        clusterIP: '10.96.0.25',
        ports: [HTTP_NODEPORT],
        externalIPs: ['198.51.100.11'],
      }),
      slice('web', ['10.0.1.5', '10.0.2.5@node-2']),
    ],
    node: { clusterCIDR: '10.0.0.0/16', nodeIPs: ['192.168.0.11', '192.168.1.11'] },
  },
  {
    name: 'headless and ExternalName Services (no rules of their own)',
    objects: [
      service('headless', { clusterIP: 'None' }),
      slice('headless', ['10.0.1.5']),
      service('alias', { type: 'ExternalName', ports: [] }),
    ],
  },
  { name: 'no Services at all', objects: [] },
];

const PROFILES: readonly ProfileName[] = ['current', 'legacy'];

const generatedCases = [
  { name: 'seed (SEED_OBJECTS, SEED_NODE)', objects: SEED_OBJECTS, node: SEED_NODE },
  {
    name: 'seed objects [current]',
    objects: SEED_OBJECTS,
    node: { ...SEED_NODE, profile: 'current' as const },
  },
  ...CASES.flatMap((c) =>
    PROFILES.map((profile) => ({
      name: `${c.name} [${profile}]`,
      objects: c.objects,
      node: { ...DEFAULT_NODE_SETTINGS, ...c.node, profile },
    })),
  ),
  // kube-proxy's own unit-test scenarios, from their manifests, under both profiles.
  ...KUBE_PROXY_INPUTS.flatMap((input) =>
    PROFILES.map((profile) => ({
      name: `kube-proxy scenario ${input.fixture} [${profile}]`,
      objects: input.objects,
      node: { ...input.node, profile },
    })),
  ),
];

// --- Harness ------------------------------------------------------------------------------

const namespaces = kernelSuite();

/** Drop `#` lines: iptables-save's `# Generated by…` / `# Completed on…`. */
function withoutCommentLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n');
}

/** Say which generated line iptables-restore refused ("Error occurred at line: 22"). */
function explainRefusal(restore: string, err: unknown): Error {
  if (!(err instanceof CommandError)) return err as Error;
  const m = /line:? (\d+)/.exec(err.stderr);
  const lineNo = m ? Number(m[1]) : 0;
  const line = lineNo > 0 ? restore.split('\n')[lineNo - 1] : undefined;
  return new Error(
    'the kernel refuses the generated rules' +
      (line === undefined ? '' : ` at line ${lineNo}:\n  ${line}`) +
      `\n${err.message}`,
  );
}

/** Load `restore` into a fresh namespace; what `iptables-save` (and `-t nat`) print back. */
function loadAndSave(restore: string, family: Family = 4): { save: string; nat: string } {
  return namespaces.with('gen', (ns) => {
    try {
      iptablesRestore(ns, restore, { family });
    } catch (err) {
      throw explainRefusal(restore, err);
    }
    return { save: iptablesSave(ns, { family }), nat: iptablesSave(ns, { family, table: 'nat' }) };
  });
}

// --- Tests --------------------------------------------------------------------------------

describe('generated rules load, and kpviz knows how the kernel prints them back', () => {
  it.each(generatedCases)('$name', ({ objects, node }) => {
    const { restore } = generateRules(objects, node);
    const parsed = parseDump(restore, { format: 'save' });
    expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const expected = serializeSave(asLoadedByKernel(parsed.ruleset));
    const family = node.ipFamily === 'IPv6' ? 6 : 4;
    expect(withoutCommentLines(loadAndSave(restore, family).save)).toBe(expected);
  });
});

/** The nat lines kube-proxy owns: KUBE-* chain lines, their rules, and jumps to them. */
function kubeNatLines(save: string): string[] {
  return withoutCommentLines(save)
    .split('\n')
    .filter((line) => /^:KUBE-|^-A KUBE-|^-A [A-Z]+ .*-j KUBE-/.test(line));
}

describe('the seed, generated and loaded, is the article’s nat table', () => {
  it('has the KUBE-* chains and jumps of SEED_SAVE', () => {
    const { restore } = generateRules(SEED_OBJECTS, SEED_NODE);
    const kernelLines = kubeNatLines(loadAndSave(restore).nat);
    expect(kernelLines.length).toBeGreaterThan(10);
    expect(kernelLines).toEqual(kubeNatLines(SEED_SAVE));
  });
});
