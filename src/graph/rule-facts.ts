/**
 * What kube-proxy's comments and rules say about the chains they belong to:
 * the Service port a comment names, the endpoint after `->`, the address and
 * port a rule matches, a DNAT's destination.
 */
import type { Rule } from '../domain/model/ruleset.ts';
import { ruleComment } from './summarise-match.ts';
import { argOf, shortAddress } from './summary-format.ts';

/**
 * A Service port name as kube-proxy writes it in comments: `namespace/name:port`,
 * the port name possibly empty (`default/nginx-service-nodeport:`), or with no
 * `:` at all in some older releases (`ns1/svc1 cluster IP`). Namespaces are
 * DNS labels (no dots), so an address (`10.0.0.0/8`) never matches.
 */
const SERVICE_PORT = /(?:^|\s)([a-z0-9][-a-z0-9]*\/[a-z0-9][-a-z0-9.]*(?::[-a-z0-9]*)?)(?=\s|$)/;

/** `ns/svc:port -> 10.244.1.5:8080`: current kube-proxy's comment on each endpoint jump. */
const ENDPOINT = /->\s*(\S+)/;

/**
 * The Service port a comment names.
 *
 * @example
 *   servicePortIn('masquerade traffic for ns2/svc2:p80 external destinations'); // 'ns2/svc2:p80'
 */
export function servicePortIn(comment: string): string | undefined {
  return SERVICE_PORT.exec(comment)?.[1];
}

/**
 * The endpoint a comment names after `->`.
 *
 * @example
 *   endpointIn('ns4/svc4:p80 -> 10.180.0.4:80'); // '10.180.0.4:80'
 */
export function endpointIn(comment: string): string | undefined {
  return ENDPOINT.exec(comment)?.[1];
}

/** The Service port a rule's comment names. */
export function ruleServicePort(rule: Rule): string | undefined {
  const comment = ruleComment(rule);
  return comment === undefined ? undefined : servicePortIn(comment);
}

/**
 * The destination a rule matches as `address:port/protocol`, or `*:port/protocol`
 * without an address: what a KUBE-SERVICES rule says a KUBE-SVC chain
 * stands for when the dump has no comments. Undefined without a port.
 *
 * @example
 *   ruleDestination(parsed('-A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j KUBE-SVC-X'));
 *   // '10.96.0.10:80/tcp'
 */
export function ruleDestination(rule: Rule): string | undefined {
  const protocol = rule.protocol;
  if (!protocol || protocol.negated) return undefined;
  const match = rule.matches.find((m) => m.module === protocol.value || m.module === 'multiport');
  const dport = match?.options.find(
    (o) => !o.negated && (o.name === 'dport' || o.name === 'dports' || o.name === 'ports'),
  );
  const port = dport?.args[0];
  if (port === undefined) return undefined;
  const dst = rule.destination && !rule.destination.negated ? rule.destination.value : undefined;
  const host = dst === undefined ? '*' : shortAddress(dst);
  return `${host.includes(':') ? `[${host}]` : host}:${port}/${protocol.value}`;
}

/**
 * Where a DNAT rule sends packets (`10.244.1.5:8080`): the endpoint a
 * KUBE-SEP chain stands for, comments or not.
 */
export function dnatDestination(rule: Rule): string | undefined {
  return rule.target?.name === 'DNAT' ? argOf(rule.target.options, 'to-destination') : undefined;
}
