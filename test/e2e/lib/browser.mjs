// Debian Chromium driven by playwright-core, headless, with a fresh profile in the scratch dir.
import { chromium } from 'playwright-core';
import { join } from 'node:path';
import { CHROMIUM, isolatedEnv } from './paths.mjs';

export async function launchBrowser(scratch, { width = 1400, height = 900 } = {}) {
  const context = await chromium.launchPersistentContext(join(scratch, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    env: isolatedEnv(scratch),
    viewport: { width, height },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  return context;
}
