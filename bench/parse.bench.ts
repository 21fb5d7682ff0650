import { servicesForLines, syntheticDump } from '../src/domain/examples/synthetic-dump.ts';
import { parseDump } from '../src/domain/parse/parse-dump.ts';
import { fmt, medianMs, row } from './measure.ts';

/**
 * Parse time of a 100,000-line kube-proxy dump against the floor of any
 * line-and-word parser on the same text: split('\n') plus split(' ') of each
 * line (target: parse ≤ 1.5× that). A second baseline keeps those word arrays
 * alive, as any parser that returns a model must keep something: it shows how
 * much of the gap is the cost of holding a result at all.
 */
export function benchParse(): void {
  const text = syntheticDump({ services: servicesForLines(100_000) });
  const lines = text.split('\n').length;
  let sink = 0;
  const baseline = medianMs(() => {
    for (const line of text.split('\n')) sink += line.split(' ').length;
  });
  let kept: string[][] = [];
  const retained = medianMs(() => {
    kept = text.split('\n').map((line) => line.split(' '));
  });
  let problems = 0;
  const parse = medianMs(() => {
    problems = parseDump(text).problems.length;
  });
  console.log(
    `\nparse: iptables-save dump, ${lines.toLocaleString('en')} lines, ${(text.length / 1e6).toFixed(1)} MB`,
  );
  row('split("\\n") + split(" ") per line (baseline)', fmt(baseline), '1.00×');
  row('the same, keeping the word arrays', fmt(retained), `${(retained / baseline).toFixed(2)}×`);
  row('parseDump (model with every rule)', fmt(parse), `${(parse / baseline).toFixed(2)}×`);
  row('target: parseDump ≤ 1.50× baseline', parse / baseline <= 1.5 ? 'met' : 'NOT met');
  if (problems > 0 || sink < 0 || kept.length === 0)
    console.log(`  (unexpected: ${problems} problems)`);
}
