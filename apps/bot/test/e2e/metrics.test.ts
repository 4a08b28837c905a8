import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot } from '../botHarness.js';
import type { TestBot } from '../botHarness.js';
import { BOT_DIR } from '../fixtureProject.js';
import { v3EntryFields } from '../v3Alert.js';

const bots: TestBot[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.remove();
});

const SCRAPER_TOKEN = 'scraper-token-0123456789';

async function scrape(bot: TestBot, token: string | null): Promise<{ status: number; text: string; type: string }> {
  const response = await fetch(`${bot.url}/metrics`, {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') ?? '' };
}

/** The value of one sample line, e.g. `zepix_orders_total{plugin="combined-v3",outcome="placed",reason=""}`. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.slice(0, l.indexOf('}')).includes(w)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('GET /metrics', () => {
  it('answers 401 without a token, and Prometheus text with the API token or the scraper token', async () => {
    const bot = await startTestBot({ projectDir: BOT_DIR, env: { ZEPIX_METRICS_TOKEN: SCRAPER_TOKEN } });
    bots.push(bot);
    const refused = await scrape(bot, null);
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.text)).toMatchObject({ error: { code: 'ZEPIX_METRICS_UNAUTHORIZED' } });
    expect((await scrape(bot, 'wrong-token-wrong-token')).status).toBe(401);
    const byScraper = await scrape(bot, SCRAPER_TOKEN);
    expect(byScraper.status).toBe(200);
    expect(byScraper.type).toContain('text/plain');
    expect(byScraper.text).toContain('zepix_nodejs_eventloop_lag_seconds');
    expect((await scrape(bot, bot.running.secrets.apiToken)).status).toBe(200);
  });

  it('takes the scraper token from server.metrics_token, and ZEPIX_METRICS_TOKEN over it', async () => {
    const fromConfig = await startTestBot({
      projectDir: BOT_DIR,
      config: { server: { metrics_token: SCRAPER_TOKEN } },
    });
    bots.push(fromConfig);
    expect((await scrape(fromConfig, SCRAPER_TOKEN)).status).toBe(200);
    expect((await scrape(fromConfig, null)).status).toBe(401);
    // A scrape token opens /metrics only.
    const api = await fetch(`${fromConfig.url}/api/status`, { headers: { authorization: `Bearer ${SCRAPER_TOKEN}` } });
    expect(api.status).toBe(401);

    const overridden = await startTestBot({
      projectDir: BOT_DIR,
      config: { server: { metrics_token: SCRAPER_TOKEN } },
      env: { ZEPIX_METRICS_TOKEN: 'environment-token-0123456789' },
    });
    bots.push(overridden);
    expect((await scrape(overridden, 'environment-token-0123456789')).status).toBe(200);
    expect((await scrape(overridden, SCRAPER_TOKEN)).status).toBe(401);
  });

  it('refuses a short server.metrics_token and still refuses other token keys in the config', async () => {
    await expect(startTestBot({ projectDir: BOT_DIR, config: { server: { metrics_token: 'short' } } })).rejects.toThrow(
      /server\.metrics_token.*at least 12 characters/s,
    );
    await expect(
      startTestBot({ projectDir: BOT_DIR, config: { server: { api_token: SCRAPER_TOKEN } } }),
    ).rejects.toThrow('server.api_token: secrets do not belong in the config file');
  });

  it('counts alerts by family and outcome, ack and journal latency, dispatch, orders, positions and risk', async () => {
    const bot = await startTestBot({ projectDir: BOT_DIR, config: { broker: { starting_balance: 100_000 } } });
    bots.push(bot);
    const entry = { secret: bot.running.secrets.webhookSecret, ...v3EntryFields(2030, { tp1_price: 2032 }) };
    const accepted = await bot.post(JSON.stringify(entry));
    expect(accepted.body.status).toBe('accepted');
    await bot.dispatched(accepted.body.id as number);
    expect((await bot.post('{"symbol":"XAUUSD"}', { token: 'not-the-secret' })).status).toBe(401);

    const { text } = await scrape(bot, bot.running.secrets.apiToken);
    expect(sample(text, 'zepix_alerts_received_total', { family: 'v3', outcome: 'accepted' })).toBe(1);
    expect(
      sample(text, 'zepix_alerts_received_total', { outcome: 'unauthorized', code: 'ZEPIX_WEBHOOK_UNAUTHORIZED' }),
    ).toBe(1);
    expect(sample(text, 'zepix_webhook_ack_seconds_count', { outcome: '200' })).toBe(1);
    expect(sample(text, 'zepix_journal_write_seconds_count', { kind: 'accepted' })).toBe(1);
    expect(sample(text, 'zepix_dispatch_seconds_count', { plugin: 'combined-v3', status: 'ok' })).toBe(1);
    expect(sample(text, 'zepix_orders_total', { plugin: 'combined-v3', outcome: 'placed' })).toBe(1);
    expect(sample(text, 'zepix_broker_request_seconds_count', { operation: 'placeMarketOrder', outcome: 'ok' })).toBe(
      2,
    );
    expect(sample(text, 'zepix_open_positions', { plugin: 'combined-v3', symbol: 'XAUUSD' })).toBe(2);
    expect(sample(text, 'zepix_unrealized_pnl', { plugin: 'combined-v3', symbol: 'XAUUSD' })).toBeLessThan(0);
    expect(sample(text, 'zepix_risk_limit', { cap: 'daily_loss' })).toBeGreaterThan(0);
    expect(sample(text, 'zepix_risk_used', { cap: 'daily_loss' })).toBeGreaterThan(0);
    expect(sample(text, 'zepix_risk_used', { cap: 'orders_per_minute' })).toBe(2);
    expect(sample(text, 'zepix_risk_limit', { cap: 'orders_per_minute' })).toBe(10);
  });

  it('is off with ZEPIX_METRICS=off: no route, nothing recorded', async () => {
    const bot = await startTestBot({ projectDir: BOT_DIR, env: { ZEPIX_METRICS: 'off' } });
    bots.push(bot);
    expect((await scrape(bot, bot.running.secrets.apiToken)).status).toBe(404);
    expect(bot.running.metrics).toBeUndefined();
  });
});
