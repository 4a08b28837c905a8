import { Journal } from '@zepix/journal';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recorder, startTestBot } from '../botHarness.js';
import type { TestBot } from '../botHarness.js';

const bots: TestBot[] = [];
async function start(...args: Parameters<typeof startTestBot>): Promise<TestBot> {
  const bot = await startTestBot(...args);
  bots.push(bot);
  return bot;
}
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.remove();
});

const alert = (secret: string, fields: Record<string, unknown>) =>
  JSON.stringify({ secret, type: 'entry', symbol: 'XAUUSD', signal: 'buy', tf: '5m', price: 2650, ...fields });

describe('routing', () => {
  it('follows the rules, sends one alert to several plugins, and gives the rest to the fallback', async () => {
    const bot = await start({
      plugins: [recorder('v3-logic'), recorder('trend-logic'), recorder('catch-all')],
      config: {
        routing: {
          rules: [
            { plugins: ['v3-logic'], family: 'v3' },
            { plugins: ['trend-logic'], family: 'legacy', timeframe: [5, 15] },
            { plugins: ['v3-logic', 'trend-logic'], symbol: 'EURUSD' },
          ],
        },
        plugin_system: { fallback_plugin: 'catch-all' },
      },
    });
    const secret = bot.running.secrets.webhookSecret;
    await bot.post(alert(secret, { tf: '5m', price: 2651 }));
    await bot.post(alert(secret, { symbol: 'EURUSD', tf: '1h', price: 1.08 }));
    await bot.post(alert(secret, { tf: '1d', price: 2652 }));
    await bot.post(alert(secret, { plugin: 'catch-all', price: 2653 }));
    await bot.settle();
    expect(bot.seen('trend-logic').map((r) => r.symbol)).toEqual(['XAUUSD', 'EURUSD']);
    expect(bot.seen('v3-logic').map((r) => r.symbol)).toEqual(['EURUSD']);
    expect(bot.seen('catch-all')).toHaveLength(2);
  });

  it('hands an alert a plugin failed on to the fallback, and records both outcomes', async () => {
    const bot = await start({
      plugins: [recorder('fragile'), recorder('catch-all')],
      config: {
        routing: { rules: [{ plugins: ['fragile'], symbol: 'XAUUSD' }] },
        plugin_system: { fallback_plugin: 'catch-all' },
        plugins: { fragile: { fail: true } },
      },
    });
    const posted = await bot.post(alert(bot.running.secrets.webhookSecret, {}));
    await bot.dispatched(posted.body.id as number);
    const outcomes = bot.running.journal.get(posted.body.id as number)?.outcomes;
    expect(outcomes).toEqual([
      expect.objectContaining({ plugin: 'catch-all', status: 'ok', data: { fallbackFor: 'fragile' } }),
      expect.objectContaining({
        plugin: 'fragile',
        status: 'failed',
        message: expect.stringContaining('strategy exploded'),
      }),
    ]);
  });

  it('keeps the order per plugin and symbol even when calls are slow', async () => {
    const bot = await start({ plugins: [recorder('slow')], config: { plugins: { slow: { delay_ms: 20 } } } });
    const secret = bot.running.secrets.webhookSecret;
    const ids: number[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await bot.post(alert(secret, { price: 2650 + i }))).body.id as number);
    await bot.settle();
    expect(bot.seen('slow').map((r) => r.journal_id)).toEqual(ids);
  });
});

describe('containment', () => {
  it('opens the circuit breaker after N failures, persists it across a restart, and re-enables through the API', async () => {
    const bot = await start({
      plugins: [recorder('fragile'), recorder('steady')],
      config: { plugin_system: { max_consecutive_failures: 2 }, plugins: { fragile: { fail_symbols: ['XAUUSD'] } } },
    });
    const secret = bot.running.secrets.webhookSecret;
    for (let i = 0; i < 3; i += 1) await bot.post(alert(secret, { price: 2700 + i }));
    await bot.settle();
    expect(bot.seen('fragile')).toHaveLength(2);
    expect(bot.seen('steady')).toHaveLength(3);
    expect((await bot.api('/plugins')).body.plugins).toEqual([
      expect.objectContaining({
        id: 'fragile',
        enabled: false,
        counters: expect.objectContaining({ consecutiveFailures: 2 }),
      }),
      expect.objectContaining({ id: 'steady', enabled: true }),
    ]);
    bots.pop();
    const again = await bot.restart();
    bots.push(again);
    expect((await again.api('/plugins')).body.plugins).toContainEqual(
      expect.objectContaining({ id: 'fragile', enabled: false }),
    );
    await again.api('/plugins/fragile/enable', { method: 'POST' });
    await again.post(alert(secret, { symbol: 'EURUSD', price: 1.1 }));
    await again.settle();
    expect(again.seen('fragile').at(-1)).toMatchObject({ symbol: 'EURUSD' });
  });

  it('rate-limits senders that keep failing authentication, without touching good senders', async () => {
    const bot = await start({
      plugins: [recorder('recorder')],
      config: { server: { auth_failure_limit_per_minute: 3 } },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await bot.post(alert('wrong-secret-value', { price: i }))).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const limited = await bot.post(alert('wrong-secret-value', {}));
    expect(limited.body).toMatchObject({ error: { code: 'ZEPIX_WEBHOOK_RATE_LIMITED' } });
    expect((await bot.post(alert(bot.running.secrets.webhookSecret, { price: 2659 }))).status).toBe(200);
  });
});

describe('start-up recovery', () => {
  it('dispatches alerts that were journaled but never dispatched, before any newer alert', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zepix-recovery-'));
    // What a crash right after the journal write leaves behind: accepted rows, no outcomes.
    const journal = Journal.open({ path: join(dataDir, 'zepix_journal.db') });
    const stored = await Promise.all(
      [1, 2, 3].map((i) =>
        journal.appendAccepted({
          receivedAt: new Date().toISOString(),
          sender: '127.0.0.1',
          contentType: 'application/json',
          raw: '{}',
          idempotencyKey: `id:crash-${i}`,
          dedupWindowMs: 60_000,
          alert: {
            family: 'legacy',
            kind: 'entry',
            symbol: 'XAUUSD',
            rawSymbol: 'XAUUSD',
            timeframe: 5,
            direction: 'buy',
            price: 2650 + i,
            levels: {},
            raw: {},
          },
          family: 'legacy',
          kind: 'entry',
          symbol: 'XAUUSD',
        }),
      ),
    );
    journal.recordOutcome({
      alertId: stored[0]!.id,
      plugin: 'recorder',
      status: 'ok',
      message: 'done before the crash',
      durationMs: 1,
    });
    await journal.close();
    const bot = await start({ plugins: [recorder('recorder')], dataDir });
    expect(bot.running.recovered).toBe(3);
    const newer = await bot.post(alert(bot.running.secrets.webhookSecret, { price: 2700 }));
    await bot.settle();
    expect(bot.seen('recorder').map((r) => r.journal_id)).toEqual([stored[1]!.id, stored[2]!.id, newer.body.id]);
    expect(bot.running.journal.counts().pendingDispatch).toBe(0);
  });
});
