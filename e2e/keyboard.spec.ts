import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { focusStop, tabTo, type FocusStop } from './keyboard.ts';

const PLAYING = './#scenario=nodeport-external&step=12';
const SVC = 'KUBE-SVC-I64SNEMOLCWHJHS3';

test.describe.configure({ timeout: 120_000 });

/** Every Tab stop of the page, in order, from the top round to the top again. */
async function tabStops(page: Page): Promise<FocusStop[]> {
  const stops: FocusStop[] = [];
  await page.keyboard.press('Tab');
  const first = await focusStop(page);
  for (let stop = first; stops.length < 300; stop = await focusStop(page)) {
    if (stop) stops.push(stop);
    await page.keyboard.press('Tab');
    const next = await focusStop(page);
    if (next?.what === first?.what) return stops;
    if (next === null) continue;
    if (next.what === stop?.what) throw new Error(`focus stuck on ${next.what}`);
  }
  throw new Error(`no way round in 300 presses of Tab: ${JSON.stringify(stops.slice(-5))}`);
}

test('every control of a playing scenario is reached by Tab and shows its focus', async ({
  page,
}) => {
  await page.goto(PLAYING);
  await expect(page.getByText(/^Step 12 of \d+$/)).toBeVisible();
  const stops = await tabStops(page);
  const what = stops.map((stop) => stop.what);
  expect(
    stops.filter((stop) => !stop.shown),
    'stops without a visible focus',
  ).toEqual([]);
  for (const expected of [
    /^button ".*Dark theme"$/,
    /^select "Language"$/,
    /^summary "Rule dump"$/,
    /^summary "Environment/,
    /^select "Scenario"$/,
    /^button "(Restart|Step back|Play|Step forward)"$/,
    /^select "Speed"$/,
    /^button "12\. KUBE-SEP-MMWJ6M2J72TU3J64 #2"$/,
    /^tab "Graph"$/,
    /^input "Search"$/,
    new RegExp(`^group "chain ${SVC} `),
    new RegExp(`^button "Collapse ${SVC}"$`),
    /^button "(Zoom in|Zoom out|Fit view)"$/,
    /^aside "Packet, search results and details"$/,
    /^input "Random"$/,
    /^button "Send 1,000 packets"$/,
    /^input "Find a Service"$/,
    /^input "Source"$/,
    /^button "Trace"$/,
  ])
    expect(what, `a Tab stop matching ${expected.source}`).toContainEqual(
      expect.stringMatching(expected),
    );

  // Shift+Tab walks the same stops backwards.
  const back: string[] = [];
  for (let i = 0; i < 5; i += 1) {
    await page.keyboard.press('Shift+Tab');
    back.push((await focusStop(page))?.what ?? '');
  }
  expect(back).toEqual(what.slice(-5).reverse());
});

test('a chain’s rules, by keyboard: Enter goes in, ↑ ↓ Home End move, Escape comes back', async ({
  page,
}) => {
  await page.goto('./');
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill(SVC);
  await search.press('Enter');
  const chain = page.getByRole('group', { name: new RegExp(`^chain ${SVC} `) });
  const details = page.getByRole('region', { name: 'Details' });
  const focusedLine = page.locator('li.rule-line:focus');
  // From the search box, Tab leads on into the graph's chains.
  await tabTo(page, chain);
  await expect(chain).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(details.getByRole('heading', { name: `Chain ${SVC}` })).toBeVisible();
  await expect(focusedLine).toHaveAttribute('data-rule', `nat/${SVC}#1`);
  expect((await focusStop(page))?.shown).toBe(true);

  await page.keyboard.press('ArrowDown');
  await expect(focusedLine).toHaveAttribute('data-rule', `nat/${SVC}#2`);
  await expect(details.getByRole('heading', { name: `Rule 2 of ${SVC}` })).toBeVisible();
  await expect(focusedLine).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('End');
  await expect(details.getByRole('heading', { name: `Rule 3 of ${SVC}` })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(focusedLine).toHaveAttribute('data-rule', `nat/${SVC}#3`);
  await page.keyboard.press('Home');
  await expect(details.getByRole('heading', { name: `Rule 1 of ${SVC}` })).toBeVisible();
  await expect(focusedLine).toContainText('KUBE-SEP-MMWJ6M2J72TU3J64');

  await page.keyboard.press('Escape');
  await expect(chain).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowUp');
  await expect(chain).toBeFocused();

  // From a rule, → goes on to the nearest chain that way, as from the chain.
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.react-flow__node:focus')).toHaveAttribute(
    'aria-label',
    /^chain KUBE-SEP-/,
  );
  await expect(details.getByRole('heading', { name: /^Chain KUBE-SEP-/ })).toBeVisible();
});

test('the player, the random split and the panels work from the keyboard alone', async ({
  page,
}) => {
  await page.goto(PLAYING);
  const position = page.getByText(/^Step \d+ of \d+$/);
  await expect(position).toHaveText(/^Step 12 of/);

  const environment = page.locator('summary').filter({ hasText: /^Environment/ });
  await tabTo(page, environment);
  await page.keyboard.press('Enter');
  await expect(page.locator('details.env-editor')).toHaveAttribute('open', '');
  await page.keyboard.press('Space');
  await expect(page.locator('details.env-editor')).not.toHaveAttribute('open', '');

  await tabTo(page, page.getByRole('button', { name: 'Step forward' }));
  await page.keyboard.press('Enter');
  await expect(position).toHaveText(/^Step 13 of/);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Step back' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(position).toHaveText(/^Step 12 of/);

  // The endpoint chains are in view at step 12.
  const collapse = page.getByRole('button', { name: /^Collapse KUBE-SEP-/ }).first();
  await expect(collapse).toBeAttached();
  const chainName = ((await collapse.getAttribute('aria-label')) ?? '').replace('Collapse ', '');
  await tabTo(page, collapse);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: `Expand ${chainName}` })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: `Collapse ${chainName}` })).toBeFocused();

  const steps = page.getByRole('navigation', { name: 'Steps' });
  await tabTo(page, steps.getByRole('button', { name: /^3\. / }), true);
  await page.keyboard.press('Enter');
  await expect(position).toHaveText(/^Step 3 of/);

  await tabTo(page, page.getByRole('tab', { name: 'Graph' }));
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Rules' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Rules' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Graph' })).toHaveAttribute('aria-selected', 'true');

  const split = page.getByRole('region', { name: 'Random split' });
  await tabTo(page, split.getByRole('radio', { name: 'Random' }));
  await page.keyboard.press('ArrowDown');
  const first = split.getByRole('radio', { name: /^Pick endpoint 1 / });
  await expect(first).toBeFocused();
  await expect(first).toBeChecked();
  await tabTo(page, split.getByRole('button', { name: 'Send 1,000 packets' }));
  await page.keyboard.press('Enter');
  await expect(split.getByRole('columnheader', { name: 'Observed' })).toBeVisible();
});
