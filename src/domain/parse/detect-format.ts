/** The rule-dump formats kpviz reads. */
export type DumpFormat = 'save' | 'rules' | 'listing';

const LISTING_HEADER = /^Chain \S+ \((policy (ACCEPT|DROP)|\d+ references?)/;
const RULES_LINE = /^-[PNA] \S+/;

/**
 * Tells the format from the first lines that decide it: a `*table` line or a
 * `:CHAIN` declaration means iptables-save; `-P`/`-N`/`-A` lines, `iptables -S`;
 * `Chain X (policy …)` headers, an `iptables -L` listing. Looks at most at the
 * first 200 meaningful lines, so it is cheap on a 50 MB paste.
 */
export function detectFormat(text: string): DumpFormat | undefined {
  let seen = 0;
  let start = 0;
  while (start < text.length && seen < 200) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end).trim();
    start = end < 0 ? text.length : end + 1;
    if (line === '' || line.startsWith('#')) continue;
    seen++;
    if (/^\*[a-z]+$/.test(line) || /^:\S+ (ACCEPT|DROP|-)/.test(line)) return 'save';
    if (LISTING_HEADER.test(line)) return 'listing';
    // Only iptables-save -c puts counters in front of a rule.
    if (/^\[\d+:\d+\] -A \S+/.test(line)) return 'save';
    if (RULES_LINE.test(line)) return 'rules';
  }
  return undefined;
}
