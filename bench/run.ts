import { benchAnimation } from './animation.bench.ts';
import { benchEmbed } from './embed.bench.ts';
import { benchGenerate } from './generate.bench.ts';
import { benchGraph } from './graph.bench.ts';
import { benchPaint } from './paint.bench.ts';
import { benchParse } from './parse.bench.ts';
import { benchTrace } from './trace.bench.ts';

/**
 * `npm run bench`: prints figures and ratios against baselines measured in the
 * same run. It reports; it does not fail. Name sections to run only those:
 * `npm run bench -- paint animation`.
 */
const SECTIONS: Readonly<Record<string, () => unknown>> = {
  parse: benchParse,
  generate: benchGenerate,
  trace: benchTrace,
  graph: benchGraph,
  paint: benchPaint,
  animation: benchAnimation,
  embed: benchEmbed,
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in SECTIONS));
if (unknown.length > 0) {
  console.error(
    `unknown section ${unknown.join(', ')}; the sections: ${Object.keys(SECTIONS).join(', ')}`,
  );
  process.exit(2);
}
console.log(`kpviz benchmarks — node ${process.version}, ${new Date().toISOString()}`);
for (const [name, bench] of Object.entries(SECTIONS)) {
  if (asked.length === 0 || asked.includes(name)) await bench();
}
