/** Kubernetes value types kube-proxy depends on: ports, protocols, IP addresses, CIDRs. */
import type { Protocol } from './objects.ts';
import { ipFamily, isCidr } from './read-addresses.ts';
import type { Field, ReadContext } from './read-yaml.ts';
import { readChoice, readInteger, readList, readString } from './read-yaml.ts';

export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** A port number, 1–65535. */
export function readPort(ctx: ReadContext, field: Field | undefined): number | undefined {
  const port = readInteger(ctx, field);
  if (port === undefined || !field) return undefined;
  if (port < 1 || port > 65535) {
    ctx.error(field.offset, `${field.path} ${port} is not a port number (1–65535)`);
    return undefined;
  }
  return port;
}

/**
 * kube-apiserver's default --service-node-port-range. A cluster may set another range, so a
 * nodePort outside this one is only a warning.
 */
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

/** A nodePort: 0 means none; outside 30000–32767 is flagged but kept. */
export function readNodePort(ctx: ReadContext, field: Field | undefined): number | undefined {
  const port = readInteger(ctx, field);
  if (port === undefined || !field || port === 0) return port;
  if (port < 0 || port > 65535) {
    ctx.error(field.offset, `${field.path} ${port} is not a port number (1–65535)`);
    return undefined;
  }
  if (port < NODE_PORT_MIN || port > NODE_PORT_MAX) {
    ctx.warning(
      field.offset,
      `${field.path} ${port} is outside ${NODE_PORT_MIN}–${NODE_PORT_MAX}, kube-apiserver's ` +
        'default --service-node-port-range: the API server refuses it unless the cluster sets another range',
    );
  }
  return port;
}

export function readProtocol(ctx: ReadContext, field: Field | undefined): Protocol | undefined {
  return readChoice(ctx, field, PROTOCOLS);
}

/** An IP address; `family` restricts it to IPv4 or IPv6 (an EndpointSlice's addressType). */
export function readIP(
  ctx: ReadContext,
  field: Field | undefined,
  family?: 4 | 6,
): string | undefined {
  const text = readString(ctx, field);
  if (text === undefined || !field) return undefined;
  const found = ipFamily(text);
  if (found === undefined) {
    ctx.error(field.offset, `${field.path} "${text}" is not an IP address`);
    return undefined;
  }
  if (family !== undefined && found !== family) {
    ctx.error(field.offset, `${field.path} "${text}" is not an IPv${family} address`);
    return undefined;
  }
  return text;
}

export function readIPs(ctx: ReadContext, field: Field | undefined): string[] | undefined {
  if (!field) return undefined;
  return readList(ctx, field).flatMap((item) => {
    const ip = readIP(ctx, item);
    return ip === undefined ? [] : [ip];
  });
}

/**
 * CIDRs as loadBalancerSourceRanges hold them. Kept as written: kube-proxy trims the spaces
 * that validation lets through, so they are only checked trimmed.
 */
export function readCidrs(ctx: ReadContext, field: Field | undefined): string[] | undefined {
  if (!field) return undefined;
  return readList(ctx, field).flatMap((item) => {
    const text = readString(ctx, item);
    if (text === undefined) return [];
    if (!isCidr(text.trim())) {
      ctx.error(item.offset, `${item.path} "${text}" is not a CIDR (address/prefix)`);
      return [];
    }
    return [text];
  });
}
