import { describe, expect, it } from 'vitest';
import { SEED_SAVE } from '../examples/seed.ts';
import { SEED_NODE, SEED_OBJECTS } from '../examples/seed-objects.ts';
import { generateRules } from '../kube/generate.ts';
import { tableBlock } from '../kube/test-helpers.ts';
import { generateEnvironmentRules } from './generate-environment.ts';
import { SEED_ENVIRONMENT } from './seed-environment.ts';
import { RICH_ENVIRONMENT } from './test-environments.ts';

describe('generateEnvironmentRules', () => {
  it('writes the seed’s rules, as restore text and as iptables-save prints them', () => {
    const rules = generateEnvironmentRules(SEED_ENVIRONMENT);
    if (!rules.ok) throw new Error(JSON.stringify(rules.problems));
    expect(rules.restore).toBe(generateRules(SEED_OBJECTS, SEED_NODE).restore);
    expect(rules.save).toMatch(/^\*filter\n:INPUT ACCEPT \[0:0\]\n/);
    // The article's KUBE-SVC chain, as the kernel prints it back.
    const svc = (text: string) =>
      tableBlock(text, 'nat')
        .split('\n')
        .filter((l) => l.startsWith('-A KUBE-SVC-'));
    expect(svc(rules.save)).toHaveLength(3);
    expect(svc(rules.save)).toEqual(svc(SEED_SAVE));
    expect(rules.notes).toEqual([]);
  });

  it('writes rules for an environment that uses every field', () => {
    const rules = generateEnvironmentRules(RICH_ENVIRONMENT);
    expect(rules.ok).toBe(true);
    if (rules.ok) expect(rules.restore).toContain('-A KUBE-SVL-');
  });

  it('writes no rules for an invalid environment, only its problems', () => {
    const env = {
      ...SEED_ENVIRONMENT,
      node: { ...SEED_ENVIRONMENT.node, nodeIPs: ['192.168.0'] },
    };
    expect(generateEnvironmentRules(env)).toEqual({
      ok: false,
      problems: [
        { path: 'node.nodeIPs[0]', message: expect.stringContaining('not an IPv4') as string },
      ],
    });
  });
});
