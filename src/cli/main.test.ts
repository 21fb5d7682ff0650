import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SEED_LISTING, SEED_SAVE } from '../domain/examples/seed.ts';
import { run } from './main.ts';
import { fakeIo, tempFile } from './test-io.ts';

/** The seed listing was made without -v, so it has no in/out columns, and kpviz says so. */
const NO_INTERFACES =
  'this listing has no in/out columns (list with -v): rules that test an interface (-i lo, -o eth0) read here as matching every interface';

describe('kpviz parse', () => {
  it('prints a listing as canonical iptables-save text', () => {
    const io = fakeIo();
    const file = tempFile('seed.txt', SEED_LISTING);
    const status = run(['parse', file], io);
    expect(status).toBe(0);
    expect(io.stderr).toBe(`${file}:1:1: warning: ${NO_INTERFACES}\n`);
    expect(io.stdout).toBe(SEED_SAVE);
  });

  it('reads standard input with "-"', () => {
    const io = fakeIo(SEED_SAVE);
    expect(run(['parse', '-'], io)).toBe(0);
    expect(io.stdout).toBe(SEED_SAVE);
  });

  it('prints the model as JSON, counters as strings', () => {
    const io = fakeIo('*filter\n:INPUT ACCEPT [3:180]\nCOMMIT\n');
    expect(run(['parse', '-', '--json'], io)).toBe(0);
    const model = JSON.parse(io.stdout) as { tables: { chains: { counters: unknown }[] }[] };
    expect(model.tables[0]?.chains[0]?.counters).toEqual({ packets: '3', bytes: '180' });
  });

  it('honours --format and --table', () => {
    const io = fakeIo('-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n');
    expect(run(['parse', '-', '--format', 'rules', '--table=security'], io)).toBe(0);
    expect(io.stdout).toMatch(/^\*security\n/);
  });

  it('reports problems as FILE:LINE:COL and exits 1, still printing what it read', () => {
    const file = tempFile(
      'bad.txt',
      '*nat\n:X - [0:0]\n-A X -s 10.0.0.256 -j RETURN\n-A X -j RETURN\nCOMMIT\n',
    );
    const io = fakeIo();
    expect(run(['parse', file], io)).toBe(1);
    expect(io.stderr).toBe(`${file}:3:9: "10.0.0.256" is not an IP address or CIDR\n`);
    expect(io.stdout).toContain('-A X -j RETURN\n');
  });

  it('labels warnings and exits 0 when there are only warnings', () => {
    const io = fakeIo('*nat\n:X - [0:0]\n-A X -m frob -j RETURN\nCOMMIT\n');
    expect(run(['parse', '-'], io)).toBe(0);
    expect(io.stderr).toBe(
      '<stdin>:3:9: warning: kpviz does not know the match module "frob"; kept as written\n',
    );
  });

  it.each([
    { name: 'no file', argv: ['parse'], message: /usage: kpviz parse/ },
    {
      name: 'a bad format',
      argv: ['parse', '-', '--format', 'xml'],
      message: /--format must be one of/,
    },
    { name: 'a bad table', argv: ['parse', '-', '--table', 'nats'], message: /--table must be/ },
    {
      name: 'a missing file',
      argv: ['parse', '/nonexistent/x'],
      message: /cannot read \/nonexistent\/x/,
    },
    { name: 'an unknown command', argv: ['frob'], message: /unknown command "frob"/ },
    {
      name: 'a misspelt flag',
      argv: ['parse', '-', '--tabel', 'nat'],
      message: /unknown option --tabel/,
    },
    { name: 'two files', argv: ['parse', 'a', 'b'], message: /one file at a time \(also got b\)/ },
    {
      name: 'a flag without its value',
      argv: ['parse', '-', '--table'],
      message: /--table \(needs a value\)/,
    },
  ])('exits 2 on $name', ({ argv, message }) => {
    const io = fakeIo();
    expect(run(argv, io)).toBe(2);
    expect(io.stderr).toMatch(message);
  });

  it('takes -t for the table, as iptables does', () => {
    const io = fakeIo('-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n');
    expect(run(['parse', '-t', 'security', '-'], io)).toBe(0);
    expect(io.stdout).toMatch(/^\*security\n/);
  });

  it('prints the ruleset as the kernel would hold it with --as-loaded', () => {
    const io = fakeIo(
      '*nat\n:ZED - [0:0]\n:ABC - [0:0]\n-A ZED -j ABC\nCOMMIT\n*filter\n:INPUT DROP [5:600]\nCOMMIT\n',
    );
    expect(run(['parse', '-', '--as-loaded'], io)).toBe(0);
    expect(io.stdout).toBe(
      [
        '*filter',
        ':INPUT DROP [0:0]',
        ':FORWARD ACCEPT [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        'COMMIT',
        '*nat',
        ':PREROUTING ACCEPT [0:0]',
        ':INPUT ACCEPT [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        ':POSTROUTING ACCEPT [0:0]',
        ':ABC - [0:0]',
        ':ZED - [0:0]',
        '-A ZED -j ABC',
        'COMMIT',
        '',
      ].join('\n'),
    );
  });

  it('prints usage for help', () => {
    const io = fakeIo();
    expect(run(['--help'], io)).toBe(0);
    expect(io.stdout).toMatch(/kpviz parse FILE/);
  });
});

describe('the bin script', () => {
  it('runs the command from a shell', () => {
    const result = spawnSync(process.execPath, ['bin/kpviz.js', 'parse', '-'], {
      input: SEED_LISTING,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe(`<stdin>:1:1: warning: ${NO_INTERFACES}\n`);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(SEED_SAVE);
  });
});
