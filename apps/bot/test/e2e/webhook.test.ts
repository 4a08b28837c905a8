import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAlertFixtures, recorder, startTestBot, withSecret } from '../botHarness.js';
import type { TestBot } from '../botHarness.js';
import { BOT_VERSION } from '../../src/version.js';

let bot: TestBot;
let secret: string;

beforeAll(async () => {
  bot = await startTestBot({ plugins: [recorder('recorder')] });
  secret = bot.running.secrets.webhookSecret;
});
afterAll(() => bot.remove());

const entry = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ secret, type: 'entry', symbol: 'XAUUSD', signal: 'buy', tf: '5m', price: 2650.1, ...extra });

describe('POST /webhook with every real-shaped alert', () => {
  for (const fixture of loadAlertFixtures()) {
    it(`${fixture.expect}: ${fixture.name}`, async () => {
      const { body, token } = withSecret(fixture.body, secret);
      const answer = await bot.post(body, { contentType: fixture.contentType, ...(token ? { token } : {}) });
      const id = answer.body.id as number;
      const row = bot.running.journal.get(id);
      expect(row).toBeDefined();
      expect(row?.raw).not.toContain(secret);
      if (fixture.expect === 'accepted') {
        expect(answer.status).toBe(200);
        expect(answer.body).toEqual({ id, status: 'accepted' });
        expect(row).toMatchObject({ status: 'accepted', kind: fixture.kind });
        await bot.dispatched(id);
        expect(bot.running.journal.get(id)?.outcomes).toEqual([
          expect.objectContaining({ plugin: 'recorder', status: 'ok', attempts: 1 }),
        ]);
      } else {
        expect(answer.status).toBe(400);
        const error = answer.body.error as { code: string; message: string };
        expect(error.code).toMatch(/^ZEPIX_ALERT_/);
        expect(error.message.length).toBeGreaterThan(15);
        expect(error.message).not.toContain(secret);
        expect(row).toMatchObject({
          status: 'rejected',
          httpStatus: 400,
          errorCode: error.code,
          dispatchState: 'none',
        });
      }
    });
  }

  it('explains unfilled Pine placeholders and how to fix them', async () => {
    const answer = await bot.post(`{"secret":"${secret}","type":"entry_v3","symbol":"{{ticker}}","price":{{close}}}`, {
      contentType: 'text/plain',
    });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toMatch(/\{\{ticker\}\}/);
    expect(JSON.stringify(answer.body)).toMatch(/alert\(\)/);
  });
});

describe('idempotency', () => {
  it('answers a resend with duplicate and dispatches it once', async () => {
    const body = entry({ id: 'XAUUSD-5-2026-11-24T10:00:00Z', price: 2651 });
    const first = await bot.post(body);
    const again = await bot.post(body);
    const textResend = await bot.post(body, { contentType: 'text/plain' });
    expect(first.body).toEqual({ id: first.body.id, status: 'accepted' });
    expect(again.body).toMatchObject({ id: first.body.id, status: 'duplicate' });
    expect(textResend.body).toMatchObject({ id: first.body.id, status: 'duplicate' });
    await bot.dispatched(first.body.id as number);
    await bot.settle();
    expect(bot.seen('recorder').filter((r) => r.journal_id === first.body.id)).toHaveLength(1);
    expect(bot.running.journal.get(first.body.id as number)?.repeatCount).toBe(2);
  });

  it('recognises a resend without an id by its content', async () => {
    const body = entry({ price: 2777.7 });
    const first = await bot.post(body);
    expect((await bot.post(body)).body).toMatchObject({ id: first.body.id, status: 'duplicate' });
    expect((await bot.post(entry({ price: 2777.8 }))).body.status).toBe('accepted');
  });
});

describe('refusals', () => {
  it('refuses a wrong or missing secret with 401, journals it, and never reaches a plugin', async () => {
    await bot.settle();
    const before = bot.seen('recorder').length;
    const wrong = await bot.post(entry({ secret: 'not-the-secret-at-all' }));
    const missing = await bot.post(JSON.stringify({ type: 'entry', symbol: 'XAUUSD', signal: 'buy', tf: '5m' }));
    const wrongUrl = await bot.post('BULLISH_ENTRY|XAUUSD|5|2030.50|BUY|HIGH|85|25.5|STRONG', {
      contentType: 'text/plain',
      token: 'nope',
    });
    for (const answer of [wrong, missing, wrongUrl]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ status: 'unauthorized', error: { code: 'ZEPIX_WEBHOOK_UNAUTHORIZED' } });
      expect(bot.running.journal.get(answer.body.id as number)).toMatchObject({
        status: 'unauthorized',
        dispatchState: 'none',
      });
    }
    expect(bot.running.journal.get(wrong.body.id as number)?.raw).not.toContain('not-the-secret-at-all');
    await bot.settle();
    expect(bot.seen('recorder')).toHaveLength(before);
  });

  it('refuses stale alerts and alerts from the future', async () => {
    const stale = await bot.post(entry({ timestamp: new Date(Date.now() - 3_600_000).toISOString(), price: 2601 }));
    expect(stale.status).toBe(422);
    expect(stale.body).toMatchObject({ status: 'rejected', error: { code: 'ZEPIX_ALERT_STALE' } });
    const fresh = await bot.post(entry({ timestamp: new Date().toISOString(), price: 2602 }));
    expect(fresh.body.status).toBe('accepted');
  });

  it('refuses an alert naming a plugin that is not loaded, listing the loaded ones', async () => {
    const answer = await bot.post(entry({ plugin: 'ghost', price: 2603 }));
    expect(answer.status).toBe(422);
    expect((answer.body.error as { message: string }).message).toContain('use one of: recorder');
  });

  it('refuses an oversized body with 413 and still journals it', async () => {
    const answer = await bot.post(entry({ note: 'x'.repeat(70_000) }));
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ status: 'rejected', error: { code: 'FST_ERR_CTP_BODY_TOO_LARGE' } });
    expect(bot.running.journal.get(answer.body.id as number)).toMatchObject({ status: 'rejected', httpStatus: 413 });
  });
});

describe('operator API and health', () => {
  it('serves /health without auth and /api only with the bearer token', async () => {
    const health = await fetch(`${bot.url}/health`).then((r) => r.json());
    expect(health).toMatchObject({ status: 'ok', version: BOT_VERSION, plugins: { loaded: 1, enabled: 1 } });
    const denied = await bot.api('/status', { token: null });
    expect(denied.status).toBe(401);
    expect(denied.body).toMatchObject({ error: { code: 'ZEPIX_API_UNAUTHORIZED' } });
    expect((await bot.api('/status', { token: 'wrong' })).status).toBe(401);
    const status = await bot.api('/status');
    expect(status.body).toMatchObject({ plugins: { loaded: 1 }, journal: { accepted: expect.any(Number) } });
  });

  it('lists and reads alerts with their per-plugin outcomes', async () => {
    const posted = await bot.post(entry({ price: 2600.5 }));
    await bot.dispatched(posted.body.id as number);
    const one = await bot.api(`/alerts/${String(posted.body.id)}`);
    expect(one.body).toMatchObject({
      id: posted.body.id,
      status: 'accepted',
      kind: 'entry',
      outcomes: [{ plugin: 'recorder', status: 'ok' }],
    });
    const rejected = await bot.api('/alerts?status=rejected&limit=2');
    expect((rejected.body.alerts as unknown[]).length).toBe(2);
    expect((rejected.body.alerts as { status: string }[]).every((a) => a.status === 'rejected')).toBe(true);
    expect((await bot.api('/alerts?limit=0')).status).toBe(400);
    expect((await bot.api('/alerts/999999')).status).toBe(404);
  });

  it('disables and enables a plugin; a disabled plugin is skipped', async () => {
    expect((await bot.api('/plugins/recorder/disable', { method: 'POST' })).body).toMatchObject({
      id: 'recorder',
      enabled: false,
    });
    const posted = await bot.post(entry({ price: 2590 }));
    await bot.dispatched(posted.body.id as number);
    expect(bot.running.journal.get(posted.body.id as number)?.outcomes[0]).toMatchObject({ status: 'skipped' });
    expect((await bot.api('/plugins/recorder/enable', { method: 'POST' })).body).toMatchObject({ enabled: true });
    expect((await bot.api('/plugins/ghost/enable', { method: 'POST' })).status).toBe(404);
    const plugins = await bot.api('/plugins');
    expect(plugins.body).toMatchObject({ plugins: [{ id: 'recorder', enabled: true }], report: { loaded: 1 } });
  });

  it('lets the operator lock a trend against alerts, and unlock it', async () => {
    const locked = await bot.api('/trends/lock', {
      method: 'POST',
      body: { symbol: 'USDJPY', timeframe: 60, trend: 'bear' },
    });
    expect(locked.body).toMatchObject({ symbol: 'USDJPY', timeframe: 60, trend: -1, locked: true, source: 'manual' });
    await bot.post(JSON.stringify({ secret, type: 'trend', symbol: 'USDJPY', signal: 'bull', tf: '1h' }));
    await bot.settle();
    expect((await bot.api('/trends?symbol=USDJPY')).body.trends).toEqual([
      expect.objectContaining({ trend: -1, locked: true }),
    ]);
    expect(
      (await bot.api('/trends/unlock', { method: 'POST', body: { symbol: 'USDJPY', timeframe: 60 } })).body,
    ).toEqual({ unlocked: true });
    await bot.post(JSON.stringify({ secret, type: 'trend', symbol: 'USDJPY', signal: 'bull', tf: '1h', price: 150 }));
    await bot.settle();
    expect((await bot.api('/trends?symbol=USDJPY')).body.trends).toEqual([
      expect.objectContaining({ trend: 1, locked: false }),
    ]);
    expect((await bot.api('/trends/lock', { method: 'POST', body: { symbol: 'USDJPY', trend: 'up' } })).status).toBe(
      400,
    );
  });

  it('keeps the trend store from trend, bias and pulse alerts', async () => {
    await bot.post(JSON.stringify({ secret, type: 'trend', symbol: 'GBPUSD', signal: 'bear', tf: '15m' }));
    await bot.post(JSON.stringify({ secret, type: 'bias', symbol: 'GBPUSD', signal: 'bull', tf: '1h' }));
    await bot.settle();
    const trends = await bot.api('/trends?symbol=GBPUSD');
    expect(trends.body.trends).toEqual([
      expect.objectContaining({ symbol: 'GBPUSD', timeframe: 15, trend: -1 }),
      expect.objectContaining({ symbol: 'GBPUSD', timeframe: 60, trend: 1 }),
    ]);
  });
});

describe('when the journal cannot store an alert', () => {
  it('answers 503 (so TradingView retries) and nothing reaches a plugin; the next alert is stored again', async () => {
    await bot.settle();
    const before = bot.seen('recorder').length;
    const db = new Database(join(bot.dataDir, 'zepix_journal.db'));
    db.exec("CREATE TRIGGER refuse_all BEFORE INSERT ON alerts BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const refused = await bot.post(entry({ price: 2222.2 }));
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ status: 'error', error: { code: 'ZEPIX_JOURNAL_WRITE_FAILED' } });
    db.exec('DROP TRIGGER refuse_all');
    db.close();
    const retried = await bot.post(entry({ price: 2222.2 }));
    expect(retried.body.status).toBe('accepted');
    await bot.settle();
    expect(bot.seen('recorder')).toHaveLength(before + 1);
  });
});

describe('sender allowlist', () => {
  it('refuses senders outside server.ip_allowlist with 403, and sees the real sender only through trust_proxy', async () => {
    const guarded = await startTestBot({
      plugins: [recorder('recorder')],
      config: { server: { ip_allowlist: 'tradingview', trust_proxy: '127.0.0.1' } },
    });
    try {
      const key = guarded.running.secrets.webhookSecret;
      const body = JSON.stringify({ secret: key, type: 'entry', symbol: 'XAUUSD', signal: 'buy', tf: '5m', price: 1 });
      const direct = await guarded.post(body);
      expect(direct.status).toBe(403);
      expect(direct.body).toMatchObject({
        status: 'unauthorized',
        error: { code: 'ZEPIX_WEBHOOK_SENDER_NOT_ALLOWED' },
      });
      expect((direct.body.error as { message: string }).message).toContain('trust_proxy');
      const viaProxy = await fetch(`${guarded.url}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '52.89.214.238' },
        body,
      });
      expect(viaProxy.status).toBe(200);
      expect(guarded.running.journal.get(((await viaProxy.json()) as { id: number }).id)?.sender).toBe('52.89.214.238');
    } finally {
      await guarded.remove();
    }
  });
});
