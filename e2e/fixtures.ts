import { test as base, expect } from '@playwright/test';

interface Options {
  /** Origins besides the app's that a test's pages may ask (a host page embedding the player). */
  otherOrigins: string[];
}

interface Guards {
  /** Requests the page made to any origin but the app's own. */
  foreignRequests: string[];
  /** Console errors and uncaught exceptions. */
  consoleErrors: string[];
}

/**
 * The app promises to work offline and to send nothing anywhere: every test
 * fails if the page (or a frame in it) asks any origin but its own (and `otherOrigins`), or
 * logs an error. Both guards
 * are automatic; a test names them only to look inside.
 *
 * @example
 *   import { test, expect } from './fixtures.ts';
 *   test('opens', async ({ page }) => { await page.goto('./'); });
 */
export const test = base.extend<Guards & Options>({
  otherOrigins: [[], { option: true }],

  foreignRequests: [
    async ({ page, baseURL, otherOrigins }, use) => {
      const own = new Set([new URL(baseURL ?? 'http://localhost/').origin, ...otherOrigins]);
      // data: and blob: URLs never leave the page.
      const isForeign = (url: URL) =>
        url.protocol !== 'data:' && url.protocol !== 'blob:' && !own.has(url.origin);
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
