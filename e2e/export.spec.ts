import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { SEED_SAVE } from '../src/domain/examples/seed.ts';
import { expect, test } from './fixtures.ts';

/** Presses one of the Export buttons and takes the file it downloads. */
async function exported(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const download = page.waitForEvent('download');
  await page.getByRole('group', { name: 'Export' }).getByRole('button', { name: button }).click();
  const file = await download;
  const name = file.suggestedFilename();
  await expect(page.getByRole('status').filter({ hasText: `Downloaded ${name}` })).toBeVisible();
  return { name, bytes: readFileSync(await file.path()) };
}

test('exports the graph as an SVG document and as a PNG image', async ({ page }) => {
  await page.goto('./');
  await expect(page.locator('.react-flow__node').first()).toBeAttached();

  const svg = await exported(page, 'Graph as SVG');
  expect(svg.name).toBe('kpviz-graph.svg');
  const read = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      errors: doc.getElementsByTagName('parsererror').length,
      root: doc.documentElement.localName,
      title: doc.querySelector('svg > title')?.textContent,
      text: doc.documentElement.textContent,
      width: Number(doc.documentElement.getAttribute('width')),
    };
  }, svg.bytes.toString('utf8'));
  expect(read).toMatchObject({
    errors: 0,
    root: 'svg',
    title: 'kpviz: packet flow through netfilter',
  });
  expect(read.text).toContain('KUBE-SERVICES');
  expect(read.text).toContain('-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000');

  const png = await exported(page, 'Graph as PNG');
  expect(png.name).toBe('kpviz-graph.png');
  const size = await page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    return { width: bitmap.width, height: bitmap.height };
  }, png.bytes.toString('base64'));
  expect(size.height).toBeGreaterThan(0);
  // Twice the drawing's size at least, so it stays sharp on a high-density screen.
  expect(size.width).toBeGreaterThanOrEqual(2 * read.width);
});

test('exports the played steps as Markdown, a row per step', async ({ page }) => {
  await page.goto('./');
  const markdownButton = page
    .getByRole('group', { name: 'Export' })
    .getByRole('button', { name: 'Trace as Markdown' });
  await expect(markdownButton).toBeDisabled();

  await page
    .getByRole('combobox', { name: 'Scenario' })
    .selectOption({ label: 'External client → NodePort' });
  const position = page.getByText(/^Step \d+ of \d+$/);
  await expect(position).toBeVisible();
  const total = Number(/of (\d+)$/.exec(await position.innerText())?.[1]);
  expect(total).toBeGreaterThan(10);

  const markdown = await exported(page, 'Trace as Markdown');
  expect(markdown.name).toBe('kpviz-trace.md');
  const text = markdown.bytes.toString('utf8');
  expect(text).toMatch(/^# kpviz: External client → NodePort\n/);
  const rows = text.split('\n').filter((line) => /^\| \d+ \|/.test(line));
  expect(rows.map((row) => Number(/^\| (\d+) \|/.exec(row)?.[1]))).toEqual(
    Array.from({ length: total }, (_, i) => i + 1),
  );
  expect(text).toContain('DNAT 192.168.0.11:32110 → 172.17.0.2:80');
});

test('exports the rules on screen as iptables-save text', async ({ page }) => {
  await page.goto('./');
  const rules = await exported(page, 'Rules as iptables-save');
  expect(rules.name).toBe('kpviz-rules.save.txt');
  const text = rules.bytes.toString('utf8');
  const tables = text.split('\n').filter((line) => line.startsWith('*'));
  expect(text.startsWith('*')).toBe(true);
  expect(tables).toEqual(['*nat']);
  expect(text).toContain('\nCOMMIT\n');
  // The seed opens as the article's listing; written out, it is the seed's iptables-save.
  expect(text).toBe(SEED_SAVE);
});
