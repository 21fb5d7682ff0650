import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { SEED_LISTING } from '../src/domain/examples/seed.ts';
import { syntheticDump } from '../src/domain/examples/synthetic-dump.ts';
import { expect, test } from './fixtures.ts';
import { pasteInto } from './paste.ts';

const fixture = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const OVERALL = fixture('../src/domain/examples/fixtures/kube-proxy/overall-current.restore.txt');
const DOCKER = fixture('../kernel/fixtures/docker-host.restore.txt');

/** Opens the rule dump panel (if it is closed) and pastes `text` into it, at once. */
async function paste(page: Page, text: string) {
  const panel = page.locator('details.dump-source');
  if (!(await panel.evaluate((el: HTMLDetailsElement) => el.open))) {
    await page.getByText('Rule dump').click();
  }
  const field = page.getByLabel(/Paste iptables-save/);
  await pasteInto(field, text);
  return field;
}

async function show(page: Page, text: string) {
  await paste(page, text);
  await page.getByRole('button', { name: 'Show rules' }).click();
}

/** Fills in the custom packet form and traces it. */
async function trace(
  page: Page,
  packet: { src: string; dst: string; protocol?: string; interfaces?: string },
) {
  const form = page.getByRole('form', { name: 'Custom packet' });
  await form.getByRole('textbox', { name: 'Source' }).fill(packet.src);
  await form.getByRole('textbox', { name: 'Destination' }).fill(packet.dst);
  await form.getByRole('combobox', { name: 'Protocol' }).selectOption(packet.protocol ?? 'tcp');
  if (packet.interfaces !== undefined) {
    await form.getByRole('textbox', { name: 'Extra interfaces' }).fill(packet.interfaces);
  }
  await form.getByRole('button', { name: 'Trace', exact: true }).click();
  return page.getByRole('region', { name: 'Trace' });
}

const summaryValue = (page: Page, term: string) =>
  page
    .getByRole('definition')
    .filter({ has: page.locator(`xpath=preceding-sibling::dt[1][text()="${term}"]`) });

test('the seed article’s listing: its Service found, a NodePort packet traced', async ({
  page,
}) => {
  await page.goto('./');
  await show(page, SEED_LISTING);
  await expect(summaryValue(page, 'Format')).toHaveText('iptables -L -n');
  await expect(page.getByText('Everything stays in this browser')).toBeAttached();

  const services = page.getByRole('region', { name: 'Services' });
  const nginx = services.getByRole('button', { name: 'default/nginx-service-nodeport:' });
  await expect(nginx).toBeVisible();
  await expect(services).toContainText('10.254.198.92:80/tcp');
  await expect(services).toContainText('32110');
  await expect(services.getByText('33.3%')).toHaveCount(3);

  const result = await trace(page, { src: '203.0.113.10', dst: '192.168.0.11:32110' });
  await expect(result).toContainText('ACCEPT');
  await expect(result).toContainText(/192\.168\.0\.11:32110 → 172\.17\.0\.[234]:80/);
  await expect(result).toContainText('MASQUERADE');
  // A rule of the trace leads to it in the graph.
  await result
    .getByRole('button', { name: /^nat\/KUBE-MARK-MASQ#1/ })
    .first()
    .click();
  await expect(
    page.getByRole('region', { name: 'Details' }).getByRole('heading', {
      name: 'Rule 1 of KUBE-MARK-MASQ',
    }),
  ).toBeVisible();
});

test('a kube-proxy unit-test dump: Services from its comments, a pod’s packet to one', async ({
  page,
}) => {
  await page.goto('./');
  await show(page, OVERALL);
  // kube-proxy's restore input: its chains, not the jumps into them it adds with iptables -I.
  const note = page.getByRole('note').filter({ hasText: 'No built-in chain jumps' });
  await expect(note).toContainText('in filter, nat');
  await note.getByRole('button', { name: 'Add kube-proxy’s jumps' }).click();
  await expect(page.getByRole('note').filter({ hasText: 'were added' })).toBeVisible();

  const services = page.getByRole('region', { name: 'Services' });
  await expect(services.getByText('6 Service ports found in the rules')).toBeVisible();
  await services.getByRole('searchbox', { name: 'Find a Service' }).fill('172.30.0.41');
  await services.getByRole('button', { name: 'ns1/svc1:p80', exact: true }).click();
  await expect(page.getByText('Showing the chains of ns1/svc1:p80 only.')).toBeVisible();

  await services.getByRole('button', { name: 'From a pod' }).click();
  const form = page.getByRole('form', { name: 'Custom packet' });
  await expect(form.getByRole('textbox', { name: 'Destination' })).toHaveValue('172.30.0.41:80');
  await form.getByRole('button', { name: 'Trace', exact: true }).click();
  const result = page.getByRole('region', { name: 'Trace' });
  await expect(result).toContainText('172.30.0.41:80 → 10.180.0.1:80');
  // From inside the cluster CIDR (10.0.0.0/8) the packet is not masqueraded.
  await expect(result).not.toContainText('MASQUERADE');
});

test('a Docker host’s iptables-save: the published port traced to its container', async ({
  page,
}) => {
  await page.goto('./');
  await show(page, DOCKER);
  await expect(
    page.getByRole('region', { name: 'Services' }).getByText(/no Service/i),
  ).toBeVisible();
  const result = await trace(page, {
    src: '203.0.113.10',
    dst: '192.168.0.11:8080',
    interfaces: 'docker0=172.17.0.1/16\nbr-3f1c2a9d7e01=172.18.0.1/16',
  });
  await expect(result).toContainText('192.168.0.11:8080 → 172.17.0.2:80');
  await expect(result).toContainText('forwarded out of docker0');
  await expect(result).toContainText('ACCEPT');
});

test('a broken dump: each error at its line, in context; the rest shown and traced; the text kept', async ({
  page,
}) => {
  await page.goto('./');
  const dump = [
    '*nat',
    ':PREROUTING ACCEPT [0:0]',
    ':KUBE-SERVICES - [0:0]',
    '-A PREROUTING -j KUBE-SERVICES',
    '-A KUBE-SERVICES -d 10.96.0.300/32 -p tcp -m tcp --dport 80 -j RETURN',
    '-A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m tcp --dport 53 -j DNAT --to-destination 10.244.1.7:53',
    '-A KUBE-SERVICES -p tcp --bogus-option 1 -j ACCEPT',
    'COMMIT',
  ].join('\n');
  await show(page, dump);

  const problems = page.getByRole('region', { name: /^Problems \(\d+\)$/ });
  const bad = problems.getByRole('button', { name: /^5:\d+:.*10\.96\.0\.300/ });
  await expect(bad).toBeVisible();
  await expect(problems.getByRole('button', { name: /^7:\d+:/ })).toBeVisible();
  await bad.click();
  const context = problems.getByLabel('Line 5 in context');
  await expect(context).toContainText('4 │ -A PREROUTING -j KUBE-SERVICES');
  await expect(context).toContainText('5 │ -A KUBE-SERVICES -d 10.96.0.300/32');
  await expect(context).toContainText('^');

  // What parsed is shown, and traced.
  await expect(page.getByRole('group', { name: /^chain KUBE-SERVICES\b/ })).toBeAttached();
  const result = await trace(page, { src: '203.0.113.10', dst: '10.96.0.10:53' });
  await expect(result).toContainText('10.96.0.10:53 → 10.244.1.7:53');
  // Said plainly: the kernel would take none of it, and the trace leaves the broken lines out.
  await expect(result.getByRole('note')).toContainText(
    'Lines 5, 7 have errors and were left out. iptables-restore would refuse this whole dump',
  );

  // The pasted text is still there, as pasted.
  await page.getByText('Rule dump').click();
  await expect(page.getByRole('textbox', { name: /Paste iptables-save/ })).toHaveValue(dump);
});

test('a big paste parses in a worker with progress; Cancel keeps the dump on screen and the text', async ({
  page,
}) => {
  test.slow();
  await page.goto('./');
  const big = syntheticDump({ services: 10_000 });
  await paste(page, big);
  // Too big for the field without freezing the page: kept aside, whole.
  await expect(page.getByText(/^\d+\.\d MB \([\d,]+ lines\) kept as given/)).toBeVisible();
  await page.getByRole('button', { name: 'Show rules' }).click();
  const progress = page.getByRole('status').filter({ has: page.getByRole('progressbar') });
  await expect(progress).toBeVisible();
  // The page answers while the worker parses: the tabs still switch.
  await page.getByRole('tab', { name: 'Rules' }).click();
  await expect(page.getByRole('tab', { name: 'Rules' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: 'Graph' }).click();
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toBeHidden();
  // Still the seed, and the pasted text untouched.
  await expect(
    page.getByRole('group', { name: /^chain KUBE-SVC-I64SNEMOLCWHJHS3 default\/nginx/ }),
  ).toBeAttached();
  await expect(
    page.getByText(`${(big.length / 1048576).toFixed(1)} MB (`, { exact: false }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show rules' })).toBeEnabled();
});

test('a big dump shows before every rule is read; a problem deep in it is listed once it is', async ({
  page,
}) => {
  test.slow();
  await page.goto('./');
  const lines = syntheticDump({ services: 10_000 }).split('\n');
  // A bad rule in the last endpoint chain: nothing the first graph or Services page reads.
  const last = lines.findLastIndex((line) => line.startsWith('-A KUBE-SEP-'));
  const chain = (lines[last] as string).split(' ')[1] as string;
  lines.splice(last + 1, 0, `-A ${chain} -p tcp -m tcp --dport 99999 -j ACCEPT`);
  const badLine = last + 2;
  await paste(page, lines.join('\n'));
  // Whether the summary ever said it was still reading the rules.
  await page.evaluate(() => {
    const seen = window as unknown as { checkingSeen: string[] };
    seen.checkingSeen = [];
    new MutationObserver(() => {
      const text = document.querySelector('.summary-checking')?.textContent ?? '';
      if (text !== '') seen.checkingSeen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole('button', { name: 'Show rules' }).click();
  await expect(summaryValue(page, 'Services')).toHaveText('10,000');
  const problems = page.getByRole('region', { name: 'Problems (1)' });
  await expect(problems.getByRole('button', { name: new RegExp(`^${badLine}:\\d+:`) })).toBeVisible(
    {
      timeout: 30_000,
    },
  );
  await expect(page.locator('.summary-checking')).toHaveText(
    'Every rule read and checked: 1 problem in all.',
  );
  const seen = await page.evaluate(
    () => (window as unknown as { checkingSeen: string[] }).checkingSeen,
  );
  expect(seen[0]).toMatch(/^Reading and checking the rest of the rules/);
});

test('a file dropped or opened, and Services as YAML, go through the same way', async ({
  page,
}) => {
  await page.goto('./');
  await page.getByText('Rule dump').click();
  await page.getByLabel('Open a file').setInputFiles({
    name: 'docker.rules',
    mimeType: 'text/plain',
    buffer: Buffer.from(DOCKER),
  });
  await expect(summaryValue(page, 'Format')).toHaveText('iptables-save');
  await expect(page.getByRole('group', { name: /^chain DOCKER\b/ }).first()).toBeAttached();

  const yaml = [
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: web, namespace: shop}',
    'spec:',
    '  type: NodePort',
    '  clusterIP: 10.96.0.20',
    '  ports: [{name: http, port: 80, targetPort: 8080, nodePort: 30080, protocol: TCP}]',
    '---',
    'apiVersion: discovery.k8s.io/v1',
    'kind: EndpointSlice',
    'metadata:',
    '  name: web-abc',
    '  namespace: shop',
    '  labels: {kubernetes.io/service-name: web}',
    'addressType: IPv4',
    'ports: [{name: http, port: 8080, protocol: TCP}]',
    'endpoints:',
    '  - addresses: [10.244.1.5]',
    '    conditions: {ready: true}',
    '',
  ].join('\n');
  await show(page, yaml);
  await expect(summaryValue(page, 'Format')).toHaveText('Kubernetes objects (rules generated)');
  const services = page.getByRole('region', { name: 'Services' });
  await expect(services.getByRole('button', { name: 'shop/web:http', exact: true })).toBeVisible();
  const result = await trace(page, { src: '203.0.113.10', dst: '192.168.0.11:30080' });
  await expect(result).toContainText('192.168.0.11:30080 → 10.244.1.5:8080');
});
