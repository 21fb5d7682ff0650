import { describe, expect, it } from 'vitest';
import { KUBE_PROXY_FIXTURES } from '../examples/kube-proxy-fixtures.ts';
import { KUBE_PROXY_INPUTS } from '../examples/kube-proxy-inputs.ts';
import { generateRules } from './generate.ts';
import { sortLikeKubeProxyTests } from './sort-like-kube-proxy-tests.ts';
import { parseErrors, tableBlock, withoutBuiltinJumps } from './test-helpers.ts';

/**
 * kube-proxy's tests sort the generated text (sortIPTablesRules) and compare it
 * with the expected dump verbatim; the fixtures are those expected dumps. The
 * built-in chains' jumps are not in them (kube-proxy installs those with -I).
 */
describe("generator vs kube-proxy's own expected dumps", () => {
  it.each(KUBE_PROXY_INPUTS.map((input) => ({ name: input.fixture, input })))(
    '$name',
    ({ input }) => {
      const fixture = KUBE_PROXY_FIXTURES.find((f) => f.name === input.fixture);
      expect(fixture, input.fixture).toBeDefined();
      const { restore } = generateRules(input.objects, input.node);
      const sorted = sortLikeKubeProxyTests(withoutBuiltinJumps(restore));
      if (input.compareOnly) {
        expect(tableBlock(sorted, input.compareOnly.table)).toBe(
          tableBlock(fixture?.text ?? '', input.compareOnly.table),
        );
      } else {
        expect(sorted).toBe(fixture?.text);
      }
      expect(parseErrors(restore)).toEqual([]);
    },
  );

  it('the sort leaves every fixture as it is (it is the order the fixtures were made in)', () => {
    for (const input of KUBE_PROXY_INPUTS) {
      const text = KUBE_PROXY_FIXTURES.find((f) => f.name === input.fixture)?.text ?? '';
      expect(sortLikeKubeProxyTests(text), input.fixture).toBe(text);
    }
  });
});
