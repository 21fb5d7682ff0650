import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';

/** The theme and language a view is checked in, besides the light theme in English. */
export type A11ySetting = 'dark' | 'zh';

/**
 * A view of the app axe checks: where it opens and how a person gets there. `ready` leaves the
 * page showing the view and waits until it is there; it is written in English, and a view
 * checked in Chinese is switched to it afterwards.
 */
export interface A11yView {
  name: string;
  /** The address it opens at (relative to the app); `./` by default. */
  path?: string;
  ready?: (page: Page) => Promise<void>;
  /** Also checked in these (each check loads the page again, and axe takes seconds). */
  also?: readonly A11ySetting[];
}

const graphShown = (page: Page) => expect(page.locator('.react-flow__node').first()).toBeAttached();
/** The embedded player draws its graph itself (drawn-graph.tsx): its boxes carry data-node. */
const drawnGraphShown = (page: Page) =>
  expect(page.locator('.drawn-graph [data-node]').first()).toBeAttached();

async function openDetails(page: Page, summary: RegExp) {
  await page.locator('summary').filter({ hasText: summary }).click();
}

async function playing(page: Page) {
  await expect(page.getByText(/^Step 12 of \d+$/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Random split' })).toBeVisible();
  await graphShown(page);
}

async function searched(page: Page, query: string) {
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill(query);
  await expect(page.getByRole('region', { name: 'Search results' }).getByRole('status')).toHaveText(
    /^\d+ match(es)?$/,
  );
  await search.press('Enter');
}

/**
 * Every view axe checks, one entry each. A new view (the guided tour at a step, the presenter
 * view, a quiz question) is one more entry here.
 */
export const A11Y_VIEWS: readonly A11yView[] = [
  { name: 'the opening page (graph)', ready: graphShown, also: ['dark', 'zh'] },
  {
    name: 'the Rules tab',
    ready: async (page) => {
      await page.getByRole('tab', { name: 'Rules' }).click();
      await expect(page.getByRole('region', { name: 'nat table' })).toBeVisible();
    },
    also: ['dark'],
  },
  {
    name: 'the Rule dump panel',
    ready: async (page) => {
      await openDetails(page, /^Rule dump/);
      await expect(page.getByRole('button', { name: 'Show rules' })).toBeVisible();
    },
  },
  {
    name: 'the Environment editor',
    ready: async (page) => {
      await openDetails(page, /^Environment/);
      await expect(page.getByRole('group', { name: /^Service 1/ })).toBeVisible();
    },
  },
  {
    name: 'the Environment editor with an invalid field',
    ready: async (page) => {
      await openDetails(page, /^Environment/);
      const pod = page.getByRole('group', { name: /^Service 1/ }).getByRole('group', {
        name: 'Pod 2',
      });
      const ip = pod.getByRole('textbox', { name: 'IP' });
      await ip.fill('172.17.0.300');
      await expect(ip).toHaveAttribute('aria-invalid', 'true');
    },
    also: ['dark', 'zh'],
  },
  { name: 'a scenario playing', path: './#scenario=nodeport-external&step=12', ready: playing },
  {
    name: 'a scenario after Send 1,000 packets',
    path: './#scenario=nodeport-external&step=12',
    ready: async (page) => {
      await playing(page);
      const split = page.getByRole('region', { name: 'Random split' });
      await split.getByRole('button', { name: 'Send 1,000 packets' }).click();
      await expect(split.getByRole('columnheader', { name: 'Observed' })).toBeVisible();
    },
    also: ['dark', 'zh'],
  },
  {
    name: 'a Service chosen, a custom packet traced',
    ready: async (page) => {
      const services = page.getByRole('region', { name: 'Services' });
      await services.getByRole('button', { name: /^default\/nginx-service-nodeport/ }).click();
      await expect(page.getByRole('button', { name: 'Show all Services' })).toBeVisible();
      const form = page.getByRole('form', { name: 'Custom packet' });
      await form.getByRole('textbox', { name: 'Source' }).fill('203.0.113.10');
      await form.getByRole('textbox', { name: 'Destination' }).fill('192.168.0.11:32110');
      await form.getByRole('button', { name: 'Trace', exact: true }).click();
      await expect(page.getByRole('region', { name: 'Trace' })).toContainText('MASQUERADE');
    },
    also: ['dark'],
  },
  {
    name: 'a search with results, a chain selected (details)',
    ready: async (page) => {
      await searched(page, 'KUBE-SVC-I64SNEMOLCWHJHS3');
      await expect(
        page
          .getByRole('region', { name: 'Details' })
          .getByRole('heading', { name: 'Chain KUBE-SVC-I64SNEMOLCWHJHS3' }),
      ).toBeVisible();
    },
    also: ['dark'],
  },
  {
    name: 'a rule selected (details)',
    ready: async (page) => {
      await searched(page, '172.17.0.2');
      await page
        .getByRole('region', { name: 'Details' })
        .getByRole('heading', { name: /^Rule \d+ of / })
        .waitFor();
    },
  },
  {
    name: 'the guided tour at a step',
    path: './#tour=3',
    ready: async (page) => {
      await expect(page.getByRole('region', { name: 'Guided tour' })).toContainText('Step 3 of');
      await graphShown(page);
    },
    also: ['zh'],
  },
  {
    name: 'the presenter view, in high contrast',
    path: './#present&scenario=nodeport-external&step=12',
    ready: async (page) => {
      await expect(page.getByRole('button', { name: 'Leave presenter view' })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Packet' })).toBeVisible();
      await page.getByRole('button', { name: 'High contrast' }).click();
      await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
    },
  },
  {
    name: 'the embedded player with every panel, mid-scenario',
    path: './embed.html#scenario=nodeport-external&step=12&panels=scenario,controls,timeline,narration,packet',
    ready: async (page) => {
      await expect(page.getByText(/^Step 12 of \d+$/)).toBeVisible();
      await drawnGraphShown(page);
    },
    also: ['dark'],
  },
  {
    name: 'the Share menu, a link copied',
    ready: async (page) => {
      await page.getByRole('banner').getByText('Share').click();
      const panel = page.getByRole('region', { name: 'Share what is on screen' });
      await panel.getByRole('button', { name: 'Copy link' }).click();
      // Copied, or refused (no clipboard permission here): either way the link shows.
      await expect(panel.getByRole('textbox')).toHaveValue(/#lang=en$/);
    },
    also: ['dark'],
  },
  {
    name: 'a quiz question answered',
    path: './#scenario=nodeport-external&step=1',
    ready: async (page) => {
      await page.getByRole('button', { name: 'Quiz' }).click();
      await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
      await page.getByRole('button', { name: 'Play' }).click();
      const question = page.getByRole('region', { name: 'Question' });
      await question.getByRole('radio').first().check();
      await question.getByRole('button', { name: 'Check answer' }).click();
      await expect(question.getByRole('heading', { name: 'Why' })).toBeVisible();
    },
    also: ['dark'],
  },
];
