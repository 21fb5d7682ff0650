import { readFileSync } from 'node:fs';
import { syntheticDump } from '../src/domain/examples/synthetic-dump.ts';
import { expect, test } from './fixtures.ts';
import { pasteInto } from './paste.ts';
import type { Page } from '@playwright/test';

const OVERALL = readFileSync(
  new URL(
    '../src/domain/examples/fixtures/kube-proxy/overall-current.restore.txt',
    import.meta.url,
  ),
  'utf8',
);

/** Pastes a dump into the form and shows it, as a person would. */
async function loadDump(page: Page, text: string) {
  await page.getByText('Rule dump').click();
  await pasteInto(page.getByLabel(/Paste iptables-save/), text);
  await page.getByRole('button', { name: 'Show rules' }).click();
}

/** Finds a Service in the Services list and chooses it: the graph narrows to its chains. */
async function focusService(page: Page, label: string) {
  const panel = page.getByRole('region', { name: 'Services' });
  await panel.getByRole('searchbox', { name: 'Find a Service' }).fill(label);
  await panel.getByRole('button', { name: label, exact: true }).click();
}

/** Every node drawn lies inside the graph's pane: the view fits the whole graph. */
async function expectFitted(page: Page) {
  await expect(async () => {
    // Measured with the nodes: the page may scroll the graph into view meanwhile.
    const pane = await page.locator('.react-flow').boundingBox();
    if (!pane) throw new Error('no graph pane');
    const nodes = await page.locator('.react-flow__node').all();
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      const box = await node.boundingBox();
      if (!box) throw new Error('a node without a box');
      expect(box.x).toBeGreaterThanOrEqual(pane.x - 1);
      expect(box.y).toBeGreaterThanOrEqual(pane.y - 1);
      expect(box.x + box.width).toBeLessThanOrEqual(pane.x + pane.width + 1);
      expect(box.y + box.height).toBeLessThanOrEqual(pane.y + pane.height + 1);
    }
  }).toPass();
}

/**
 * Where the graph's edges meet its handles, in the graph's own units: every edge starts on the
 * right-hand middle of a source handle of its node and ends on the left-hand middle of a target
 * handle, and a rule's handle sits on the middle of its line. React Flow draws edges from the
 * places the nodes give their handles (it measures a node only as it mounts): here the drawing
 * is checked against the page as laid out.
 */
async function expectEdgesOnHandles(page: Page) {
  await expect(async () => {
    const misplaced = await page.evaluate(() => {
      const out: string[] = [];
      const edges = [...document.querySelectorAll<SVGPathElement>('.react-flow__edge-path')];
      const toGraph = edges[0]?.getScreenCTM()?.inverse();
      if (!toGraph) return ['no edges drawn'];
      const at = (x: number, y: number) => new DOMPoint(x, y).matrixTransform(toGraph);
      const sources: DOMPoint[] = [];
      const targets: DOMPoint[] = [];
      for (const handle of document.querySelectorAll<HTMLElement>('.react-flow__handle')) {
        const box = handle.getBoundingClientRect();
        const middle = box.top + box.height / 2;
        if (handle.classList.contains('source')) sources.push(at(box.right, middle));
        else targets.push(at(box.left, middle));
        const line = document.querySelector(
          `.react-flow__node[data-id="${handle.dataset.nodeid}"] [data-rule="${handle.dataset.handleid}"]`,
        );
        if (line && handle.dataset.handleid !== undefined) {
          const row = line.getBoundingClientRect();
          const off = Math.abs(at(0, row.top + row.height / 2).y - at(0, middle).y);
          if (off > 0.5) out.push(`${handle.dataset.handleid}: ${off.toFixed(1)} off its line`);
        }
      }
      const near = (points: DOMPoint[], p: DOMPoint) =>
        points.some((q) => Math.hypot(q.x - p.x, q.y - p.y) < 0.5);
      for (const edge of edges) {
        const id = edge.closest('.react-flow__edge')?.getAttribute('data-id') ?? '?';
        const start = edge.getPointAtLength(0);
        const end = edge.getPointAtLength(edge.getTotalLength());
        if (!near(sources, start)) out.push(`${id} starts off any handle`);
        if (!near(targets, end)) out.push(`${id} ends off any handle`);
      }
      return out;
    });
    expect(misplaced).toEqual([]);
  }).toPass();
}

const chainNode = (page: Page, name: string | RegExp) =>
  page.getByRole('group', {
    name: typeof name === 'string' ? new RegExp(`^chain ${name}\\b`) : name,
  });

test('opens on the seed graph: the pipeline, the chains and their rules, labelled', async ({
  page,
}) => {
  await page.goto('./');
  await expect(page.getByRole('tab', { name: 'Graph' })).toHaveAttribute('aria-selected', 'true');
  await expect(
    page.getByRole('application', { name: 'Packet flow through netfilter' }),
  ).toBeVisible();

  // The Service chain is named for its Service and counts its rules.
  const service = page.getByRole('group', {
    name: 'chain KUBE-SVC-I64SNEMOLCWHJHS3 default/nginx-service-nodeport, 3 rules',
  });
  await expect(service).toBeAttached();
  await expect(
    page.getByRole('group', { name: /^nat table at PREROUTING, policy ACCEPT/ }),
  ).toBeAttached();

  // Picking the chain shows it in full; picking one of its rules, that rule.
  await page.getByRole('searchbox', { name: 'Search' }).fill('KUBE-SVC-I64SNEMOLCWHJHS3');
  await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
  await expect(service).toBeInViewport();
  await expect(service.getByRole('listitem')).toHaveCount(3);
  await expect(service.getByRole('listitem').first()).toContainText('KUBE-SEP-MMWJ6M2J72TU3J64');
  await expect(service.getByRole('listitem').first()).toContainText('random 33.3%');

  const details = page.getByRole('region', { name: 'Details' });
  await expect(
    details.getByRole('heading', { name: 'Chain KUBE-SVC-I64SNEMOLCWHJHS3' }),
  ).toBeVisible();
  await expect(details).toContainText('default/nginx-service-nodeport');
  await service.getByRole('listitem').nth(1).click();
  await expect(
    details.getByRole('heading', { name: 'Rule 2 of KUBE-SVC-I64SNEMOLCWHJHS3' }),
  ).toBeVisible();
  await expect(details).toContainText('--probability 0.50000000000 -j KUBE-SEP-GRLEVIWNO4P37GSQ');
  await expect(details.locator('dl')).toContainText(/Line\s*54/);

  // The rule's jump leads on, and the view follows.
  await details.getByRole('button', { name: 'Go to KUBE-SEP-GRLEVIWNO4P37GSQ' }).click();
  const endpoint = chainNode(page, 'KUBE-SEP-GRLEVIWNO4P37GSQ');
  await expect(endpoint).toBeInViewport();
  await expect(endpoint.getByRole('listitem').filter({ hasText: 'DNAT' })).toContainText(
    '172.17.0.3:80',
  );
});

test('moves between chains with the keyboard and collapses one', async ({ page }) => {
  await page.goto('./');
  const service = chainNode(page, 'KUBE-SVC-I64SNEMOLCWHJHS3');
  await page.getByRole('searchbox', { name: 'Search' }).fill('KUBE-SVC-I64SNEMOLCWHJHS3');
  await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
  await service.focus();
  await page.keyboard.press('Enter');
  const details = page.getByRole('region', { name: 'Details' });
  await expect(
    details.getByRole('heading', { name: 'Chain KUBE-SVC-I64SNEMOLCWHJHS3' }),
  ).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(details.getByRole('heading', { name: /^Chain KUBE-SEP-/ })).toBeVisible();
  await expect(page.locator('.react-flow__node:focus')).toHaveAttribute(
    'aria-label',
    /^chain KUBE-SEP-/,
  );

  await page.keyboard.press('ArrowLeft');
  await expect(service).toBeFocused();
  await expect(
    details.getByRole('heading', { name: 'Chain KUBE-SVC-I64SNEMOLCWHJHS3' }),
  ).toBeVisible();

  await service.getByRole('button', { name: 'Collapse KUBE-SVC-I64SNEMOLCWHJHS3' }).click();
  await expect(service.getByRole('listitem')).toHaveCount(0);
  await service.getByRole('button', { name: 'Expand KUBE-SVC-I64SNEMOLCWHJHS3' }).click();
  await expect(service.getByRole('listitem')).toHaveCount(3);
});

test('edges leave from their rule lines and meet the chains they jump to', async ({ page }) => {
  await page.goto('./');
  await expect(page.locator('.react-flow__node .node-body').first()).toBeVisible();
  await expectEdgesOnHandles(page);
  // A collapsed chain's jumps leave from the chain itself, and from their lines again after.
  const service = chainNode(page, 'KUBE-SVC-I64SNEMOLCWHJHS3');
  await service.getByRole('button', { name: 'Collapse KUBE-SVC-I64SNEMOLCWHJHS3' }).click();
  await expect(service.getByRole('listitem')).toHaveCount(0);
  await expectEdgesOnHandles(page);
  await service.getByRole('button', { name: 'Expand KUBE-SVC-I64SNEMOLCWHJHS3' }).click();
  await expect(service.getByRole('listitem')).toHaveCount(3);
  await expectEdgesOnHandles(page);
  // Another dump: the hooks stay the same nodes, with other rules on other lines.
  await loadDump(page, OVERALL);
  await expect(chainNode(page, 'KUBE-SVC-XPGD46QRK7WJZT7O')).toBeAttached();
  await expectEdgesOnHandles(page);
});

test('a kube-proxy dump: focus one Service, search an address', async ({ page }) => {
  await page.goto('./');
  await loadDump(page, OVERALL);
  await expect(chainNode(page, 'KUBE-SVC-XPGD46QRK7WJZT7O')).toBeAttached();
  await expectFitted(page);

  const services = page.getByRole('region', { name: 'Services' });
  await expect(
    services
      .getByRole('list', { name: 'Services found' })
      .getByRole('button', { name: /^ns\d\/svc\d:p80$/ }),
  ).toHaveText([
    'ns1/svc1:p80',
    'ns2/svc2:p80',
    'ns3/svc3:p80',
    'ns4/svc4:p80',
    'ns5/svc5:p80',
    // No endpoints: no chains of its own, but its REJECT rule names it.
    'ns6/svc6:p80',
  ]);
  await focusService(page, 'ns4/svc4:p80');
  await expect(page.getByText('Showing the chains of ns4/svc4:p80 only.')).toBeVisible();
  await expect(chainNode(page, 'KUBE-SVC-4SW47YFZTEDKD3PK')).toBeInViewport();
  // The view fits the focused graph, as it fitted the new dump, and the whole one again after.
  await expectFitted(page);
  await expect(chainNode(page, 'KUBE-SVC-4SW47YFZTEDKD3PK')).toHaveAccessibleName(
    /ns4\/svc4:p80, 3 rules$/,
  );
  await expect(chainNode(page, 'KUBE-EXT-4SW47YFZTEDKD3PK')).toBeAttached();
  await expect(chainNode(page, 'KUBE-SVC-XPGD46QRK7WJZT7O')).toHaveCount(0);

  await page.getByRole('button', { name: 'Show all Services' }).click();
  await expect(chainNode(page, 'KUBE-SVC-XPGD46QRK7WJZT7O')).toBeAttached();
  await expectFitted(page);
  await page.getByRole('searchbox', { name: 'Search' }).fill('10.180.0.5');
  const results = page.getByRole('region', { name: 'Search results' });
  await expect(results.getByRole('status')).toHaveText(/^\d+ match(es)?$/);
  await results.getByRole('button', { name: /^KUBE-SEP-C6EBXVWJJZMIWKLZ #2/ }).click();
  const endpoint = chainNode(page, 'KUBE-SEP-C6EBXVWJJZMIWKLZ');
  await expect(endpoint).toBeInViewport();
  // What the search found stands out in the graph.
  await expect(endpoint.locator('.rule-line.is-match')).toHaveCount(2);
  await expect(
    page.getByRole('region', { name: 'Details' }).getByRole('heading', {
      name: 'Rule 2 of KUBE-SEP-C6EBXVWJJZMIWKLZ',
    }),
  ).toBeVisible();
});

test('a host firewall without kube-proxy: laid out by dagre, its policies shown', async ({
  page,
}) => {
  await page.goto('./');
  await loadDump(
    page,
    [
      '*filter',
      ':INPUT DROP [0:0]',
      ':FORWARD DROP [0:0]',
      ':OUTPUT ACCEPT [0:0]',
      ':SSH - [0:0]',
      ':WEB - [0:0]',
      '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A INPUT -p tcp -m tcp --dport 22 -j SSH',
      '-A INPUT -p tcp -m multiport --dports 80,443 -j WEB',
      '-A SSH -s 10.0.0.0/8 -j ACCEPT',
      '-A SSH -j DROP',
      '-A WEB -j ACCEPT',
      'COMMIT',
      '',
    ].join('\n'),
  );
  const input = page.getByRole('group', { name: /^filter table at INPUT, policy DROP, 3 rules$/ });
  await expect(input).toBeInViewport();
  await expect(input.getByText('policy DROP')).toBeVisible();
  // The layout comes from a worker of the app's own origin (the fixtures fail on any other).
  await expect(chainNode(page, 'SSH')).toBeInViewport();
  await expect(chainNode(page, 'WEB')).toBeInViewport();
});

test('a 10,000-Service dump stays usable and mounts at most 500 nodes', async ({ page }) => {
  test.slow();
  await page.goto('./');
  await loadDump(page, syntheticDump({ services: 10_000 }));

  // Parsed in a worker; the seed's graph stays until the new one comes.
  await expect(page.getByText(/^\d[\d,]* chains not drawn/)).toBeVisible({ timeout: 60_000 });
  await expect(chainNode(page, 'KUBE-SERVICES')).toBeAttached();
  expect(await page.locator('.react-flow__node').count()).toBeLessThanOrEqual(500);

  // A Service's chains come on demand: by focus…
  await focusService(page, 'ns42/svc42:http');
  const service = page.getByRole('group', {
    name: /^chain KUBE-SVC-\w+ ns42\/svc42:http, 4 rules$/,
  });
  await expect(service).toBeInViewport();
  expect(await page.locator('.react-flow__node').count()).toBeLessThanOrEqual(500);

  // …or by search: the cluster IP of a Service whose chains are not drawn. Enter goes to
  // the first match, KUBE-SERVICES' rule for it, which a long chain draws once its jump leads
  // somewhere drawn.
  await page.getByRole('button', { name: 'Show all Services' }).click();
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('10.0.39.16');
  await search.press('Enter');
  const picked = chainNode(page, 'KUBE-SERVICES').locator('.rule-line.is-selected');
  await expect(picked).toBeInViewport({ timeout: 30_000 });
  await expect(picked).toHaveAttribute('title', /-d 10\.0\.39\.16\/32 /);
  // A Service's name finds its chains' rules; one of them brings its chain in.
  await search.fill('ns8/svc9999:http');
  const results = page.getByRole('region', { name: 'Search results' });
  // Searching every rule of 10,000 Services takes a few seconds.
  await results.getByRole('button', { name: /^KUBE-SVC-\w+ #2 / }).click({ timeout: 30_000 });
  const found = page.getByRole('group', { name: /^chain KUBE-SVC-\w+ ns\d+\/svc9999:http/ });
  await expect(found).toBeInViewport();
  expect(await page.locator('.react-flow__node').count()).toBeLessThanOrEqual(500);

  // Fitting the view shows the whole picture again, still within the budget.
  await page.getByRole('button', { name: 'Fit view' }).click();
  await expect(chainNode(page, 'KUBE-SERVICES')).toBeInViewport();
  expect(await page.locator('.react-flow__node').count()).toBeLessThanOrEqual(500);
});
