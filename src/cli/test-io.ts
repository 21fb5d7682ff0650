import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Io } from './io.ts';

/** An Io for tests: standard input from a string, output collected. */
export function fakeIo(stdin = ''): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (text: string) => {
      io.stdout += text;
    },
    err: (text: string) => {
      io.stderr += text;
    },
    readStdin: () => stdin,
  };
  return io;
}

/** A file holding `text` in a fresh temporary directory. */
export function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kpviz-cli-')), name);
  writeFileSync(path, text);
  return path;
}
