import { defineConfig } from 'vitest/config';

// The kernel-truth tests (`npm run test:kernel`, via scripts/kernel-tests.mjs): they load rules
// into the real kernel inside network namespaces they create, so they need root, iproute2,
// iptables and conntrack. Namespaces and netfilter are machine-wide state: one file at a time.
export default defineConfig({
  test: {
    include: ['kernel/**/*.kernel.test.ts'],
    environment: 'node',
    globals: true,
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 60_000,
  },
});
