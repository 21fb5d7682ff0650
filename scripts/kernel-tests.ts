// `npm run test:kernel`: run the kernel-truth tests (vitest.kernel.config.ts) when this machine
// can, and say loudly when it cannot. They need root, iproute2 (`ip netns`), iptables and
// conntrack, and a kernel that lets us create network namespaces.
//
// Missing prerequisites: exit 1 under CI (CI must run these tests), exit 0 elsewhere so that a
// developer without root still gets the rest of `npm test` — after a banner on stderr.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kernelToolsMissing } from '../kernel/netns.ts';

function banner(missing: readonly string[]): void {
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
  ].filter((l): l is string => l !== null);
  process.stderr.write(lines.join('\n') + '\n');
}

const missing = kernelToolsMissing();
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
