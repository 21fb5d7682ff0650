import { describe, expect, it } from 'vitest';
import type { Ruleset } from '../model/ruleset.ts';
import { parseDump } from '../parse/parse-dump.ts';
import { serializeSave } from '../parse/serialize-save.ts';
import { KUBE_PROXY_FIXTURES } from './kube-proxy-fixtures.ts';

/** Every piece of a ruleset kpviz does not understand, as "chain: what". */
function unknownPieces(ruleset: Ruleset): string[] {
  const found: string[] = [];
  for (const table of ruleset.tables) {
    for (const chain of table.chains) {
      for (const rule of chain.rules) {
        for (const match of rule.matches) {
          if (match.unknown) found.push(`${chain.name}: -m ${match.module}`);
          for (const o of match.options) if (o.unknown) found.push(`${chain.name}: --${o.name}`);
        }
        if (rule.target?.unknown) found.push(`${chain.name}: -j ${rule.target.name}`);
        for (const o of rule.target?.options ?? [])
          if (o.unknown) found.push(`${chain.name}: --${o.name}`);
      }
    }
  }
  return found;
}

/**
 * Dumps that are knowingly incomplete: kube-proxy's test jumps to a chain the
 * test never declares, which a real kernel would refuse. kpviz must flag it.
 */
const EXPECTED_UNKNOWN: Readonly<Record<string, readonly string[]>> = {
  'legacy-xlb-overall': [
    'KUBE-FW-GNZBNJ2PO5MGZ6GT: -j KUBE-MARK-DROP',
    'KUBE-FW-PAZTZYUUMV5KCDZL: -j KUBE-MARK-DROP',
    'KUBE-XLB-GNZBNJ2PO5MGZ6GT: -j KUBE-MARK-DROP',
  ],
};

describe("kube-proxy's own dumps", () => {
  it('are all here', () => {
    expect(KUBE_PROXY_FIXTURES.length).toBeGreaterThanOrEqual(8);
  });

  it.each(KUBE_PROXY_FIXTURES.map((f) => ({ ...f })))(
    '$name parses with no errors and nothing unknown',
    ({ name, text }) => {
      const { ruleset, problems, format } = parseDump(text);
      expect(format).toBe('save');
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(unknownPieces(ruleset).sort()).toEqual([...(EXPECTED_UNKNOWN[name] ?? [])].sort());
      const rules = ruleset.tables.flatMap((t) => t.chains.flatMap((c) => c.rules));
      expect(rules.length).toBe(
        text.split('\n').filter((l) => /^(\[\d+:\d+\] )?-A /.test(l)).length,
      );
    },
  );

  it.each(KUBE_PROXY_FIXTURES.map((f) => ({ ...f })))(
    '$name: canonical text parses back to the same model',
    ({ text }) => {
      const first = parseDump(text).ruleset;
      const again = parseDump(serializeSave(first));
      expect(again.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(serializeSave(again.ruleset)).toBe(serializeSave(first));
    },
  );
});
