import { afterAll, beforeAll } from 'vitest';
import {
  cleanupStaleNamespaces,
  kernelToolsMissing,
  listNamespaces,
  TestNamespaces,
} from './netns.ts';

/**
 * The namespaces of one kernel-truth test file: before its tests, a check
 * that this machine can run them (failing loudly, never skipping) and the
 * removal of namespaces a killed run left; after them, the removal of every
 * namespace the file made, failing if one stays behind.
 */
export function kernelSuite(): TestNamespaces {
  const namespaces = new TestNamespaces();
  beforeAll(() => {
    const missing = kernelToolsMissing();
    if (missing.length > 0) {
      throw new Error(
        `the kernel-truth tests cannot run here:\n  - ${missing.join('\n  - ')}\n` +
          'Run them as root with iproute2, iptables and conntrack: npm run test:kernel',
      );
    }
    cleanupStaleNamespaces();
  });
  afterAll(() => {
    const errors = namespaces.deleteAll();
    const left = listNamespaces().filter((n) => n.startsWith(namespaces.prefix));
    if (errors.length > 0 || left.length > 0) {
      throw new Error(
        `namespaces left behind: ${left.join(', ')}\n${errors.map((e) => e.message).join('\n')}`,
      );
    }
  });
  return namespaces;
}
