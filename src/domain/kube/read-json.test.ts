import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, LineCounter } from 'yaml';
import { readJsonNodes } from './read-json.ts';
import { readKubeObjects } from './read-objects.ts';

const withoutPositions = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'position' ? undefined : v)));

const YAML_TEXT = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  type: NodePort
  clusterIP: 10.96.0.10
  ports: [{name: http, protocol: TCP, port: 80, targetPort: 8080, nodePort: 30080}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: web-1, namespace: shop, labels: {kubernetes.io/service-name: web}}
addressType: IPv4
endpoints:
- addresses: [10.244.0.5]
  conditions: {ready: true, terminating: false}
  nodeName: "node \\"a\\""
ports: [{name: http, protocol: TCP, port: 8080}]
`;

/** The same objects as kubectl get -o json prints them: a List, indented. */
const JSON_TEXT = JSON.stringify(
  {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          type: 'NodePort',
          clusterIP: '10.96.0.10',
          ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080, nodePort: 30080 }],
        },
      },
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: 'web-1',
          namespace: 'shop',
          labels: { 'kubernetes.io/service-name': 'web' },
        },
        addressType: 'IPv4',
        endpoints: [
          {
            addresses: ['10.244.0.5'],
            conditions: { ready: true, terminating: false },
            nodeName: 'node "a"',
          },
        ],
        ports: [{ name: 'http', protocol: 'TCP', port: 8080 }],
      },
    ],
  },
  null,
  2,
);

describe('reading kubectl -o json', () => {
  it('gives the same objects as the YAML form', () => {
    const fromJson = readKubeObjects(JSON_TEXT);
    const fromYaml = readKubeObjects(YAML_TEXT);
    expect(fromJson.problems).toEqual([]);
    expect(fromYaml.problems).toEqual([]);
    expect(withoutPositions(fromJson.objects)).toEqual(withoutPositions(fromYaml.objects));
    expect(fromJson.objects).toHaveLength(2);
  });

  it('points each problem at its line and column in the JSON', () => {
    const text = JSON_TEXT.replace('"port": 80,', '"port": "eighty",');
    const line = text.split('\n').findIndex((l) => l.includes('"eighty"')) + 1;
    const column = (text.split('\n')[line - 1] ?? '').indexOf('"eighty"') + 1;
    const { problems, objects } = readKubeObjects(text);
    expect(problems).toEqual([expect.objectContaining({ line, column, severity: 'error' })]);
    expect(objects.map((o) => o.kind)).toEqual(['EndpointSlice']);
  });

  it('places objects where they start, for the generator notes', () => {
    const { objects } = readKubeObjects(JSON_TEXT);
    // The Service is the List's first item: the "{" at four spaces' indent.
    const line = JSON_TEXT.split('\n').indexOf('    {') + 1;
    expect(objects[0]?.position).toEqual({ line, column: 5 });
  });

  it.each([
    { name: 'a trailing comma', text: '{"kind": "Service",}' },
    { name: 'an unclosed object', text: '{"kind": "Service"' },
    { name: 'a stray word', text: '{"kind": Service}' },
  ])('lets the YAML reader report text that is not strict JSON: $name', ({ text }) => {
    const { problems } = readKubeObjects(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.line).toBe(1);
  });

  it('reads a large list in full', () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `svc${i}`, namespace: 'ns' },
      spec: { clusterIP: `10.96.${i >> 8}.${i & 255}`, ports: [{ port: 80 }] },
    }));
    const { objects, problems } = readKubeObjects(JSON.stringify({ kind: 'List', items }));
    expect(problems).toEqual([]);
    expect(objects).toHaveLength(5000);
  });
});

describe('readJsonNodes', () => {
  it('builds maps, lists and scalars with their ranges', () => {
    const text = '{\n  "a": [1, -2.5e3, "x\\"y", true, null],\n  "b": {}\n}';
    const lines = new LineCounter();
    const root = readJsonNodes(text, lines);
    expect(isMap(root)).toBe(true);
    if (!isMap(root)) return;
    const [a, b] = root.items;
    expect(isScalar(a?.key) && a.key.value).toBe('a');
    expect(isSeq(a?.value)).toBe(true);
    if (!isSeq(a?.value)) return;
    expect(a.value.items.map((n) => (isScalar(n) ? n.value : undefined))).toEqual([
      1,
      -2500,
      'x"y',
      true,
      null,
    ]);
    expect(a.value.range?.[0]).toBe(text.indexOf('['));
    expect(isMap(b?.value)).toBe(true);
    expect(lines.linePos(text.indexOf('"b"'))).toEqual({ line: 3, col: 3 });
  });

  it.each(['{"a": 1,}', '{"a" 1}', '[1 2]', '{"a": tru}', '{"a": 01}', '"open', '{} {}', ''])(
    'gives up on %j, which is not strict JSON',
    (text) => {
      expect(readJsonNodes(text, new LineCounter())).toBeUndefined();
    },
  );
});
