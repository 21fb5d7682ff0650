import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { pasteInto } from './paste.ts';

/** A small dump of the user's own, with a chain no other dump has. */
const DUMP = [
  '*nat',
  ':PREROUTING ACCEPT [0:0]',
  ':SHARED-BY-LINK - [0:0]',
  '-A PREROUTING -j SHARED-BY-LINK',
  '-A SHARED-BY-LINK -d 10.96.7.7/32 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.244.1.9:80',
  'COMMIT',
].join('\n');

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

/**
 * Opens Share, presses one of its copy buttons and waits until what it copies (`made`) shows in
 * the read-only field; that text, which the clipboard holds too.
 */
async function copy(page: Page, button: string, made: RegExp): Promise<string> {
  const panel = page.getByRole('region', { name: 'Share what is on screen' });
  if (!(await panel.isVisible())) await page.getByRole('banner').getByText('Share').click();
  await panel.getByRole('button', { name: button }).click();
  const field = panel.getByRole('textbox', { name: 'Link or snippet, to copy by hand' });
  await expect(field).toHaveValue(made);
  await expect(panel.getByRole('status')).toHaveText('Copied.');
  const text = await field.inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
  // Closed again, as a person would leave it.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  return text;
}

/** Opens `link` as a new document (a hash-only change would not reload the page). */
async function reopen(page: Page, link: string) {
  await page.goto('about:blank');
  await page.goto(link);
}

const position = (page: Page) => page.getByText(/^Step \d+ of \d+$/);

test('a copied link reopens the scenario at the step it was on', async ({ page }) => {
  await page.goto('./');
  await page
    .getByRole('combobox', { name: 'Scenario' })
    .selectOption({ label: 'External client → NodePort' });
  await expect(position(page)).toHaveText(/^Step 1 of/);
  for (let i = 0; i < 4; i += 1) await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(position(page)).toHaveText(/^Step 5 of/);

  const link = await copy(page, 'Copy link', /#scenario=nodeport-external&step=5&lang=en$/);
  await reopen(page, link);
  await expect(position(page)).toHaveText(/^Step 5 of/);
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('nodeport-external');
});

test('a link to the custom scenario carries its packet: a new page plays the same one', async ({
  page,
}) => {
  await page.goto('./');
  const form = page.getByRole('form', { name: 'Custom packet' });
  await form.getByRole('textbox', { name: 'Source' }).fill('198.51.100.7');
  await form.getByRole('textbox', { name: 'Destination' }).fill('192.168.0.11:32110');
  await page
    .getByRole('combobox', { name: 'Scenario' })
    .selectOption({ label: 'The packet of the form below' });
  await expect(position(page)).toHaveText(/^Step 1 of/);
  await page.getByRole('button', { name: 'Step forward' }).click();
  const src = page.getByRole('region', { name: 'Packet' }).locator('[data-field="src"] dd');
  await expect(src).toHaveText(/198\.51\.100\.7/);

  const link = await copy(
    page,
    'Copy link',
    /#scenario=custom&step=2&src=198\.51\.100\.7&dst=192\.168\.0\.11%3A32110&proto=tcp&from=external&node=192\.168\.0\.11&ifaces=&mode=single&seed=1&lang=en$/,
  );
  await reopen(page, link);
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('custom');
  await expect(position(page)).toHaveText(/^Step 2 of/);
  await expect(src).toHaveText(/198\.51\.100\.7/);
  await expect(form.getByRole('textbox', { name: 'Source' })).toHaveValue('198.51.100.7');
});

test('a link carries a pasted dump: a new page shows its rules', async ({ page }) => {
  await page.goto('./');
  await page.getByText('Rule dump').click();
  await pasteInto(page.getByLabel(/Paste iptables-save/), DUMP);
  await page.getByRole('button', { name: 'Show rules' }).click();
  const chain = page.getByRole('group', { name: /^chain SHARED-BY-LINK\b/ });
  await expect(chain).toBeAttached();

  const link = await copy(page, 'Copy link', /#rules=r1\.[\w-]+&lang=en$/);
  await reopen(page, link);
  await expect(page.getByText('Opened the rules from the link.')).toBeVisible();
  await expect(chain).toBeAttached();
  await expect(chain).toContainText('10.244.1.9:80');
});

test('a damaged rules link says why and keeps the seed', async ({ page }) => {
  await page.goto('./#rules=r1.AAAA');
  await expect(page.getByRole('alert')).toContainText('the rules on screen stay');
  await expect(
    page.getByRole('group', { name: /^chain KUBE-SVC-I64SNEMOLCWHJHS3\b/ }),
  ).toBeAttached();
});

test('the iframe snippet embeds embed.html with the link’s parameters', async ({
  page,
  baseURL,
}) => {
  await page.goto('./#scenario=hairpin&step=3');
  await expect(position(page)).toHaveText(/^Step 3 of/);
  const link = await copy(page, 'Copy link', /^http/);
  const snippet = await copy(page, 'Copy iframe snippet', /^<iframe /);

  const iframe = await page.evaluate((html) => {
    const element = new DOMParser().parseFromString(html, 'text/html').querySelector('iframe');
    return { src: element?.getAttribute('src') ?? '', title: element?.getAttribute('title') };
  }, snippet);
  expect(iframe.title).toBe('kpviz — Hairpin: a pod reaches its own Service');
  const src = new URL(iframe.src);
  expect(`${src.origin}${src.pathname}`).toBe(new URL('embed.html', baseURL).href);
  const params = new URLSearchParams(src.hash.slice(1));
  expect(params.get('theme')).toBe('light');
  params.delete('theme');
  expect(params.toString()).toBe(new URL(link).hash.slice(1));
});
