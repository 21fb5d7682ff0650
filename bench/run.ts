import { benchGenerate } from './generate.bench.ts';
import { benchGraph } from './graph.bench.ts';
import { benchPaint } from './paint.bench.ts';
import { benchParse } from './parse.bench.ts';
import { benchTrace } from './trace.bench.ts';

/**
 * `npm run bench`: prints figures and ratios against baselines measured in the
 * same run. It reports; it does not fail.
 */
console.log(`kpviz benchmarks — node ${process.version}, ${new Date().toISOString()}`);
benchParse();
benchGenerate();
benchTrace();
benchGraph();
await benchPaint();
