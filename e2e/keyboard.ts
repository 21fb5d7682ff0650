import type { Locator, Page } from '@playwright/test';

/** What has keyboard focus, and whether it shows it: an outline, or a chain node's ring. */
export interface FocusStop {
  what: string;
  shown: boolean;
}

/** Describes the focused element and tells whether its focus can be seen. */
export function focusStop(page: Page): Promise<FocusStop | null> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!(element instanceof HTMLElement) || element === document.body) return null;
    const style = getComputedStyle(element);
    const outlined = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
    // A graph node draws its focus as a ring (box-shadow) on the chain's box inside it.
    const inner = element.classList.contains('react-flow__node') ? element.firstElementChild : null;
    const ringed = inner !== null && getComputedStyle(inner).boxShadow.includes('3px');
    const labels = 'labels' in element ? (element.labels as NodeListOf<HTMLLabelElement>) : null;
    const name = (
      element.getAttribute('aria-label') ??
      labels?.[0]?.textContent ??
      element.textContent ??
      ''
    )
      .trim()
      .replace(/\s+/g, ' ')
      .slice(0, 60);
    const role = element.getAttribute('role') ?? element.tagName.toLowerCase();
    return { what: `${role} "${name}"`, shown: outlined || ringed };
  });
}

/**
 * Presses Tab (Shift+Tab with `back`) until `target` has focus, as a keyboard user gets to it;
 * throws if it never does.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  back = false,
  most = 200,
): Promise<number> {
  const focused = () =>
    // Found again at every press: React may have drawn it anew meanwhile (the graph does).
    target.evaluate((e) => e === document.activeElement, undefined, { timeout: 2000 });
  for (let presses = 1; presses <= most; presses += 1) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await focused().catch(() => false)) return presses;
  }
  throw new Error(`not reached by ${String(most)} presses of Tab: ${target.toString()}`);
}
