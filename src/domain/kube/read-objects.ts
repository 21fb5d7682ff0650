import { LineCounter, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Problem } from '../model/problem.ts';
import type { KubeObject } from './objects.ts';
import { readEndpointSlice } from './read-endpoint-slice.ts';
import { readJsonNodes } from './read-json.ts';
import { objectName, readMetadata } from './read-metadata.ts';
import { readService } from './read-service.ts';
import type { Field } from './read-yaml.ts';
import { MapView, ReadContext, describe, readList, readString } from './read-yaml.ts';

/** Lists nest (a List of Lists); deeper than this is not something kubectl prints. */
const MAX_LIST_DEPTH = 8;

/** What each kind's list is called: `kubectl get svc -o yaml` prints a ServiceList… or a List. */
const LIST_ITEM_KINDS: ReadonlyMap<string, string | undefined> = new Map([
  ['List', undefined],
  ['ServiceList', 'Service'],
  ['EndpointSliceList', 'EndpointSlice'],
]);

const EXPECTED_API: ReadonlyMap<string, string> = new Map([
  ['Service', 'v1'],
  ['EndpointSlice', 'discovery.k8s.io/v1'],
]);

/**
 * Reads Services and EndpointSlices from YAML or JSON: one object, several separated by `---`,
 * or a List (`kubectl get svc,endpointslices -A -o yaml`). Never throws. Every problem points at
 * the line and column of the offending field; an object with an error is left out (the API
 * server would refuse it too) and the others are kept. Objects of other kinds are skipped with a
 * warning.
 *
 * @example
 * const { objects } = readKubeObjects('kind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80}]\n');
 * objects[0]; // { kind: 'Service', namespace: 'default', name: 'web', type: 'ClusterIP', ports: [{ port: 80 }], … }
 */
export function readKubeObjects(text: string): { objects: KubeObject[]; problems: Problem[] } {
  const lines = new LineCounter();
  const ctx = new ReadContext(lines);
  const objects: KubeObject[] = [];
  if (text.trim() === '') {
    ctx.error(
      0,
      'the input is empty: paste Services and EndpointSlices (kubectl get svc,endpointslices -A -o yaml)',
    );
    return { objects, problems: ctx.problems };
  }
  // kubectl's -o json: read at JSON speed, with the same nodes and positions.
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const root = readJsonNodes(text, lines);
    if (root) {
      readItem(ctx, { node: root, path: '', offset: root.range?.[0] ?? 0 }, objects, undefined, 0);
      return { objects, problems: inLineOrder(ctx.problems) };
    }
  }
  // uniqueKeys off: the yaml package checks keys pairwise (quadratic in a map's size);
  // MapView finds a key given twice in linear time instead.
  const documents = parseAllDocuments(text, {
    lineCounter: lines,
    uniqueKeys: false,
    prettyErrors: false,
  });
  if (!Array.isArray(documents)) return { objects, problems: ctx.problems };
  for (const document of documents) {
    for (const error of document.errors) ctx.error(error.pos[0], `YAML syntax: ${error.message}`);
    ctx.brokenFrom = document.errors[0]?.pos[0];
    for (const warning of document.warnings)
      ctx.warning(warning.pos[0], `YAML: ${warning.message}`);
    ctx.document = document;
    const root = document.contents;
    if (root) readItem(ctx, { node: root, path: '', offset: root.range[0] }, objects, undefined, 0);
  }
  return { objects, problems: inLineOrder(ctx.problems) };
}

function readItem(
  ctx: ReadContext,
  field: Field,
  objects: KubeObject[],
  impliedKind: string | undefined,
  depth: number,
): void {
  const node = field.node;
  if (isScalar(node) && node.value === null) return; // an empty document (a trailing `---`)
  if (isSeq(node)) {
    // A bare list of objects (a JSON array) reads like a List's items.
    for (const item of readList(ctx, field)) readItem(ctx, item, objects, impliedKind, depth + 1);
    return;
  }
  if (!isMap(node)) {
    ctx.error(
      field.offset,
      `expected a Kubernetes object (a map with apiVersion, kind, metadata…), not ${describe(node)}`,
    );
    return;
  }
  const object = new MapView(ctx, node, '', field.offset);
  const kind = readString(ctx, object.get('kind')) ?? impliedKind;
  if (kind === undefined) {
    ctx.error(field.offset, 'kind is missing: kpviz reads Service and EndpointSlice objects');
    return;
  }
  if (LIST_ITEM_KINDS.has(kind) || (kind.endsWith('List') && object.get('items'))) {
    if (depth >= MAX_LIST_DEPTH) {
      ctx.error(field.offset, `${kind} nested more than ${MAX_LIST_DEPTH} deep is not read`);
      return;
    }
    const itemKind = LIST_ITEM_KINDS.get(kind) ?? (kind === 'List' ? undefined : kind.slice(0, -4));
    for (const item of readList(ctx, object.get('items'))) {
      readItem(ctx, item, objects, itemKind, depth + 1);
    }
    return;
  }
  if (ctx.brokenFrom !== undefined && (node.range?.[2] ?? Infinity) >= ctx.brokenFrom) return;
  checkApiVersion(ctx, object, kind);
  const read =
    kind === 'Service'
      ? readService(ctx, object)
      : kind === 'EndpointSlice'
        ? readEndpointSlice(ctx, object)
        : skip(ctx, object, kind);
  if (read) objects.push(read);
}

/** Another kind: said once per object, since a whole namespace's dump is a likely paste. */
function skip(ctx: ReadContext, object: MapView, kind: string): undefined {
  const name = objectName(readMetadata(ctx, object));
  const why =
    kind === 'Endpoints'
      ? 'kube-proxy reads EndpointSlices, not Endpoints (kubectl get endpointslices)'
      : `kube-proxy's rules depend only on Services and EndpointSlices, so ${kind} objects are not needed`;
  ctx.warning(object.offset, `skipped ${kind} ${name}: ${why}`);
  return undefined;
}

function checkApiVersion(ctx: ReadContext, object: MapView, kind: string): void {
  const expected = EXPECTED_API.get(kind);
  const field = object.get('apiVersion');
  const apiVersion = readString(ctx, field);
  if (!expected || !field || apiVersion === undefined || apiVersion === expected) return;
  ctx.warning(
    field.offset,
    `${kind} apiVersion ${apiVersion} is read as ${expected}: fields that ${expected} does not have are ignored`,
  );
}

/** Problems sorted by place (a stable sort: those at one place keep the order they were found). */
function inLineOrder(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
