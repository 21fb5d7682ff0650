#!/usr/bin/env node
// `npm run test:kernel`: run the kernel-truth tests (vitest.kernel.config.ts) when this machine
// can, and say loudly when it cannot. They need root, iproute2 (`ip netns`), iptables and
// conntrack, and a kernel that lets us create network namespaces.
//
// Missing prerequisites: exit 1 under CI (CI must run these tests), exit 0 elsewhere so that a
// developer without root still gets the rest of `npm test` — after a banner on stderr.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXTRA_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin', '/usr/local/bin', '/usr/bin', '/bin'];
const TOOLS = [
  { bin: 'ip', pkg: 'iproute2' },
  { bin: 'iptables-restore', pkg: 'iptables' },
  { bin: 'iptables-save', pkg: 'iptables' },
  { bin: 'ip6tables-restore', pkg: 'iptables' },
  { bin: 'ip6tables-save', pkg: 'iptables' },
  { bin: 'conntrack', pkg: 'conntrack' },
];

/** @param {string} bin */
function findBinary(bin) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...EXTRA_DIRS];
  for (const dir of dirs) {
    try {
      accessSync(join(dir, bin), constants.X_OK);
      return join(dir, bin);
    } catch {
      // not here
    }
  }
  return undefined;
}

/** @param {string} exe @param {string[]} args @param {string} [input] */
function run(exe, args, input = '') {
  const r = spawnSync(exe, args, { input, encoding: 'utf8', timeout: 30_000 });
  const err = r.error ? r.error.message : (r.stderr ?? '').trim();
  return { ok: !r.error && r.status === 0, err };
}

/** @returns {string[]} why the kernel-truth tests cannot run here (empty: they can) */
function whatIsMissing() {
  const missing = [];
  if (process.platform !== 'linux') {
    return [`not Linux (platform ${process.platform}): network namespaces need Linux`];
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : -1;
  if (uid !== 0) missing.push(`not running as root (uid ${uid})`);
  const found = new Map();
  for (const { bin, pkg } of TOOLS) {
    const path = findBinary(bin);
    if (path) found.set(bin, path);
    else missing.push(`\`${bin}\` not found on PATH or in /usr/sbin, /sbin (package ${pkg})`);
  }
  if (missing.length > 0) return missing;

  const ip = found.get('ip');
  const probe = `kpviz-probe-${process.pid}`;
  const add = run(ip, ['netns', 'add', probe]);
  if (!add.ok) return [`\`ip netns add ${probe}\` failed: ${add.err || 'no message'}`];
  const restore = run(
    ip,
    ['netns', 'exec', probe, found.get('iptables-restore')],
    '*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n',
  );
  if (!restore.ok) {
    missing.push(`iptables-restore inside a namespace failed: ${restore.err || 'no message'}`);
  }
  const del = run(ip, ['netns', 'delete', probe]);
  if (!del.ok) missing.push(`\`ip netns delete ${probe}\` failed: ${del.err || 'no message'}`);
  return missing;
}

/** @param {string[]} missing */
function banner(missing) {
  const bar = '!'.repeat(78);
  const lines = [
    '',
    bar,
    '!!!  KERNEL-TRUTH TESTS DID NOT RUN',
    bar,
    '!!!',
    '!!!  `npm run test:kernel` compares kpviz with the real Linux kernel (iptables-restore /',
    '!!!  iptables-save inside throw-away network namespaces). It was skipped because:',
    '!!!',
    ...missing.map((m) => `!!!    - ${m}`),
    '!!!',
    '!!!  To run these tests:',
    '!!!    1. use Linux, as root (or a container with CAP_NET_ADMIN + CAP_SYS_ADMIN),',
    '!!!    2. install the tools:  apt-get install iptables conntrack iproute2',
    '!!!    3. run:  sudo npm run test:kernel',
    '!!!       (or: sudo npx vitest run --config vitest.kernel.config.ts)',
    '!!!',
    process.env.CI
      ? '!!!  CI is set: this is a FAILURE. CI must run the kernel-truth tests.'
      : '!!!  CI is not set: exiting 0 so the rest of `npm test` counts, but NOTHING was checked',
    process.env.CI ? null : '!!!  against the kernel.',
    bar,
    '',
  ].filter((l) => l !== null);
  process.stderr.write(lines.join('\n') + '\n');
}

const missing = whatIsMissing();
if (missing.length > 0) {
  banner(missing);
  process.exit(process.env.CI ? 1 : 0);
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
// Extra arguments go to vitest: `npm run test:kernel -- -t canonical`.
const args = ['vitest', 'run', '--config', 'vitest.kernel.config.ts', ...process.argv.slice(2)];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(npx, args, { stdio: 'inherit', cwd: root });
if (result.error) {
  process.stderr.write(`kernel-tests: could not start vitest: ${result.error.message}\n`);
  process.exit(1);
}
process.exit(result.status ?? 1);
