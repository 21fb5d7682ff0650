import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SEED_MANIFEST } from '../examples/seed-objects.ts';
import type { Environment } from './environment.ts';
import { DEFAULT_ENVIRONMENT_NODE } from './environment.ts';
import { SEED_ENVIRONMENT } from './seed-environment.ts';
import { RICH_ENVIRONMENT } from './test-environments.ts';
import { environmentToYaml, nodeLine } from './yaml-export.ts';
import { environmentFromYaml } from './yaml-import.ts';

const documents = (text: string) =>
  parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown>);

describe('environment → YAML → environment', () => {
  it.each([
    ['the seed', SEED_ENVIRONMENT],
    ['an environment using every field', RICH_ENVIRONMENT],
    ['no Services', { ...SEED_ENVIRONMENT, services: [] }],
  ] as [string, Environment][])('gives back %s unchanged', (_, env) => {
    const { environment, problems } = environmentFromYaml(environmentToYaml(env));
    expect(problems).toEqual([]);
    expect(environment).toEqual(env);
  });

  it('writes what kubectl apply takes: a Service and an EndpointSlice per Service', () => {
    const docs = documents(environmentToYaml(RICH_ENVIRONMENT));
    expect(docs.map((d) => `${String(d.apiVersion)} ${String(d.kind)}`)).toEqual([
      'v1 Service',
      'discovery.k8s.io/v1 EndpointSlice',
      'v1 Service',
      'discovery.k8s.io/v1 EndpointSlice',
      'v1 Service',
      'discovery.k8s.io/v1 EndpointSlice',
    ]);
    const [service, slice] = docs as [
      { spec: Record<string, unknown> },
      { metadata: { labels: Record<string, string> }; endpoints: unknown[] },
    ];
    // With a selector, the EndpointSlice controller would write slices of its own.
    expect(service.spec).not.toHaveProperty('selector');
    expect(slice.metadata.labels).toEqual({
      'kubernetes.io/service-name': 'nginx-service-nodeport',
      'endpointslice.kubernetes.io/managed-by': 'kpviz',
    });
    expect(slice.endpoints[0]).toEqual({
      addresses: ['172.17.0.2'],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: 'node-1',
      targetRef: { kind: 'Pod', namespace: 'default', name: 'nginx-service-nodeport-1' },
    });
  });

  it('puts the node in a comment line that kubectl ignores', () => {
    const text = environmentToYaml(SEED_ENVIRONMENT);
    expect(text.split('\n')).toContain(nodeLine(SEED_ENVIRONMENT.node));
    expect(nodeLine(SEED_ENVIRONMENT.node)).toMatch(/^# kpviz-node: \{"nodeName":"node-1",/);
  });
});

describe('environmentFromYaml', () => {
  it('reads the seed manifest as the seed environment, on the node it is given', () => {
    const { environment, problems } = environmentFromYaml(SEED_MANIFEST, SEED_ENVIRONMENT.node);
    expect(problems).toEqual([]);
    expect(environment).toEqual(SEED_ENVIRONMENT);
  });

  it('takes kube-proxy’s defaults for the node when the text does not say', () => {
    expect(environmentFromYaml(SEED_MANIFEST).environment?.node).toEqual(DEFAULT_ENVIRONMENT_NODE);
  });

  it('reads kubectl’s JSON List, pod names from targetRef included', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: documents(environmentToYaml(RICH_ENVIRONMENT)),
    };
    const { environment, problems } = environmentFromYaml(
      JSON.stringify(list, null, 2),
      RICH_ENVIRONMENT.node,
    );
    expect(problems).toEqual([]);
    expect(environment).toEqual(RICH_ENVIRONMENT);
  });

  it('gives no environment when the text has errors, and says where', () => {
    const { environment, problems } = environmentFromYaml(
      'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 99999}]\n',
    );
    expect(environment).toBeUndefined();
    expect(problems).toContainEqual(
      expect.objectContaining({
        line: 5,
        severity: 'error',
        message: expect.stringMatching(/99999/) as string,
      }),
    );
  });

  it.each([
    ['not JSON', '# kpviz-node: {nodeName', /is not JSON/],
    ['a field of the wrong type', '# kpviz-node: {"nodeName": 1}', /node\.nodeName: expected text/],
  ])('refuses a node line that is %s', (_, line, message) => {
    const { environment, problems } = environmentFromYaml(`${line}\n${SEED_MANIFEST}`);
    expect(environment).toBeUndefined();
    expect(problems[0]).toMatchObject({ line: 1, column: 15, severity: 'error', message });
  });

  it('keeps what it leaves out as warnings at the object’s line', () => {
    const text = `${SEED_MANIFEST}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: dns}\nspec:\n  type: ExternalName\n  externalName: example.com\n`;
    const { environment, problems } = environmentFromYaml(text, SEED_ENVIRONMENT.node);
    expect(environment?.services).toHaveLength(1);
    expect(problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringMatching(/ExternalName/) as string,
      }),
    ]);
  });
});
