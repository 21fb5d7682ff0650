import { describe, expect, it } from 'vitest';
import { SEED_NODE, SEED_OBJECTS } from '../domain/examples/seed-objects.ts';
import { generateRules } from '../domain/kube/generate.ts';
import { DEFAULT_NODE_SETTINGS } from '../domain/kube/node-settings.ts';
import { readKubeObjects } from '../domain/kube/read-objects.ts';
import { asLoadedByKernel } from '../domain/model/kernel-form.ts';
import { parseDump } from '../domain/parse/parse-dump.ts';
import { serializeSave } from '../domain/parse/serialize-save.ts';
import { parseArgs } from './args.ts';
import { run } from './main.ts';
import { fakeIo, tempFile } from './test-io.ts';

/** The seed scenario as `kubectl get svc,endpointslices -o yaml` would print it. */
const SEED_YAML = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata:
    name: nginx-service-nodeport
    namespace: default
  spec:
    type: NodePort
    clusterIP: 10.254.198.92
    ports:
    - protocol: TCP
      port: 80
      targetPort: 80
      nodePort: 32110
- apiVersion: discovery.k8s.io/v1
  kind: EndpointSlice
  metadata:
    name: nginx-service-nodeport-abcde
    namespace: default
    labels:
      kubernetes.io/service-name: nginx-service-nodeport
  addressType: IPv4
  ports:
  - protocol: TCP
    port: 80
  endpoints:
  - addresses: [172.17.0.2]
    conditions: {ready: true}
    nodeName: node-1
  - addresses: [172.17.0.3]
    conditions: {ready: true}
    nodeName: node-1
  - addresses: [172.17.0.4]
    conditions: {ready: true}
    nodeName: node-1
`;

/** A LoadBalancer Service with ETP Local and one endpoint on node-2. */
const LOCAL_LB = `kind: Service
metadata: {name: lb, namespace: web}
spec:
  type: LoadBalancer
  clusterIP: 10.96.0.20
  externalTrafficPolicy: Local
  healthCheckNodePort: 31999
  ports: [{name: http, port: 80, nodePort: 30080}]
status:
  loadBalancer:
    ingress: [{ip: 192.0.2.10}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: lb-1
  namespace: web
  labels: {kubernetes.io/service-name: lb}
addressType: IPv4
endpoints:
- addresses: [10.0.2.7]
  nodeName: node-2
ports: [{name: http, port: 8080}]
`;

describe('kpviz generate', () => {
  it("prints the seed's rules with --profile legacy, as generateRules writes them", () => {
    const io = fakeIo();
    const file = tempFile('seed.yaml', SEED_YAML);
    expect(run(['generate', '--manifests', file, '--profile', 'legacy'], io)).toBe(0);
    expect(io.stderr).toBe('');
    expect(io.stdout).toBe(generateRules(SEED_OBJECTS, SEED_NODE).restore);
  });

  it('reads standard input with "-" and uses kube-proxy\'s defaults', () => {
    const io = fakeIo(LOCAL_LB);
    expect(run(['generate', '--manifests', '-'], io)).toBe(0);
    const { objects } = readKubeObjects(LOCAL_LB);
    expect(io.stdout).toBe(generateRules(objects, DEFAULT_NODE_SETTINGS).restore);
    expect(io.stdout).toMatch(/^\*filter\n/);
  });

  it('prints the rules as the kernel holds them with --as save', () => {
    const io = fakeIo(SEED_YAML);
    expect(run(['generate', '--manifests=-', '--as', 'save', '--profile=legacy'], io)).toBe(0);
    const { restore } = generateRules(SEED_OBJECTS, SEED_NODE);
    expect(io.stdout).toBe(serializeSave(asLoadedByKernel(parseDump(restore).ruleset)));
    expect(io.stdout).toContain(':PREROUTING ACCEPT [0:0]\n');
  });

  it('passes the node settings on to the generator', () => {
    const io = fakeIo(LOCAL_LB);
    const argv = [
      'generate',
      '--manifests',
      '-',
      '--node-name',
      'node-2',
      '--node-ip',
      '192.168.0.12,10.1.0.1',
      '--node-ip',
      '192.168.0.13',
      '--cluster-cidr',
      '10.0.0.0/16',
      '--masquerade-all',
      '--masquerade-bit',
      '5',
      '--random-fully',
    ];
    expect(run(argv, io)).toBe(0);
    const { objects } = readKubeObjects(LOCAL_LB);
    const node = {
      ...DEFAULT_NODE_SETTINGS,
      nodeName: 'node-2',
      nodeIPs: ['192.168.0.12', '10.1.0.1', '192.168.0.13'],
      clusterCIDR: '10.0.0.0/16',
      masqueradeAll: true,
      masqueradeBit: 5,
      randomFully: true,
    };
    expect(io.stdout).toBe(generateRules(objects, node).restore);
    // Go's %#08x, as kube-proxy formats the mark.
    expect(io.stdout).toContain('--or-mark 0x00000020');
    expect(io.stdout).toContain('-j MASQUERADE --random-fully');
    expect(io.stdout).toContain('10.0.0.0/16');
  });

  it('reports reading problems as FILE:LINE:COL, exits 1 and writes no rules at all', () => {
    const text = `${LOCAL_LB}---\nkind: Service\nmetadata: {name: bad}\nspec:\n  ports: [{port: eighty}]\n`;
    const file = tempFile('bad.yaml', text);
    const io = fakeIo();
    expect(run(['generate', '--manifests', file], io)).toBe(1);
    expect(io.stderr).toBe(
      `${file}:28:18: spec.ports[0].port must be a whole number, not "eighty"\n` +
        'kpviz generate: no rules written: fix the errors above first\n',
    );
    expect(io.stdout).toBe('');
  });

  it('labels warnings and exits 0 when there are only warnings', () => {
    const io = fakeIo(`${LOCAL_LB}---\nkind: Pod\nmetadata: {name: p}\n`);
    expect(run(['generate', '--manifests', '-'], io)).toBe(0);
    expect(io.stderr).toMatch(/^<stdin>:25:1: warning: skipped Pod default\/p: .*not needed\n$/);
  });

  it("prints the generator's notes, with the object's place when it has one", () => {
    const text = 'kind: Service\nmetadata: {name: db}\nspec:\n  clusterIP: None\n';
    const io = fakeIo(text);
    expect(run(['generate', '--manifests', '-', '--cluster-cidr', 'fd00::/64'], io)).toBe(0);
    const lines = io.stderr.trimEnd().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^<stdin>:1:1: note: .*db/));
    expect(lines).toContainEqual(expect.stringMatching(/^<stdin>: note: .*fd00::\/64/));
  });

  it.each([
    { name: 'no manifests', argv: ['generate'], message: /usage: kpviz generate --manifests/ },
    {
      name: 'a bad form',
      argv: ['generate', '--manifests', '-', '--as', 'json'],
      message: /--as must be restore or save/,
    },
    {
      name: 'a bad profile',
      argv: ['generate', '--manifests', '-', '--profile', 'v1.16'],
      message: /--profile must be one of current, legacy/,
    },
    {
      name: 'a node IP that is not an IP',
      argv: ['generate', '--manifests', '-', '--node-ip', '10.0.0.1,node-1'],
      message: /--node-ip "node-1" is not an IP address/,
    },
    {
      name: 'a cluster CIDR without a prefix',
      argv: ['generate', '--manifests', '-', '--cluster-cidr', '10.0.0.0'],
      message: /--cluster-cidr "10.0.0.0" is not a CIDR/,
    },
    {
      name: 'a masquerade bit out of range',
      argv: ['generate', '--manifests', '-', '--masquerade-bit', '32'],
      message: /--masquerade-bit must be a number from 0 to 31/,
    },
    {
      name: 'an empty node name',
      argv: ['generate', '--manifests', '-', '--node-name='],
      message: /--node-name needs a name/,
    },
    {
      name: 'a missing file',
      argv: ['generate', '--manifests', '/nonexistent/x.yaml'],
      message: /cannot read \/nonexistent\/x.yaml/,
    },
    {
      name: 'a misspelt flag',
      argv: ['generate', '--manifests', '-', '--masquerade-al'],
      message: /unexpected --masquerade-al/,
    },
    {
      name: 'a stray word',
      argv: ['generate', '--manifests', 'a', 'b'],
      message: /unexpected b/,
    },
  ])('exits 2 on $name', ({ argv, message }) => {
    const io = fakeIo();
    expect(run(argv, io)).toBe(2);
    expect(io.stderr).toMatch(message);
  });

  it('is in the usage', () => {
    const io = fakeIo();
    expect(run(['--help'], io)).toBe(0);
    expect(io.stdout).toMatch(
      /kpviz generate --manifests FILE\|- \[--profile current\|legacy\] \[--as restore\|save\]/,
    );
  });
});

describe('parseArgs: repeatable flags', () => {
  const spec = {
    valued: new Set(['ip', 'name']),
    switches: new Set<string>(),
    repeatable: new Set(['ip']),
  };

  it('keeps every value of a repeatable flag, in order', () => {
    const args = parseArgs(['--ip', 'a', '--name', 'x', '--ip=b', '--name', 'y'], spec);
    expect(args.lists.get('ip')).toEqual(['a', 'b']);
    expect(args.flags.get('ip')).toBe('b');
    expect(args.lists.has('name')).toBe(false);
    expect(args.flags.get('name')).toBe('y');
  });
});
