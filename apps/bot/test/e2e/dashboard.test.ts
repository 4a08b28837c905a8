import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot } from '../botHarness.js';
import type { TestBot } from '../botHarness.js';
import { launchChromium, withScreenshotOnFailure } from '../browser.js';
import { BOT_DIR } from '../fixtureProject.js';
import { v3EntryFields } from '../v3Alert.js';

let bot: TestBot;
let browser: Browser;

beforeAll(async () => {
  bot = await startTestBot({ projectDir: BOT_DIR, config: { broker: { starting_balance: 100_000 } } });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await bot?.remove();
});

async function logIn(page: Page, token: string): Promise<void> {
  await page.goto(`${bot.url}/dashboard`);
  await page.fill('#token', token);
  await page.click('#login button[type=submit]');
}

const positionRows = (page: Page) => page.locator('#positions tbody tr[data-id]');

describe('the dashboard in headless Chromium', () => {
  it('refuses a wrong token and keeps the right one in the session, never in the URL', async () => {
    const page = await browser.newPage();
    await withScreenshotOnFailure(page, 'dashboard-login', async () => {
      await logIn(page, 'not-the-api-token');
      await expect.poll(() => page.textContent('#login-error')).toContain('not the API token');
      await logIn(page, bot.running.secrets.apiToken);
      await page.waitForSelector('#app:not([hidden])');
      expect(await page.isVisible('#login')).toBe(false);
      expect(page.url()).not.toContain(bot.running.secrets.apiToken);
      expect(await page.evaluate("sessionStorage.getItem('zepix.apiToken')")).toBe(bot.running.secrets.apiToken);
      await page.reload();
      await page.waitForSelector('#app:not([hidden])');
      await page.click('#logout');
      await page.waitForSelector('#login:not([hidden])');
      expect(await page.evaluate('sessionStorage.length')).toBe(0);
    });
    await page.close();
  });

  it('shows a position after a webhook alert, closes it with the button and shows it closed', async () => {
    const page = await browser.newPage();
    await withScreenshotOnFailure(page, 'dashboard-positions', async () => {
      await logIn(page, bot.running.secrets.apiToken);
      await page.waitForSelector('#app:not([hidden])');
      await expect.poll(() => page.textContent('#positions')).toContain('no open positions');

      const answer = await bot.post(
        JSON.stringify({ secret: bot.running.secrets.webhookSecret, ...v3EntryFields(2030) }),
      );
      expect(answer.body.status).toBe('accepted');
      await expect.poll(() => positionRows(page).count(), { timeout: 15_000 }).toBe(2);
      const first = positionRows(page).first();
      const id = await first.getAttribute('data-id');
      expect(await first.textContent()).toContain('combined-v3');
      expect(await page.textContent('#alerts')).toContain('combined-v3: ok');

      page.once('dialog', (dialog) => void dialog.accept());
      await first.getByRole('button', { name: 'Close' }).click();
      await expect.poll(() => positionRows(page).count(), { timeout: 15_000 }).toBe(1);
      await expect.poll(() => page.locator(`#closed tbody tr[data-id="${id}"]`).count()).toBe(1);
      expect(await page.locator(`#closed tbody tr[data-id="${id}"]`).textContent()).toContain(
        'closed from the dashboard',
      );
      const trade = (await bot.api('/trades?state=closed')).body.trades as { id: string }[];
      expect(trade.map((t) => t.id)).toContain(id);
    });
    await page.close();
  });

  it('enables a plugin after confirming, and searches the alerts', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await withScreenshotOnFailure(page, 'dashboard-phone', async () => {
      await logIn(page, bot.running.secrets.apiToken);
      const template = page.locator('#plugins tbody tr', { hasText: 'template' });
      await expect.poll(() => template.textContent()).toContain('disabled');
      page.once('dialog', (dialog) => void dialog.dismiss());
      await template.getByRole('button', { name: 'Enable' }).click();
      expect((await bot.running.engine.calls.plugins()).find((p) => p.id === 'template')?.enabled).toBe(false);
      page.once('dialog', (dialog) => void dialog.accept());
      await template.getByRole('button', { name: 'Enable' }).click();
      await expect.poll(() => template.textContent()).toContain('enabled');
      expect((await bot.running.engine.calls.plugins()).find((p) => p.id === 'template')?.enabled).toBe(true);

      const rejected = await bot.post(JSON.stringify({ secret: bot.running.secrets.webhookSecret, symbol: 'EURUSD' }));
      expect(rejected.status).toBe(400);
      await page.fill('#search', 'EURUSD');
      await expect.poll(() => page.locator('#alerts tbody tr[data-id]').count()).toBe(1);
      expect(await page.textContent('#alerts tbody')).toContain(String(rejected.body.id));
      await page.fill('#search', 'no-such-alert-anywhere');
      await expect.poll(() => page.textContent('#alerts tbody')).toContain('no alerts match');
    });
    await page.close();
  });

  it('loads in at most 300 KB transferred', async () => {
    const page = await browser.newPage();
    await page.goto(`${bot.url}/dashboard`);
    await page.waitForLoadState('load');
    // The bot's tsconfig has no DOM types: the page-side code is a string.
    const bytes = await page.evaluate<number>(
      "performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).reduce((sum, e) => sum + e.transferSize, 0)",
    );
    expect(bytes).toBeGreaterThan(10_000);
    expect(bytes).toBeLessThanOrEqual(300_000);
    await page.close();
  });
});
