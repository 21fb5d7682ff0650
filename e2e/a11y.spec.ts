import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import { A11Y_VIEWS, type A11ySetting, type A11yView } from './a11y-views.ts';
import { expect, test } from './fixtures.ts';

/** WCAG 2.0 and 2.1, levels A and AA, and axe's best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const BLOCKING = new Set(['serious', 'critical']);

const SETTING_NAMES: Record<A11ySetting, string> = { dark: 'dark theme', zh: 'Chinese' };

/** One block per violation: its rule, what to do, and each node it was found on, with why. */
function report(violations: AxeResults['violations']): string {
  return violations
    .map((violation) =>
      [
        `${violation.id} (${violation.impact ?? '?'}): ${violation.help}`,
        `  ${violation.helpUrl}`,
        ...violation.nodes.map((node) =>
          [`  at ${node.target.join(' ')}`, ...(node.failureSummary ?? '').split('\n')].join(
            '\n    ',
          ),
        ),
      ].join('\n'),
    )
    .join('\n');
}

async function show(page: Page, view: A11yView, setting: A11ySetting | undefined) {
  // Dark through the system preference, as the app follows it; no motion to wait out.
  await page.emulateMedia({
    colorScheme: setting === 'dark' ? 'dark' : 'light',
    reducedMotion: 'reduce',
  });
  await page.goto(view.path ?? './');
  await expect(page.locator('html')).toHaveAttribute(
    'data-theme',
    setting === 'dark' ? 'dark' : 'light',
  );
  await view.ready?.(page);
  if (setting === 'zh') {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    await expect(page.locator('html')).toHaveAttribute('lang', /^zh/);
  }
}

// axe reads every node of a page with a graph on it: seconds each, more on a loaded machine.
test.describe.configure({ timeout: 120_000 });

const CASES = A11Y_VIEWS.flatMap((view) => [
  { view, setting: undefined },
  ...(view.also ?? []).map((setting) => ({ view, setting })),
]);

for (const { view, setting } of CASES) {
  const name = setting === undefined ? view.name : `${view.name}, ${SETTING_NAMES[setting]}`;
  test(`axe finds no serious or critical violation: ${name}`, async ({ page }) => {
    await show(page, view, setting);
    const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
    expect(blocking.length, `serious or critical violations:\n${report(blocking)}`).toBe(0);
  });
}
