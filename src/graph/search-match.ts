/**
 * Whether a rule or a chain mentions what a query asks for. Addresses match
 * by overlap, so `10.244.1.5` finds `-s 10.244.0.0/16` and `10.244.0.0/16`
 * finds `--to-destination 10.244.1.5:8080`; ports match inside ranges and
 * lists. What a rule says with `!` it says of every other address or port,
 * so a negated one is no mention.
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

/** How an address starts: IPv4's digit, IPv6's first group and colon, `::`, `[`. */
const MAYBE_ADDRESS = /^(?:\d|[\da-f]{1,4}:|:|\[)/i;

/** The addresses and ports a rule or label is about. */
export interface Mentions {
  readonly addresses: AddressRange[];
  readonly ports: string[];
}

/** What a search needs of a rule, worked out once per ruleset (see search-index.ts). */
export interface RuleFacts extends Mentions {
  /** The rule's comment, lower case. */
  readonly comment?: string;
  /** The target's name, lower case. */
  readonly target?: string;
}

/** `10.96.0.10:80/tcp`, `-> 10.180.0.4:80`: addresses and ports written in free text. */
function textMentions(text: string, into: Mentions): void {
  for (const word of text.split(/\s+/)) {
    // Most words of a comment are no address; parsing each would be most of indexing's cost.
    if (!MAYBE_ADDRESS.test(word)) continue;
    const { host, port } = splitHostPort(word.replace(/\/(tcp|udp|sctp)$/i, ''));
    const range = addressRange(host);
    if (!range) continue;
    into.addresses.push(range);
    if (port !== undefined) into.ports.push(port);
  }
}

/**
 * The addresses and ports a rule is about. A negated one (`! -s 10.0.0.0/8`,
 * `! --dport 53`) is left out: the rule is about every other address or
 * port, and counting it would make kube-proxy's masquerade rule of every
 * Service (`! -s <cluster CIDR>`) a hit for any address in the cluster.
 */
function ruleMentions(rule: Rule, out: Mentions): void {
  for (const field of [rule.source, rule.destination]) {
    const range = field && !field.negated ? addressRange(field.value) : undefined;
    if (range) out.addresses.push(range);
  }
  for (const match of rule.matches) {
    for (const option of match.options) {
      const arg = option.args[0];
      if (arg === undefined || option.negated) continue;
      if (PORT_OPTIONS.has(option.name)) out.ports.push(arg);
      else if (RANGE_OPTIONS.has(option.name)) {
        const range = addressRange(arg);
        if (range) out.addresses.push(range);
      }
    }
  }
  for (const option of rule.target?.options ?? []) {
    const arg = option.args[0];
    if (arg === undefined || option.negated) continue;
    if (PORT_TARGET_OPTIONS.has(option.name)) out.ports.push(arg);
    if (!NAT_OPTIONS.has(option.name)) continue;
    const { host, port } = splitHostPort(arg);
    const range = addressRange(host);
    if (range) out.addresses.push(range);
    if (port !== undefined) out.ports.push(port);
  }
}

/**
 * @example
 *   ruleFacts(sepDnatRule).addresses; // [172.17.0.3/32 (the -s), 172.17.0.3 (the DNAT)]
 */
export function ruleFacts(rule: Rule): RuleFacts {
  const comment = ruleComment(rule);
  const target = rule.target?.name.toLowerCase();
  const facts: RuleFacts = {
    addresses: [],
    ports: [],
    ...(comment === undefined ? {} : { comment: comment.toLowerCase() }),
    ...(target === undefined ? {} : { target }),
  };
  ruleMentions(rule, facts);
  if (comment !== undefined) textMentions(comment, facts);
  return facts;
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
 * (addresses, ports, NAT targets, its comment) unless negated, or for text
 * by its comment or target.
 *
 * @example
 *   factsMatch(ruleFacts(sepDnatRule), parseQuery('172.17.0.0/16')!); // true
 */
export function factsMatch(facts: RuleFacts, query: SearchQuery): boolean {
  if (query.kind !== 'text') return matchesMentions(facts, query);
  return (
    (facts.comment !== undefined && facts.comment.includes(query.text)) ||
    (facts.target !== undefined && facts.target.includes(query.text))
  );
}

/** What a search needs of a chain's own words, worked out once per ruleset. */
export interface ChainFacts {
  /** Its name, label and Service, lower case. */
  readonly words: readonly string[];
  /** The addresses and ports its label names (`10.244.1.5:8080`, `10.96.0.10:80/tcp`). */
  readonly label: Mentions;
}

export function chainFacts(words: {
  readonly name: string;
  readonly label?: string;
  readonly service?: string;
}): ChainFacts {
  const label: Mentions = { addresses: [], ports: [] };
  if (words.label !== undefined) textMentions(words.label, label);
  return {
    words: [words.name, words.label, words.service]
      .filter((w) => w !== undefined)
      .map((w) => w.toLowerCase()),
    label,
  };
}

/**
 * Whether a chain matches by its own words: its name, label or Service for
 * text, the addresses and ports of its label for an address or port.
 *
 * @example
 *   chainFactsMatch(chainFacts({ name: 'KUBE-SEP-…', label: '10.244.1.5:8080' }), parseQuery('10.244.1.5')!); // true
 */
export function chainFactsMatch(facts: ChainFacts, query: SearchQuery): boolean {
  if (query.kind === 'text') return facts.words.some((w) => w.includes(query.text));
  return matchesMentions(facts.label, query);
}
