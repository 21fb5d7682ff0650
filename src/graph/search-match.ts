/**
 * Whether a rule or a chain mentions what a query asks for. Addresses match
 * by overlap, so `10.244.1.5` finds `-s 10.244.0.0/16` and `10.244.0.0/16`
 * finds `--to-destination 10.244.1.5:8080`; ports match inside ranges and
 * lists.
 */
import type { Rule } from '../domain/model/ruleset.ts';
import type { AddressRange, SearchQuery } from './search-query.ts';
import { addressRange, overlaps, portInSpec, splitHostPort } from './search-query.ts';
import { ruleComment } from './summarise-match.ts';

/** Options that hold ports, in any match module. */
const PORT_OPTIONS = new Set(['dport', 'sport', 'dports', 'sports', 'ports']);
/** Target options whose value is `address[:port]` or ports. */
const NAT_OPTIONS = new Set(['to-destination', 'to-source', 'to']);
const PORT_TARGET_OPTIONS = new Set(['to-ports']);
const RANGE_OPTIONS = new Set(['src-range', 'dst-range']);

interface Mentions {
  readonly addresses: AddressRange[];
  readonly ports: string[];
}

/** `10.96.0.10:80/tcp`, `-> 10.180.0.4:80`: addresses and ports written in free text. */
function textMentions(text: string, into: Mentions): void {
  for (const word of text.split(/\s+/)) {
    const { host, port } = splitHostPort(word.replace(/\/(tcp|udp|sctp)$/i, ''));
    const range = addressRange(host);
    if (!range) continue;
    into.addresses.push(range);
    if (port !== undefined) into.ports.push(port);
  }
}

function ruleMentions(rule: Rule): Mentions {
  const out: Mentions = { addresses: [], ports: [] };
  for (const field of [rule.source, rule.destination]) {
    const range = field && addressRange(field.value);
    if (range) out.addresses.push(range);
  }
  for (const match of rule.matches) {
    for (const option of match.options) {
      const arg = option.args[0];
      if (arg === undefined) continue;
      if (PORT_OPTIONS.has(option.name)) out.ports.push(arg);
      else if (RANGE_OPTIONS.has(option.name)) {
        const range = addressRange(arg);
        if (range) out.addresses.push(range);
      }
    }
  }
  for (const option of rule.target?.options ?? []) {
    const arg = option.args[0];
    if (arg === undefined) continue;
    if (PORT_TARGET_OPTIONS.has(option.name)) out.ports.push(arg);
    if (!NAT_OPTIONS.has(option.name)) continue;
    const { host, port } = splitHostPort(arg);
    const range = addressRange(host);
    if (range) out.addresses.push(range);
    if (port !== undefined) out.ports.push(port);
  }
  const comment = ruleComment(rule);
  if (comment !== undefined) textMentions(comment, out);
  return out;
}

function matchesMentions(mentions: Mentions, query: SearchQuery): boolean {
  if (query.kind === 'text') return false;
  const port = query.port;
  const portHit = port !== undefined && mentions.ports.some((spec) => portInSpec(port, spec));
  if (query.kind === 'port') return portHit;
  const addressHit = mentions.addresses.some((a) => overlaps(a, query.range));
  return addressHit && (port === undefined || portHit);
}

/**
 * Whether a rule matches the query: by address or port anywhere in it
 * (addresses, ports, NAT targets, its comment), or for text by its comment
 * or target.
 *
 * @example
 *   ruleMatches(sepDnatRule, parseQuery('172.17.0.0/16')!); // true
 */
export function ruleMatches(rule: Rule, query: SearchQuery): boolean {
  if (query.kind !== 'text') return matchesMentions(ruleMentions(rule), query);
  const comment = ruleComment(rule)?.toLowerCase();
  return (
    (comment !== undefined && comment.includes(query.text)) ||
    (rule.target?.name.toLowerCase().includes(query.text) ?? false)
  );
}

/**
 * Whether a chain matches by its own words: its name for text, its label
 * (`10.244.1.5:8080`, `10.96.0.10:80/tcp`, `ns/svc:port`) for any query.
 */
export function chainMatches(
  words: { readonly name: string; readonly label?: string; readonly service?: string },
  query: SearchQuery,
): boolean {
  if (query.kind === 'text') {
    return [words.name, words.label, words.service].some(
      (w) => w !== undefined && w.toLowerCase().includes(query.text),
    );
  }
  if (words.label === undefined) return false;
  const mentions: Mentions = { addresses: [], ports: [] };
  textMentions(words.label, mentions);
  return matchesMentions(mentions, query);
}
