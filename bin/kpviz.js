#!/usr/bin/env node
// The kpviz command: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli/main.ts');
process.exitCode = run(process.argv.slice(2));
