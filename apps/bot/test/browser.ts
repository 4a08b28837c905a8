import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); CI never downloads a browser. */
export const CHROMIUM = process.env.ZEPIX_CHROMIUM ?? '/usr/bin/chromium';

/** Where failure screenshots go (ignored by git; CI can keep them as artifacts). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../.artifacts/', import.meta.url));

export function launchChromium(): Promise<Browser> {
  // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true }).catch(() => undefined);
  return path;
}

/**
 * Runs `steps`; when they fail, saves a full-page screenshot named after the test and says where. With
 * ZEPIX_SCREENSHOTS=1 it saves one on success too, to look at the page by eye.
 */
export async function withScreenshotOnFailure(page: Page, name: string, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (error) {
    const path = await screenshot(page, `${name}-failed`);
    throw Object.assign(error as Error, { message: `${(error as Error).message}\nscreenshot: ${path}` });
  }
  if (process.env.ZEPIX_SCREENSHOTS === '1') await screenshot(page, name);
}
