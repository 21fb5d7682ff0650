import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/*
 * The presenter view and the quiz, driven as a teacher with a keyboard or a presentation
 * clicker drives them: Tab, Shift+Tab, arrows, Enter, Space, PageDown/PageUp, Escape. No
 * test here clicks.
 */

/** Presses `key` (Tab or Shift+Tab) until focus is on one of `target`'s elements. */
async function tabTo(page: Page, target: Locator, key = 'Tab', max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluateAll((els) => els.some((el) => el === document.activeElement))) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${target.toString()}`);
}

/** The name of the element with focus: a radio's is its label's text. */
const focusedLabel = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const active = document.activeElement;
    return (
      (active instanceof HTMLInputElement
        ? active.labels?.[0]?.textContent
        : active?.textContent
      )?.trim() ?? ''
    );
  });

/** Arrows through a focused radio group until the option named `name` (or, with `not`, any other) is chosen. */
async function arrowTo(page: Page, name: string, not = false): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const label = await focusedLabel(page);
    if ((label === name) !== not) {
      // Tab lands on a radio without choosing it; Space chooses it.
      await page.keyboard.press('Space');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no option ${not ? 'other than' : 'named'} ${name}`);
}

test('presenter view: entered by keyboard, stepped by a clicker, high contrast, left by Escape', async ({
  page,
}) => {
  await page.goto('./#scenario=nodeport-external&step=1');
  await expect(page.getByText('Step 1 of 33')).toBeVisible();

  const enter = page.getByRole('button', { name: 'Presenter view' });
  await tabTo(page, enter);
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Presenter view' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Leave presenter view' })).toBeVisible();
  // Only the graph and the packet: no tabs, no import panel, no Services.
  await expect(page.getByRole('tab', { name: 'Graph' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Play a packet' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Packet' })).toBeVisible();
  expect(new URL(page.url()).hash).toMatch(/(^#|&)present(=|&|$)/);

  // The graph fills the screen beside the words.
  const viewport = page.viewportSize() ?? { width: 0, height: 0 };
  const graph = await page.locator('.presenter-graph .react-flow').boundingBox();
  expect(graph?.width).toBeGreaterThan(viewport.width * 0.55);
  expect(graph?.height).toBeGreaterThan(viewport.height * 0.7);
  // Large type: the narration is read from the back of the room.
  const size = await page
    .getByRole('region', { name: 'Narration' })
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(20);

  // A clicker's next and previous.
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await expect(page.getByText('Step 3 of 33')).toBeVisible();
  // The rule of the step is lit on the graph, and in sight.
  const lit = page.locator('.presenter-graph .rule-line[data-rule="nat/PREROUTING#1"]');
  await expect(lit).toHaveCSS('font-weight', '600');
  await expect(lit).toBeInViewport();
  await page.keyboard.press('PageUp');
  await expect(page.getByText('Step 2 of 33')).toBeVisible();
  expect(new URL(page.url()).hash).toContain('step=2');

  // High contrast: black, white, yellow.
  const contrast = page.getByRole('button', { name: 'High contrast' });
  await tabTo(page, contrast);
  await page.keyboard.press('Space');
  await expect(contrast).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
  const colours = await page.evaluate(() => {
    const style = getComputedStyle(document.querySelector('.presenter-aside') as Element);
    return { background: style.backgroundColor, text: style.color };
  });
  expect(colours).toEqual({ background: 'rgb(0, 0, 0)', text: 'rgb(255, 255, 255)' });

  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Leave presenter view' })).toHaveCount(0);
  await expect(enter).toBeFocused();
  await expect(page.getByText('Step 2 of 33')).toBeVisible();
  expect(new URL(page.url()).hash).not.toContain('present');
  expect(new URL(page.url()).hash).toContain('scenario=nodeport-external');
});

test('quiz by keyboard only: playing stops at each question, answered right and wrong', async ({
  page,
}) => {
  // The packet plays at a step a second, and stops five times.
  test.setTimeout(60_000);
  // A link straight into the presenter view, as a teacher bookmarks it.
  await page.goto('./#scenario=node-to-clusterip&step=1&present');
  await expect(page.getByRole('button', { name: 'Leave presenter view' })).toBeVisible();
  await expect(page.getByText('Step 1 of 30')).toBeVisible();

  const quiz = page.getByRole('button', { name: 'Quiz' });
  await tabTo(page, quiz);
  await page.keyboard.press('Space');
  await expect(quiz).toHaveAttribute('aria-pressed', 'true');

  await tabTo(page, page.getByRole('button', { name: 'Play' }), 'Shift+Tab');
  await page.keyboard.press('Enter');

  // Playing stops at the step before nat OUTPUT jumps: where does the packet go?
  const question = page.getByRole('region', { name: 'Question' });
  await expect(question).toBeVisible();
  await expect(page.getByText('Step 3 of 30')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect(question).toContainText('The packet is about to walk nat OUTPUT.');
  const options = question.getByRole('radiogroup').getByRole('radio');
  expect(await options.count()).toBeGreaterThanOrEqual(3);

  await tabTo(page, options);
  await arrowTo(page, 'KUBE-SERVICES');
  await expect(question.getByRole('radio', { name: 'KUBE-SERVICES' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(question.getByRole('button', { name: 'Check answer' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(question.getByRole('status')).toHaveText('Correct: KUBE-SERVICES.');
  await expect(question.getByRole('heading', { name: 'Why' })).toBeVisible();
  await expect(question.getByRole('button', { name: 'Continue' })).toBeFocused();
  await page.keyboard.press('Enter');

  // Play goes on, and stops at the next question: KUBE-SERVICES's rule for the ClusterIP.
  await expect(question).toContainText('The packet is about to walk nat KUBE-SERVICES.');
  await expect(page.getByText('Step 5 of 30')).toBeVisible();
  await tabTo(page, question.getByRole('radiogroup').getByRole('radio'));
  await arrowTo(page, 'KUBE-SVC-I64SNEMOLCWHJHS3', true);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(question.getByRole('status')).toHaveText(
    'Not quite. The answer is: KUBE-SVC-I64SNEMOLCWHJHS3.',
  );
  // The explanation is the narration of the step that answers it.
  await expect(question).toContainText('KUBE-SVC-I64SNEMOLCWHJHS3');
  await page.keyboard.press('Enter');

  // The split: every endpoint with its 1/3 chance.
  await expect(question).toContainText('draw one of 3 endpoint chains');
  await expect(
    question.getByRole('radio', { name: /172\.17\.0\.[234]:80 \(chance 1\/3\)/ }),
  ).toHaveCount(3);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Presenter view' })).toBeFocused();
});
