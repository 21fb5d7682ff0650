import type { Endpoint, EndpointConditions, EndpointPort, EndpointSlice } from './objects.ts';
import { objectName, readMetadata } from './read-metadata.ts';
import { readIP, readPort, readProtocol } from './read-values.ts';
import type { Field, MapView, ReadContext } from './read-yaml.ts';
import { optional, readBoolean, readChoice, readList, readMap, readString } from './read-yaml.ts';

/** The label that ties a slice to its Service; kube-proxy ignores a slice without it. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

const ADDRESS_TYPES = ['IPv4', 'IPv6', 'FQDN'] as const;

/**
 * A discovery.k8s.io/v1 EndpointSlice, or undefined when it has an error (the API server would
 * refuse it) or no service-name label (kube-proxy would ignore it: a warning).
 */
export function readEndpointSlice(ctx: ReadContext, object: MapView): EndpointSlice | undefined {
  const errorsBefore = ctx.errors;
  const meta = readMetadata(ctx, object);
  const metadataAt = object.get('metadata')?.offset ?? object.offset;
  if (meta.name === undefined) {
    ctx.error(metadataAt, 'metadata.name is missing: an EndpointSlice needs a name');
  }
  const serviceName = readString(ctx, meta.labels?.get(SERVICE_NAME_LABEL));
  const addressTypeField = object.get('addressType');
  const addressType = readChoice(ctx, addressTypeField, ADDRESS_TYPES);
  if (!addressTypeField) {
    ctx.error(object.offset, 'addressType is missing: IPv4, IPv6 or FQDN');
  }
  const family = addressType === 'IPv4' ? 4 : addressType === 'IPv6' ? 6 : undefined;
  const endpoints = readList(ctx, object.get('endpoints')).flatMap((item) => {
    const endpoint = readEndpoint(ctx, item, family);
    return endpoint ? [endpoint] : [];
  });
  const ports = readList(ctx, object.get('ports')).flatMap((item) => {
    const port = readEndpointPort(ctx, item);
    return port ? [port] : [];
  });
  if (ctx.errors > errorsBefore || addressType === undefined) return undefined;
  if (serviceName === undefined) {
    ctx.warning(
      meta.labels?.offset ?? metadataAt,
      `EndpointSlice ${objectName(meta)} has no ${SERVICE_NAME_LABEL} label: ` +
        'kube-proxy ignores it, so it is skipped',
    );
    return undefined;
  }
  return {
    kind: 'EndpointSlice',
    namespace: meta.namespace,
    name: meta.name ?? '',
    serviceName,
    addressType,
    endpoints,
    ports,
    position: ctx.position(object.offset),
  };
}

function readEndpoint(
  ctx: ReadContext,
  item: Field,
  family: 4 | 6 | undefined,
): Endpoint | undefined {
  const endpoint = readMap(ctx, item);
  if (!endpoint) return undefined;
  const addressesField = endpoint.get('addresses');
  const addressItems = readList(ctx, addressesField);
  if (addressItems.length === 0) {
    ctx.error(addressesField?.offset ?? item.offset, `${item.path}.addresses is missing or empty`);
  }
  const addresses = addressItems.flatMap((address) => {
    const text = family === undefined ? readString(ctx, address) : readIP(ctx, address, family);
    return text === undefined ? [] : [text];
  });
  return {
    addresses,
    ...optional('conditions', readConditions(ctx, endpoint.get('conditions'))),
    ...optional('nodeName', readString(ctx, endpoint.get('nodeName'))),
    ...optional('zone', readString(ctx, endpoint.get('zone'))),
  };
}

function readConditions(
  ctx: ReadContext,
  field: Field | undefined,
): EndpointConditions | undefined {
  const conditions = readMap(ctx, field);
  if (!conditions) return undefined;
  return {
    ...optional('ready', readBoolean(ctx, conditions.get('ready'))),
    ...optional('serving', readBoolean(ctx, conditions.get('serving'))),
    ...optional('terminating', readBoolean(ctx, conditions.get('terminating'))),
  };
}

function readEndpointPort(ctx: ReadContext, item: Field): EndpointPort | undefined {
  const port = readMap(ctx, item);
  if (!port) return undefined;
  return {
    ...optional('name', readString(ctx, port.get('name'))),
    ...optional('protocol', readProtocol(ctx, port.get('protocol'))),
    ...optional('port', readPort(ctx, port.get('port'))),
  };
}
