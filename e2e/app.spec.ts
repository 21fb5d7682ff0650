import { expect, test } from './fixtures.ts';

test('opens on the seed example and shows the rules kube-proxy wrote', async ({
  page,
  consoleErrors,
  foreignRequests,
}) => {
  await page.goto('./');
  await expect(page).toHaveTitle('kpviz');

  const nat = page.getByRole('region', { name: 'nat table' });
  await expect(nat.getByRole('heading', { level: 2, name: 'nat table' })).toBeVisible();

  const nodePorts = nat.getByRole('region', { name: 'KUBE-NODEPORTS', exact: true });
  await expect(nodePorts.getByRole('heading', { name: 'KUBE-NODEPORTS' })).toBeVisible();

  // The endpoint chain's DNAT rule sends the packet to the pod.
  const dnat = nat.getByRole('row', { name: /\bDNAT\b.*172\.17\.0\.2:80/ });
  await expect(dnat).toHaveCount(1);
  await expect(dnat).toBeVisible();

  // The fixtures check these after every test too; here they are part of what is shown.
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

test('switches to Chinese', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('中文');
  await expect(page.getByRole('heading', { level: 2, name: 'nat 表' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
});
