import { test as base, expect } from '@playwright/test';

interface Guards {
  /** Requests the page made to any origin but the app's own. */
  foreignRequests: string[];
  /** Console errors and uncaught exceptions. */
  consoleErrors: string[];
}

/**
 * The app promises to work offline and to send nothing anywhere: every test
 * fails if the page asks any origin but its own, or logs an error. Both guards
 * are automatic; a test names them only to look inside.
 *
 * @example
 *   import { test, expect } from './fixtures.ts';
 *   test('opens', async ({ page }) => { await page.goto('./'); });
 */
export const test = base.extend<Guards>({
  foreignRequests: [
    async ({ page, baseURL }, use) => {
      const own = new URL(baseURL ?? 'http://localhost/').origin;
      // data: and blob: URLs never leave the page.
      const isForeign = (url: URL) =>
        url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== own;
      const foreign: string[] = [];
      page.on('request', (request) => {
        if (isForeign(new URL(request.url()))) foreign.push(`${request.method()} ${request.url()}`);
      });
      page.on('websocket', (socket) => {
        if (isForeign(new URL(socket.url()))) foreign.push(`WebSocket ${socket.url()}`);
      });
      // Recorded above; aborted here so a slip never reaches the network.
      await page.route(isForeign, (route) => route.abort('blockedbyclient'));
      await use(foreign);
      expect(foreign, 'requests to origins other than the app').toEqual([]);
    },
    { auto: true },
  ],

  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
