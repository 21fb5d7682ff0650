import type { Frame } from '../../domain/play/types.ts';
import { highlightCss } from './play-overlay.tsx';

const RULE = 'nat/KUBE-SVC-X#2';
/** A rule step's frame: only its step's kind and its hook matter to the stylesheet. */
const ruleFrame = { step: { kind: 'rule' }, hook: 'PREROUTING', table: 'nat' } as unknown as Frame;
const spot = { node: 'nat/KUBE-SVC-X', rule: RULE, x: 0, y: 0 };

describe('the packet’s highlight stylesheet', () => {
  it('shows the step’s rule as the current one, even where the packet took or passed it before', () => {
    const css = highlightCss(spot, ruleFrame, [RULE], [RULE]).split('\n');
    const forRule = css.filter((rule) => rule.includes(`[data-rule="${RULE}"]`));
    expect(forRule).toHaveLength(3);
    // Later rules win: the current one comes last and undoes the strike-through and muting.
    expect(forRule.at(-1)).toBe(
      `.rule-line[data-rule="${RULE}"]{background:var(--play-current);font-weight:600;color:inherit;text-decoration:none}`,
    );
  });

  it('rings the step’s chain and dashes the table at its hook; a skip has no current rule', () => {
    const skip = { ...ruleFrame, step: { kind: 'skip' } } as unknown as Frame;
    const css = highlightCss(spot, skip, [], []);
    expect(css).toContain('.react-flow__node[data-id="nat/PREROUTING"]{outline:2px dashed');
    expect(css).toContain('.react-flow__node[data-id="nat/KUBE-SVC-X"]{outline:3px solid');
    expect(css).not.toContain('.rule-line');
  });
});
