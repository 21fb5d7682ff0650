import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const SVC = 'KUBE-SVC-I64SNEMOLCWHJHS3';

/** Opens the app and its environment editor, as a person would. */
async function openEditor(page: Page, path = './'): Promise<Locator> {
  await page.goto(path);
  const editor = page.locator('details.env-editor');
  if (!(await editor.evaluate((el: HTMLDetailsElement) => el.open))) {
    await page.getByText(/^Environment/).click();
  }
  return editor;
}

/** The graph's node of the seed's Service chain, by its rule count. */
const serviceChain = (page: Page, rules: number) =>
  page.getByRole('group', {
    name: `chain ${SVC} default/nginx-service-nodeport, ${rules} rules`,
  });

/** Where React Flow placed a node, in the graph's own coordinates. */
const placeOf = (page: Page, id: string) =>
  page
    .locator(`.react-flow__node[data-id="${id}"]`)
    .evaluate((el) => (el as HTMLElement).style.transform);

const generated = (editor: Locator) =>
  expect(
    editor.getByText('The rules on screen are generated from this environment.'),
  ).toBeVisible();

test('a fourth pod: the graph grows in place and the probabilities become 1/4, 1/3, 1/2', async ({
  page,
}) => {
  const editor = await openEditor(page);
  await expect(serviceChain(page, 3)).toBeAttached();
  const endpoint = 'nat/KUBE-SEP-MMWJ6M2J72TU3J64';
  const before = await placeOf(page, endpoint);
  const viewport = page.locator('.react-flow__viewport');
  const view = await viewport.getAttribute('style');

  const service = editor.getByRole('group', { name: /^Service 1/ });
  await service.getByRole('button', { name: 'Add a pod' }).click();
  await expect(service.getByRole('heading', { name: 'Pods (4)' })).toBeVisible();
  await generated(editor);

  const chain = serviceChain(page, 4);
  await expect(chain).toBeAttached();
  await expect(chain.getByRole('listitem')).toHaveCount(4);
  await expect(chain.getByRole('listitem').nth(0)).toContainText('random 25%');
  await expect(chain.getByRole('listitem').nth(1)).toContainText('random 33.3%');
  await expect(chain.getByRole('listitem').nth(2)).toContainText('random 50%');
  // The chains that were there stay where they were, and the view with them.
  expect(await placeOf(page, endpoint)).toBe(before);
  await expect(viewport).toHaveAttribute('style', view ?? '');

  const changed = editor.getByRole('region', { name: 'Changed (3)' });
  await expect(changed.getByLabel('before')).toHaveCount(3);
  await expect(changed.getByLabel('after').nth(0)).toContainText('--probability 0.25000000000');
  await expect(changed.getByLabel('before').nth(0)).toContainText('--probability 0.33332999982');
  await expect(editor.getByRole('region', { name: 'Appeared (3)' })).toContainText(
    '--to-destination 172.17.0.5:80',
  );
});

test('a bad IP is marked at its field; the rest of the input and the last rules stay', async ({
  page,
}) => {
  const editor = await openEditor(page);
  const service = editor.getByRole('group', { name: /^Service 1/ });
  const name = service.getByRole('textbox', { name: 'Service name' });
  await name.fill('web');
  await service.getByRole('textbox', { name: 'ClusterIP' }).fill('10.96.0.10');
  await generated(editor);
  await expect(
    page.getByRole('group', { name: /^chain KUBE-SVC-\w+ default\/web, 3 rules/ }),
  ).toBeAttached();

  const ip = service.getByRole('group', { name: 'Pod 2' }).getByRole('textbox', { name: 'IP' });
  await ip.fill('172.17.0.300');
  await expect(ip).toHaveAttribute('aria-invalid', 'true');
  await expect(ip).toHaveAccessibleDescription(/"172\.17\.0\.300" is not an IPv4 address/);
  await expect(editor.getByText(/"172\.17\.0\.300" is not an IPv4 address/)).toBeVisible();
  await expect(editor.getByRole('status').first()).toContainText('Stale:');
  await expect(ip).toHaveValue('172.17.0.300');
  await expect(name).toHaveValue('web');
  await expect(service.getByRole('textbox', { name: 'ClusterIP' })).toHaveValue('10.96.0.10');
  await expect(
    service.getByRole('group', { name: 'Pod 3' }).getByRole('textbox', { name: 'IP' }),
  ).toHaveValue('172.17.0.4');
  // The graph still shows the last valid rules.
  await expect(
    page.getByRole('group', { name: /^chain KUBE-SVC-\w+ default\/web, 3 rules/ }),
  ).toBeAttached();

  await ip.fill('172.17.0.9');
  await expect(ip).toHaveAttribute('aria-invalid', 'false');
  await generated(editor);
});

test('environment → YAML → environment', async ({ page }) => {
  const editor = await openEditor(page);
  const node = editor.getByRole('group', { name: 'Node' });
  await node.getByRole('combobox', { name: 'kube-proxy version' }).selectOption('current');
  await node.getByRole('textbox', { name: 'Cluster CIDR' }).fill('10.244.0.0/16');
  const service = editor.getByRole('group', { name: /^Service 1/ });
  await service.getByRole('textbox', { name: 'Namespace' }).fill('shop');
  await service.getByRole('textbox', { name: 'Service name' }).fill('web');
  await service.getByRole('textbox', { name: 'External IPs' }).fill('203.0.113.7');
  await service.getByRole('button', { name: 'Add a pod' }).click();
  await generated(editor);

  const download = page.waitForEvent('download');
  await editor.getByRole('button', { name: 'Download YAML' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('kpviz-environment.yaml');
  const yaml = readFileSync(await file.path(), 'utf8');
  expect(yaml).toContain('kind: EndpointSlice');

  await editor.getByRole('button', { name: 'Back to the seed environment' }).click();
  await expect(service.getByRole('textbox', { name: 'Service name' })).toHaveValue(
    'nginx-service-nodeport',
  );
  await expect(service.getByRole('heading', { name: 'Pods (3)' })).toBeVisible();

  const importer = editor.getByRole('form', { name: 'Import YAML' });
  await importer.getByRole('textbox', { name: /Services and EndpointSlices as YAML/ }).fill(yaml);
  await importer.getByRole('button', { name: 'Import' }).click();
  await expect(importer.getByRole('status')).toHaveText('Imported.');
  await expect(node.getByRole('combobox', { name: 'kube-proxy version' })).toHaveValue('current');
  await expect(node.getByRole('textbox', { name: 'Cluster CIDR' })).toHaveValue('10.244.0.0/16');
  await expect(service.getByRole('textbox', { name: 'Namespace' })).toHaveValue('shop');
  await expect(service.getByRole('textbox', { name: 'Service name' })).toHaveValue('web');
  await expect(service.getByRole('textbox', { name: 'External IPs' })).toHaveValue('203.0.113.7');
  await expect(service.getByRole('heading', { name: 'Pods (4)' })).toBeVisible();
  await generated(editor);
  await expect(page.getByRole('group', { name: /^chain KUBE-SVC-\w+ shop\/web\b/ })).toBeAttached();
});

test('a share link opens the same environment after a reload', async ({ page }) => {
  const editor = await openEditor(page);
  const service = editor.getByRole('group', { name: /^Service 1/ });
  await service.getByRole('button', { name: 'Add a pod' }).click();
  await service.getByRole('combobox', { name: 'Session affinity' }).selectOption('ClientIP');
  await service.getByRole('textbox', { name: /Affinity timeout/ }).fill('600');
  await service
    .getByRole('group', { name: 'Pod 1' })
    .getByRole('checkbox', { name: 'Terminating' })
    .check();
  await generated(editor);
  await expect(page).toHaveURL(/#(.*&)?env=e1\./);

  await page.reload();
  await expect(editor.getByText('Opened the environment from the link.')).toBeVisible();
  await expect(editor).toHaveAttribute('open', '');
  await expect(service.getByRole('heading', { name: 'Pods (4)' })).toBeVisible();
  await expect(service.getByRole('combobox', { name: 'Session affinity' })).toHaveValue('ClientIP');
  await expect(service.getByRole('textbox', { name: /Affinity timeout/ })).toHaveValue('600');
  const first = service.getByRole('group', { name: 'Pod 1' });
  await expect(first.getByRole('checkbox', { name: 'Terminating' })).toBeChecked();
  await expect(first.getByRole('checkbox', { name: 'Ready' })).not.toBeChecked();
  await generated(editor);
  // Three ready pods share new connections; the terminating one gets none.
  const chain = page.getByRole('group', { name: new RegExp(`^chain ${SVC} `) });
  await expect(chain.getByRole('listitem').filter({ hasText: 'random 33.3%' })).toHaveCount(1);
  await expect(chain).toContainText('recent');
});

test('a damaged share link says why and keeps the seed', async ({ page }) => {
  const editor = await openEditor(page, './#env=e1.AAAA');
  await expect(editor.getByRole('alert')).toContainText('the seed stays');
  await expect(
    editor.getByRole('group', { name: /^Service 1/ }).getByRole('heading', { name: 'Pods (3)' }),
  ).toBeVisible();
  await expect(serviceChain(page, 3)).toBeAttached();
});
