import { describe, expect, it } from 'vitest';
import { SEED_NODE, SEED_OBJECTS } from '../examples/seed-objects.ts';
import { generateRules } from '../kube/generate.ts';
import type { ProfileName } from '../kube/node-settings.ts';
import type { KubeObject } from '../kube/objects.ts';
import { environmentFromObjects, UNKNOWN_NODE } from './from-objects.ts';
import { SEED_ENVIRONMENT } from './seed-environment.ts';
import { RICH_ENVIRONMENT } from './test-environments.ts';
import { environmentToObjects, nodeSettingsOf } from './to-objects.ts';

const PROFILES: readonly ProfileName[] = ['legacy', 'current'];

describe('environment ⇄ Kubernetes objects', () => {
  it.each(PROFILES)(
    'the seed environment gives the seed objects’ rules (profile %s)',
    (profile) => {
      const env = { ...SEED_ENVIRONMENT, node: { ...SEED_ENVIRONMENT.node, profile } };
      const { objects, node } = environmentToObjects(env);
      expect(generateRules(objects, node).restore).toBe(
        generateRules(SEED_OBJECTS, { ...SEED_NODE, profile }).restore,
      );
    },
  );

  it('the seed objects read as the seed environment', () => {
    const { environment, notes } = environmentFromObjects(SEED_OBJECTS, SEED_NODE);
    expect(environment).toEqual(SEED_ENVIRONMENT);
    expect(notes).toEqual([]);
  });

  it('every field survives environment → objects → environment', () => {
    const { objects, node } = environmentToObjects(RICH_ENVIRONMENT);
    // Objects name no pods: give them the names the environment had.
    const names = new Map(
      RICH_ENVIRONMENT.services.flatMap((s) =>
        s.pods.map((p) => [`${s.namespace} ${p.ip}`, p.name]),
      ),
    );
    const back = environmentFromObjects(objects, node, (slice, ip) =>
      names.get(`${slice.namespace} ${ip}`),
    );
    expect(back.environment).toEqual(RICH_ENVIRONMENT);
    expect(back.notes).toEqual([]);
  });

  it('writes no externalTrafficPolicy where the API server refuses one', () => {
    const { objects } = environmentToObjects(RICH_ENVIRONMENT);
    const internal = objects.find((o) => o.kind === 'Service' && o.name === 'web-internal');
    expect(internal).not.toHaveProperty('externalTrafficPolicy');
  });

  it('an empty cluster CIDR means no local-traffic detection', () => {
    const settings = nodeSettingsOf({ ...SEED_ENVIRONMENT.node, clusterCIDR: ' ' });
    expect(settings).not.toHaveProperty('clusterCIDR');
  });

  const svc = (over: Partial<Extract<KubeObject, { kind: 'Service' }>>): KubeObject => ({
    kind: 'Service',
    namespace: 'ns',
    name: 'svc',
    type: 'ClusterIP',
    clusterIP: '10.96.0.1',
    ports: [{ port: 80 }],
    ...over,
  });

  it.each([
    { name: 'ExternalName', over: { type: 'ExternalName' as const }, note: /ExternalName/ },
    { name: 'headless', over: { clusterIP: 'None' }, note: /no ClusterIP/ },
    { name: 'IPv6', over: { clusterIP: 'fd00::1' }, note: /not IPv4/ },
  ])('leaves a $name Service out, with a note', ({ over, note }) => {
    const { environment, notes } = environmentFromObjects([svc(over)], SEED_NODE);
    expect(environment.services).toEqual([]);
    expect(notes.map((n) => n.message)).toEqual([expect.stringMatching(note)]);
  });

  it('names unnamed pods per Service, keeps one name per IP, and defaults what is absent', () => {
    const slice = (name: string, service: string, ips: string[]): KubeObject => ({
      kind: 'EndpointSlice',
      namespace: 'ns',
      name,
      serviceName: service,
      addressType: 'IPv4',
      ports: [{ port: 8080 }],
      endpoints: ips.map((ip) => ({ addresses: [ip] })),
    });
    const { environment, notes } = environmentFromObjects(
      [
        svc({ name: 'a', ports: [{ port: 80, targetPort: 'http' }] }),
        slice('a-1', 'a', ['10.0.0.1', '10.0.0.2']),
        slice('a-2', 'a', ['10.0.0.2']),
        svc({ name: 'b', clusterIP: '10.96.0.2' }),
        slice('b-1', 'b', ['10.0.0.2', '10.0.0.3']),
      ],
      SEED_NODE,
    );
    const [a, b] = environment.services;
    expect(a?.ports[0]?.targetPort).toBe(8080);
    expect(a?.pods.map((p) => [p.name, p.ip])).toEqual([
      ['a-1', '10.0.0.1'],
      ['a-2', '10.0.0.2'],
    ]);
    expect(b?.pods.map((p) => [p.name, p.ip])).toEqual([
      ['a-2', '10.0.0.2'],
      ['b-1', '10.0.0.3'],
    ]);
    expect(a?.pods[0]).toMatchObject({
      nodeName: UNKNOWN_NODE,
      ready: true,
      serving: true,
      terminating: false,
    });
    expect(notes.every((n) => n.message.includes('names no node'))).toBe(true);
  });

  it('says so when a named target port has no EndpointSlice to resolve it', () => {
    const { environment, notes } = environmentFromObjects(
      [svc({ ports: [{ port: 80, targetPort: 'http' }] })],
      SEED_NODE,
    );
    expect(environment.services[0]?.ports[0]?.targetPort).toBe(80);
    expect(notes[0]?.message).toMatch(/named port "http"/);
  });
});
