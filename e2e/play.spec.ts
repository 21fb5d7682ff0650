import type { Page } from '@playwright/test';
import { SEED_LISTING } from '../src/domain/examples/seed.ts';
import { framesOf } from '../src/domain/play/frames.ts';
import { planOnRules, type RulesPlay } from '../src/domain/play/plans.ts';
import type { Frame } from '../src/domain/play/types.ts';
import type { PacketState } from '../src/domain/sim/types.ts';
import { DumpSession } from '../src/session/dump-session.ts';
import { expect, test } from './fixtures.ts';

/** What the simulator says the app must show: the seed's listing, as the app opens on it. */
function expected(kind: RulesPlay) {
  const session = DumpSession.open(SEED_LISTING);
  const planned = planOnRules(kind, session.services('', 10).services, ['192.168.0.11']);
  if (!planned.ok) throw new Error(planned.problem);
  const { script, model } = planned.plan;
  // The app's default: one random draw with seed 1, as `kpviz trace` takes it.
  const result = session.play({ script, model, choice: { kind: 'random', seed: 1 } });
  if (!result.ok) throw new Error(result.message);
  return { legs: result.legs, frames: framesOf(result.legs), rules: result.rules };
}

const address = (ip: string, port: number | undefined) =>
  port === undefined ? ip : `${ip}:${String(port)}`;

/** The inspector's value for a field: `after`, or `before → after` where the step changed it. */
function shown(frame: Frame, show: (p: PacketState) => string): string {
  const [before, after] = [show(frame.before), show(frame.after)];
  return before === after ? after : `${before} → ${after}`;
}

/** What the page shows at the step it is on: the inspector's fields and the rule lit on the graph. */
function onScreen(page: Page) {
  return page.evaluate(() => {
    const packet = document.querySelector('[aria-label="Packet"]');
    const field = (name: string) =>
      (packet?.querySelector<HTMLElement>(`[data-field="${name}"] dd`)?.innerText ?? '')
        .replace(/\s*\(changed by this step\)/, '')
        .replace(/\s+/g, ' ')
        .trim();
    const lines = [...document.querySelectorAll<HTMLElement>('.rule-line[data-rule]')];
    const lit = lines.filter((line) => getComputedStyle(line).fontWeight === '600');
    return {
      position: document.querySelector<HTMLElement>('.play-position')?.innerText ?? '',
      src: field('src'),
      dst: field('dst'),
      mark: field('mark'),
      ctState: field('ctState'),
      lit: lit.map((line) => line.dataset.rule ?? ''),
      rule: packet?.querySelector('code')?.textContent ?? null,
    };
  });
}

/** Every step of a seed scenario, checked against the simulator's frame. */
async function checkEveryStep(page: Page, kind: RulesPlay) {
  const { frames, rules } = expected(kind);
  await page.getByRole('button', { name: 'Restart' }).click();
  for (const [i, frame] of frames.entries()) {
    const step = frame.step;
    const key = step.kind === 'rule' ? `${step.table}/${step.chain}#${String(step.index)}` : null;
    await expect
      .poll(() => onScreen(page), { message: `step ${String(i + 1)}`, timeout: 10_000 })
      .toEqual({
        position: `Step ${String(i + 1)} of ${String(frames.length)}`,
        src: shown(frame, (p) => address(p.src, p.sport)),
        dst: shown(frame, (p) => address(p.dst, p.dport)),
        mark: shown(frame, (p) => `0x${p.mark.toString(16)}`),
        ctState: shown(frame, (p) => p.ctState ?? '—'),
        // A rule step lights its rule, and only it; events light none.
        lit: key === null ? [] : [key],
        rule: key === null ? null : (rules[key]?.text ?? '?'),
      });
    // Keys, as a workshop presenter drives it.
    if (i < frames.length - 1) await page.keyboard.press('ArrowRight');
  }
  return frames;
}

test.describe.configure({ timeout: 120_000 });

async function play(page: Page, scenario: string) {
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: scenario });
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
  await page.getByRole('button', { name: 'Play' }).click();
  // Played to the end, Play is offered again.
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible({ timeout: 30_000 });
  const text = await page.getByText(/^Step \d+ of \d+$/).innerText();
  const [, at, of] = /Step (\d+) of (\d+)/.exec(text) ?? [];
  expect(at).toBe(of);
}

test('plays the seed’s NodePort scenario step by step, the reply, and the next packet', async ({
  page,
}) => {
  await page.goto('./');
  await play(page, 'External client → NodePort');
  const frames = await checkEveryStep(page, 'nodeport-external');
  const packet = page.getByRole('region', { name: 'Packet' });
  const field = (name: string) => packet.locator(`[data-field="${name}"] dd`);

  // The way back: the client sees the NodePort answer, not the pod.
  const lastOfReply = frames.findLastIndex((f) => f.role === 'reply');
  await page
    .getByRole('navigation', { name: 'Steps' })
    .getByRole('button', { name: new RegExp(`^${String(lastOfReply + 1)}\\. `) })
    .click();
  await expect(field('src')).toHaveText(/(→ )?192\.168\.0\.11:32110/);
  await expect(field('dst')).toHaveText(/(→ )?203\.0\.113\.10:40000/);
  await expect(field('src')).not.toHaveText(/172\.17\.0\.\d+:80$/);

  // The next packet of the connection walks no nat chain.
  const again = frames.filter((f) => f.role === 'again');
  expect(again.some((f) => f.step.kind === 'rule' && f.step.table === 'nat')).toBe(false);
  expect(again.some((f) => f.step.kind === 'event' && f.step.event === 'nat-skipped')).toBe(true);
});

test('shows the seed’s random split as 1/3 each, and 1,000 packets spread about so', async ({
  page,
}) => {
  await page.goto('./#scenario=pod-to-clusterip&step=1');
  const split = page.getByRole('region', { name: 'Random split' });
  const rows = split.getByRole('table').getByRole('row');
  // The header and one row per endpoint, each getting exactly a third.
  await expect(rows).toHaveCount(4);
  for (const [i, pod] of ['172.17.0.2:80', '172.17.0.3:80', '172.17.0.4:80'].entries()) {
    const row = rows.nth(i + 1);
    await expect(row).toContainText(pod);
    await expect(row.getByRole('cell').nth(3)).toHaveText(/^1\/3 \(0\.3333/);
  }
  await expect(split).toContainText('So each of the 3 endpoints gets 1/3: the split is even.');

  await split.getByRole('button', { name: 'Send 1,000 packets' }).click();
  await expect(split.getByRole('columnheader', { name: 'Observed' })).toBeVisible();
  const observed = await Promise.all(
    [1, 2, 3].map(async (i) =>
      Number.parseInt(await rows.nth(i).getByRole('cell').nth(5).innerText(), 10),
    ),
  );
  expect(observed.reduce((a, b) => a + b, 0)).toBe(1000);
  // Binomial(1000, 1/3): 333 ± 15; five standard deviations either side.
  for (const count of observed) expect(Math.abs(count - 333)).toBeLessThan(75);

  // Picking the third pod plays that branch: the DNAT goes to 172.17.0.4.
  await split.getByRole('radio', { name: /Pick endpoint 3/ }).check();
  const dnat = page
    .getByRole('navigation', { name: 'Steps' })
    .getByRole('button', { name: /KUBE-SEP-74XRUOWV76LDS3ID #2$/ });
  await dnat.click();
  await expect(
    page.getByRole('region', { name: 'Packet' }).locator('[data-field="dst"] dd'),
  ).toContainText('→ 172.17.0.4:80');
});

test('plays the seed’s ClusterIP scenario from a process of the node', async ({ page }) => {
  await page.goto('./');
  await play(page, 'Node process → ClusterIP');
  const frames = await checkEveryStep(page, 'node-to-clusterip');
  expect(frames[0]?.step).toMatchObject({ kind: 'event', event: 'enter' });
  await page.keyboard.press('Home');
  await expect(
    page.getByRole('region', { name: 'Packet' }).locator('[data-field="inInterface"] dd'),
  ).toHaveText('—');
});

test('a link opens the scenario at its step', async ({ page }) => {
  await page.goto('./#scenario=nodeport-external&step=12');
  const { frames } = expected('nodeport-external');
  await expect(page.getByText(/^Step \d+ of \d+$/)).toHaveText(
    `Step 12 of ${String(frames.length)}`,
  );
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/#scenario=nodeport-external&step=13$/);
  await page.reload();
  await expect(page.getByText(/^Step \d+ of \d+$/)).toHaveText(
    `Step 13 of ${String(frames.length)}`,
  );
});
