import type { MapView, ReadContext } from './read-yaml.ts';
import { readMap, readString } from './read-yaml.ts';

export interface Metadata {
  readonly namespace: string;
  readonly name: string | undefined;
  readonly labels: MapView | undefined;
}

/** metadata.namespace (Kubernetes' default: "default"), metadata.name and metadata.labels. */
export function readMetadata(ctx: ReadContext, object: MapView): Metadata {
  const metadata = readMap(ctx, object.get('metadata'));
  return {
    namespace: readString(ctx, metadata?.get('namespace')) ?? 'default',
    name: readString(ctx, metadata?.get('name')),
    labels: readMap(ctx, metadata?.get('labels')),
  };
}

/** `ns/name`, or the namespace alone when the name is missing: for messages. */
export const objectName = (meta: Metadata): string =>
  meta.name === undefined ? `in namespace ${meta.namespace}` : `${meta.namespace}/${meta.name}`;
