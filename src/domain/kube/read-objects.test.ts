import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Service } from './objects.ts';
import { readKubeObjects } from './read-objects.ts';

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  type: LoadBalancer
  clusterIP: 10.96.0.10
  clusterIPs: [10.96.0.10]
  ports:
  - name: http
    protocol: TCP
    port: 80
    targetPort: http-alt
    nodePort: 30080
  - name: dns
    protocol: UDP
    port: 53
    targetPort: 5353
  externalIPs: [203.0.113.7]
  loadBalancerSourceRanges: [" 198.51.100.0/24"]
  externalTrafficPolicy: Local
  internalTrafficPolicy: Cluster
  healthCheckNodePort: 31000
  sessionAffinity: ClientIP
  sessionAffinityConfig:
    clientIP:
      timeoutSeconds: 600
status:
  loadBalancer:
    ingress:
    - ip: 192.0.2.1
    - hostname: lb.example.com
`;

const SLICE = `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: web-x1
  namespace: shop
  labels:
    kubernetes.io/service-name: web
addressType: IPv4
endpoints:
- addresses: [10.0.1.5]
  conditions: {ready: false, serving: true, terminating: true}
  nodeName: node-1
  zone: z1
- addresses: [10.0.2.5]
ports:
- name: http
  protocol: TCP
  port: 8080
`;

/** `- ` in front of the first line and two spaces in front of the others: a List item. */
const asItem = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((line, i) => (i === 0 ? `- ${line}` : `  ${line}`))
    .join('\n');

describe('readKubeObjects: what it reads', () => {
  it('maps every Service field onto the model, with its position', () => {
    const { objects, problems } = readKubeObjects(SERVICE);
    expect(problems).toEqual([]);
    expect(objects).toEqual<Service[]>([
      {
        kind: 'Service',
        namespace: 'shop',
        name: 'web',
        type: 'LoadBalancer',
        clusterIP: '10.96.0.10',
        clusterIPs: ['10.96.0.10'],
        ports: [
          { name: 'http', protocol: 'TCP', port: 80, targetPort: 'http-alt', nodePort: 30080 },
          { name: 'dns', protocol: 'UDP', port: 53, targetPort: 5353 },
        ],
        externalIPs: ['203.0.113.7'],
        loadBalancerSourceRanges: [' 198.51.100.0/24'],
        loadBalancerIngressIPs: ['192.0.2.1'],
        externalTrafficPolicy: 'Local',
        internalTrafficPolicy: 'Cluster',
        healthCheckNodePort: 31000,
        sessionAffinity: 'ClientIP',
        sessionAffinityTimeoutSeconds: 600,
        position: { line: 1, column: 1 },
      },
    ]);
  });

  it('maps every EndpointSlice field onto the model', () => {
    const { objects, problems } = readKubeObjects(SLICE);
    expect(problems).toEqual([]);
    expect(objects).toEqual<EndpointSlice[]>([
      {
        kind: 'EndpointSlice',
        namespace: 'shop',
        name: 'web-x1',
        serviceName: 'web',
        addressType: 'IPv4',
        endpoints: [
          {
            addresses: ['10.0.1.5'],
            conditions: { ready: false, serving: true, terminating: true },
            nodeName: 'node-1',
            zone: 'z1',
          },
          { addresses: ['10.0.2.5'] },
        ],
        ports: [{ name: 'http', protocol: 'TCP', port: 8080 }],
        position: { line: 1, column: 1 },
      },
    ]);
  });

  it('fills in Kubernetes defaults only for namespace and type', () => {
    const { objects } = readKubeObjects(
      'kind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}\n',
    );
    expect(objects).toEqual([
      {
        kind: 'Service',
        namespace: 'default',
        name: 'a',
        type: 'ClusterIP',
        ports: [{ port: 80 }],
        position: { line: 1, column: 1 },
      },
    ]);
  });

  const listHeader = (kind: string) => `apiVersion: v1\nkind: ${kind}\nitems:\n`;
  it.each([
    { name: 'documents separated by ---', text: `${SERVICE}---\n${SLICE}---\n`, lines: [1, 35] },
    {
      name: 'a List (kubectl get svc,endpointslices -o yaml)',
      text: `${listHeader('List')}${asItem(SERVICE)}\n${asItem(SLICE)}\nmetadata:\n  resourceVersion: ""\n`,
      lines: [4, 37],
    },
    {
      name: 'a ServiceList and an EndpointSliceList whose items have no kind',
      text: `${listHeader('ServiceList')}${asItem(SERVICE.replace('kind: Service\n', ''))}\n---\n${listHeader('EndpointSliceList')}${asItem(SLICE.replace('kind: EndpointSlice\n', ''))}\n`,
      lines: [4, 40],
    },
    {
      name: 'JSON (kubectl -o json)',
      text: JSON.stringify(
        {
          apiVersion: 'v1',
          kind: 'List',
          items: [
            { kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } },
            {
              kind: 'EndpointSlice',
              metadata: { name: 'web-1', labels: { 'kubernetes.io/service-name': 'web' } },
              addressType: 'IPv4',
              endpoints: [{ addresses: ['10.0.0.1'] }],
              ports: [{ port: 80 }],
            },
          ],
        },
        null,
        2,
      ),
      lines: [5, 18],
    },
  ])('reads $name', ({ text, lines }) => {
    const { objects, problems } = readKubeObjects(text);
    expect(problems).toEqual([]);
    expect(objects.map((o) => o.kind)).toEqual(['Service', 'EndpointSlice']);
    expect(objects.map((o) => o.position?.line)).toEqual(lines);
  });

  it('treats a headless Service without ports and an ExternalName Service as valid', () => {
    const text =
      'kind: Service\nmetadata: {name: h}\nspec: {clusterIP: None}\n---\n' +
      'kind: Service\nmetadata: {name: e}\nspec: {type: ExternalName, externalName: example.com}\n';
    const { objects, problems } = readKubeObjects(text);
    expect(problems).toEqual([]);
    expect(objects.map((o) => o.name)).toEqual(['h', 'e']);
  });

  it('reads a big input (about 4,000 objects) in full', () => {
    const count = 2000;
    const items: string[] = [];
    for (let i = 0; i < count; i++) {
      const ip = `10.${(i >> 8) & 255}.${i & 255}`;
      items.push(
        asItem(
          `kind: Service\nmetadata:\n  name: s${i}\n  namespace: ns\nspec:\n  clusterIP: 10.96.${(i >> 8) & 255}.${i & 255}\n  ports:\n  - port: 80\n    protocol: TCP`,
        ),
        asItem(
          `kind: EndpointSlice\nmetadata:\n  name: s${i}-a\n  namespace: ns\n  labels:\n    kubernetes.io/service-name: s${i}\naddressType: IPv4\nendpoints:\n- addresses: [${ip}.1]\n- addresses: [${ip}.2]\nports:\n- port: 8080`,
        ),
      );
    }
    const { objects, problems } = readKubeObjects(`kind: List\nitems:\n${items.join('\n')}\n`);
    expect(problems).toEqual([]);
    expect(objects).toHaveLength(2 * count);
    expect(objects.at(-1)).toMatchObject({ name: `s${count - 1}-a`, serviceName: `s${count - 1}` });
  });
});

describe('readKubeObjects: problems point at the field', () => {
  /** `text` with a Service at the top whose spec.ports[0] is `port` lines (6 spaces in). */
  const withPort = (port: string) =>
    `kind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - ${port.split('\n').join('\n    ')}\n`;
  it.each([
    {
      name: 'a YAML syntax error',
      text: 'kind: Service\nmetadata: {name: web\nspec: {}\n',
      problem: { line: 3, column: 1, message: /^YAML syntax: / },
    },
    {
      name: 'a Service without metadata.name',
      text: 'kind: Service\nmetadata:\n  namespace: x\nspec: {ports: [{port: 80}]}\n',
      problem: { line: 3, column: 3, message: /^metadata.name is missing/ },
    },
    {
      name: 'a Service without metadata',
      text: 'kind: Service\nspec: {ports: [{port: 80}]}\n',
      problem: { line: 1, column: 1, message: /^metadata.name is missing/ },
    },
    {
      name: 'a Service without ports',
      text: 'kind: Service\nmetadata: {name: web}\nspec:\n  type: NodePort\n',
      problem: { line: 4, column: 3, message: /^spec.ports is missing or empty/ },
    },
    {
      name: 'a port that is a word',
      text: withPort('port: eighty'),
      problem: {
        line: 6,
        column: 11,
        message: 'spec.ports[0].port must be a whole number, not "eighty"',
      },
    },
    {
      name: 'a quoted port',
      text: withPort('port: "80"'),
      problem: { line: 6, column: 11, message: /write it without quotes/ },
    },
    {
      name: 'a port out of range',
      text: withPort('port: 70000'),
      problem: {
        line: 6,
        column: 11,
        message: 'spec.ports[0].port 70000 is not a port number (1–65535)',
      },
    },
    {
      name: 'port 0',
      text: withPort('port: 0'),
      problem: { line: 6, column: 11, message: /0 is not a port number/ },
    },
    {
      name: 'a nodePort out of the default range',
      text: withPort('port: 80\nnodePort: 8080'),
      problem: {
        line: 7,
        column: 15,
        severity: 'warning',
        message:
          /^spec.ports\[0\].nodePort 8080 is outside 30000–32767, kube-apiserver's default --service-node-port-range/,
      },
    },
    {
      name: 'an unknown protocol',
      text: withPort('port: 80\nprotocol: tcp'),
      problem: {
        line: 7,
        column: 15,
        message: 'spec.ports[0].protocol "tcp" is not one of "TCP", "UDP", "SCTP"',
      },
    },
    {
      name: 'a cluster IP that is not an IP',
      text: 'kind: Service\nmetadata: {name: web}\nspec:\n  clusterIP: 10.96.0.300\n  ports: [{port: 80}]\n',
      problem: {
        line: 4,
        column: 14,
        message: 'spec.clusterIP "10.96.0.300" is not an IP address',
      },
    },
    {
      name: 'an external IP that is a host name',
      text: 'kind: Service\nmetadata: {name: web}\nspec:\n  externalIPs:\n  - example.com\n  ports: [{port: 80}]\n',
      problem: {
        line: 5,
        column: 5,
        message: 'spec.externalIPs[0] "example.com" is not an IP address',
      },
    },
    {
      name: 'a source range without a prefix',
      text: 'kind: Service\nmetadata: {name: web}\nspec:\n  loadBalancerSourceRanges: [1.2.3.4]\n  ports: [{port: 80}]\n',
      problem: { line: 4, column: 30, message: /is not a CIDR/ },
    },
    {
      name: 'an unknown Service type',
      text: 'kind: Service\nmetadata: {name: web}\nspec:\n  type: Nodeport\n  ports: [{port: 80}]\n',
      problem: {
        line: 4,
        column: 9,
        message: /spec.type "Nodeport" is not one of "ClusterIP", "NodePort"/,
      },
    },
    {
      name: 'a second port without a name',
      text: 'kind: Service\nmetadata: {name: web}\nspec:\n  ports:\n  - name: a\n    port: 80\n  - port: 81\n',
      problem: { line: 7, column: 5, message: /^spec.ports\[1\].name is missing/ },
    },
    {
      name: 'an EndpointSlice without the service-name label',
      text: 'kind: EndpointSlice\nmetadata:\n  name: s\n  labels: {app: web}\naddressType: IPv4\nendpoints: []\n',
      problem: {
        line: 4,
        column: 11,
        severity: 'warning',
        message: /has no kubernetes.io\/service-name label: kube-proxy ignores it/,
      },
    },
    {
      name: 'an endpoint address of the wrong family',
      text: 'kind: EndpointSlice\nmetadata:\n  name: s\n  labels: {kubernetes.io/service-name: web}\naddressType: IPv4\nendpoints:\n- addresses: ["fd00::1"]\n',
      problem: {
        line: 7,
        column: 15,
        message: 'endpoints[0].addresses[0] "fd00::1" is not an IPv4 address',
      },
    },
    {
      name: 'a condition that is not a boolean',
      text: 'kind: EndpointSlice\nmetadata:\n  name: s\n  labels: {kubernetes.io/service-name: web}\naddressType: IPv4\nendpoints:\n- addresses: [10.0.0.1]\n  conditions: {ready: yes}\n',
      problem: {
        line: 8,
        column: 23,
        message: 'endpoints[0].conditions.ready must be true or false, not "yes"',
      },
    },
    {
      name: 'a Pod',
      text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: web-0}\n',
      problem: {
        line: 1,
        column: 1,
        severity: 'warning',
        message: /^skipped Pod default\/web-0: .* not needed/,
      },
    },
    {
      name: 'a Deployment',
      text: 'kind: Deployment\nmetadata: {name: web}\n',
      problem: {
        line: 1,
        column: 1,
        severity: 'warning',
        message: /^skipped Deployment default\/web: .* not needed/,
      },
    },
    {
      name: 'an old apiVersion',
      text: 'apiVersion: discovery.k8s.io/v1beta1\nkind: EndpointSlice\nmetadata:\n  name: s\n  labels: {kubernetes.io/service-name: web}\naddressType: IPv4\nendpoints: []\n',
      problem: {
        line: 1,
        column: 13,
        severity: 'warning',
        message:
          /^EndpointSlice apiVersion discovery.k8s.io\/v1beta1 is read as discovery.k8s.io\/v1/,
      },
    },
    {
      name: 'a key given twice',
      text: 'kind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\nspec: {}\n',
      problem: { line: 4, column: 1, message: 'spec is given twice' },
    },
    {
      name: 'an object without kind',
      text: 'metadata: {name: web}\n',
      problem: { line: 1, column: 1, message: /^kind is missing/ },
    },
    {
      name: 'an empty input',
      text: '\n  \n',
      problem: { line: 1, column: 1, message: /^the input is empty/ },
    },
  ])('$name', ({ text, problem }) => {
    const { problems } = readKubeObjects(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      line: problem.line,
      column: problem.column,
      severity: problem.severity ?? 'error',
    });
    expect(problems[0]?.message).toMatch(problem.message);
  });

  it('keeps every good object when others are bad', () => {
    const bad = 'kind: Service\nmetadata: {name: bad}\nspec: {ports: [{port: eighty}]}\n';
    const good = 'kind: Service\nmetadata: {name: good}\nspec: {ports: [{port: 80}]}\n';
    const { objects, problems } = readKubeObjects(`${good}---\n${bad}---\n${good}`);
    expect(objects.map((o) => [o.name, o.position?.line])).toEqual([
      ['good', 1],
      ['good', 9],
    ]);
    expect(problems.map((p) => [p.line, p.severity])).toEqual([[7, 'error']]);
  });

  it('keeps the objects before a YAML syntax error, and says nothing more of those after it', () => {
    const good = asItem('kind: Service\nmetadata: {name: good}\nspec: {ports: [{port: 80}]}');
    const broken = asItem('kind: Service\nmetadata: {name: broken\nspec: {ports: [{port: 80}]}');
    const { objects, problems } = readKubeObjects(
      `kind: List\nitems:\n${good}\n${broken}\n${good}\n`,
    );
    expect(objects.map((o) => o.name)).toEqual(['good']);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.message.startsWith('YAML syntax: '))).toBe(true);
    expect(problems[0]).toMatchObject({ line: 8, column: 3 });
  });

  it('keeps an object whose only problems are warnings', () => {
    const text =
      'kind: Service\nmetadata: {name: web}\nspec: {type: NodePort, ports: [{port: 80, nodePort: 80}]}\n';
    const { objects, problems } = readKubeObjects(text);
    expect(objects).toHaveLength(1);
    expect(problems.map((p) => p.severity)).toEqual(['warning']);
  });

  it('refuses an alias of a map (no "billion laughs"), but follows an alias of a value', () => {
    const text =
      'kind: Service\nmetadata: {name: &n web}\nspec:\n  ports: [{port: 80, name: *n}]\n---\n' +
      'kind: Service\nmetadata: &m {name: x}\nspec: {ports: [{port: 80}]}\n---\n' +
      'kind: Service\nmetadata: *m\nspec: {ports: [{port: 80}]}\n';
    const { objects, problems } = readKubeObjects(text);
    expect(objects.map((o) => o.kind === 'Service' && o.ports[0]?.name)).toEqual([
      'web',
      undefined,
    ]);
    expect(problems[0]).toMatchObject({ line: 11, column: 11 });
    expect(problems[0]?.message).toBe(
      'metadata: a YAML alias of a map or list is not supported here',
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const result = readKubeObjects(text);
        expect(result.problems.every((p) => p.line >= 1 && p.column >= 1)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on mangled Kubernetes YAML', () => {
    const source = `kind: List\nitems:\n${asItem(SERVICE)}\n${asItem(SLICE)}\n`;
    fc.assert(
      fc.property(
        fc.nat(source.length),
        fc.nat(40),
        fc.string({ maxLength: 5 }),
        (at, cut, insert) => {
          const text = source.slice(0, at) + insert + source.slice(at + cut);
          readKubeObjects(text);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('kinds that are names of Object.prototype members', () => {
  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty'])(
    'skips a %s object like any other unknown kind',
    (kind) => {
      const { objects, problems } = readKubeObjects(
        `kind: ${kind}\nmetadata: {name: x}\nitems: []\n`,
      );
      expect(objects).toEqual([]);
      expect(problems.every((p) => p.severity === 'warning')).toBe(true);
      expect(problems).toHaveLength(1);
    },
  );
});
