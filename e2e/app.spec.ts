import { expect, test } from './fixtures.ts';

test('opens on the seed example and shows the rules kube-proxy wrote', async ({
  page,
  consoleErrors,
  foreignRequests,
}) => {
  await page.goto('./');
  await expect(page).toHaveTitle('kpviz');
  await page.getByRole('tab', { name: 'Rules' }).click();

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
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('中文');
  await expect(page.getByRole('heading', { level: 2, name: 'nat 表' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
});

test('a broken dump shows each problem at its line, and every good rule, and keeps the text', async ({
  page,
}) => {
  await page.goto('./');
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByText('Rule dump').click();
  const dump = [
    '*nat',
    ':PREROUTING ACCEPT [0:0]',
    ':KUBE-SERVICES - [0:0]',
    '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A KUBE-SERVICES -d 10.96.0.300/32 -p tcp -m tcp --dport 80 -j RETURN',
    '-A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m tcp --dport 443 -j RETURN',
    '-A KUBE-NOPE -j RETURN',
    'COMMIT',
  ].join('\n');
  const field = page.getByRole('textbox', { name: /Paste iptables-save/ });
  await field.fill(dump);
  await page.getByRole('button', { name: 'Show rules' }).click();

  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(
    problems.getByRole('listitem').filter({ hasText: /^5:\d+:.*10\.96\.0\.300/ }),
  ).toHaveCount(1);
  await expect(
    problems.getByRole('listitem').filter({ hasText: /^7:\d+:.*KUBE-NOPE/ }),
  ).toHaveCount(1);

  // What could be read is still shown, including the rule after the bad one.
  const services = page.getByRole('region', { name: 'KUBE-SERVICES', exact: true });
  await expect(services.getByRole('row', { name: /--dport 443/ })).toHaveCount(1);
  // Nothing the user typed is lost: the form closes to show the result, and reopens with it.
  await page.getByText('Rule dump').click();
  await expect(field).toHaveValue(dump);
});
