// Which Chromium Playwright launches: a distribution Chromium (Debian/Ubuntu
// `apt-get install chromium`) when there is one, which saves Playwright's own
// browser download; it runs as root in containers, hence no sandbox. Elsewhere
// Playwright's own browser (`npx playwright install chromium`).
import type { LaunchOptions } from '@playwright/test';
import { existsSync } from 'node:fs';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export const launchOptions: LaunchOptions = existsSync(SYSTEM_CHROMIUM)
  ? {
      executablePath: SYSTEM_CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        // Chromium's own background traffic would be refused (and noted) on
        // machines with no outside network; the app itself makes none.
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    }
  : {};
