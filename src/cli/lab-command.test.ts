import { describe, expect, it } from 'vitest';
import { labScript } from '../domain/env/lab-script.ts';
import { SEED_ENVIRONMENT } from '../domain/env/seed-environment.ts';
import { environmentToYaml } from '../domain/env/yaml-export.ts';
import { SEED_MANIFEST } from '../domain/examples/seed-objects.ts';
import { run } from './main.ts';
import { fakeIo, tempFile } from './test-io.ts';

describe('kpviz lab', () => {
  it('prints the seed’s lab script, the node taken from the flags', () => {
    const io = fakeIo(SEED_MANIFEST);
    expect(run(['lab', '--manifests', '-', '--profile', 'legacy'], io)).toBe(0);
    expect(io.stderr).toBe('');
    expect(io.stdout).toBe(labScript(SEED_ENVIRONMENT));
  });

  it('takes the node from the kpviz-node line of an exported file, and says the flags lose', () => {
    const io = fakeIo();
    const file = tempFile('env.yaml', environmentToYaml(SEED_ENVIRONMENT));
    expect(run(['lab', '--manifests', file, '--profile', 'current'], io)).toBe(0);
    expect(io.stdout).toBe(labScript(SEED_ENVIRONMENT));
    expect(io.stderr).toBe(
      `${file}: warning: the file's kpviz-node line sets the node; --profile ignored\n`,
    );
  });

  it('writes no script for an environment with problems, naming each field', () => {
    const io = fakeIo(SEED_MANIFEST.replace('nodePort: 32110', 'nodePort: 8080'));
    expect(run(['lab', '--manifests', '-'], io)).toBe(1);
    expect(io.stdout).toBe('');
    expect(io.stderr).toMatch(/^<stdin>:\d+:\d+: warning: .*8080 is outside 30000–32767/m);
    expect(io.stderr).toMatch(
      /^<stdin>: services\[0\]\.ports\[0\]\.nodePort: node port 8080 is outside 30000–32767/m,
    );
    expect(io.stderr).toMatch(/no script written/);
  });

  it.each([
    { name: 'no manifests', argv: ['lab'], message: /usage: kpviz lab/ },
    {
      name: 'an unknown flag',
      argv: ['lab', '--manifests', '-', '--as', 'save'],
      message: /unexpected --as/,
    },
    {
      name: 'a bad node IP',
      argv: ['lab', '--manifests', '-', '--node-ip', 'x'],
      message: /"x" is not an IP/,
    },
  ])('refuses $name', ({ argv, message }) => {
    const io = fakeIo(SEED_MANIFEST);
    expect(run(argv, io)).toBe(2);
    expect(io.stderr).toMatch(message);
  });
});
