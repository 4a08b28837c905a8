import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paperQuote, recorder, startTestBot } from '../botHarness.js';
import type { TestBot } from '../botHarness.js';
import { exchange, postHead } from '../rawHttp.js';

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({
    plugins: [recorder('recorder')],
    config: { server: { auth_failure_limit_per_minute: 4 } },
  });
});
afterAll(() => bot.remove());

describe('query strings and path parameters', () => {
  const bad = [
    '/chains?symbol=a&symbol=b',
    '/analytics?plugin=a&plugin=b',
    '/trends?symbol=a&symbol=b',
    '/trades?state=open&state=closed',
    '/trades?state=sideways',
    '/alerts?limit=1&limit=2',
    '/alerts?status=maybe',
    '/alerts/abc',
    '/alerts/0',
  ];
  for (const path of bad) {
    it(`answers ${path} with 400 and what to fix`, async () => {
      const answer = await bot.api(path);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: 'ZEPIX_API_BAD_REQUEST' } });
      expect((answer.body.error as { message: string }).message).toMatch(/querystring|params/);
    });
  }

  it('still serves the same routes with well-formed queries', async () => {
    for (const path of [
      '/chains?symbol=XAUUSD',
      '/analytics?plugin=recorder',
      '/trends?symbol=XAUUSD',
      '/alerts?limit=2',
    ]) {
      expect((await bot.api(path)).status, path).toBe(200);
    }
  });
});

describe('wrong-secret rate limit', () => {
  it('counts per sender across /webhook and /webhook/:token', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push((await bot.post('{"secret":"wrong-secret-123","type":"entry"}')).status);
      statuses.push((await bot.post('{"type":"entry"}', { token: 'wrong-token-123' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const key = bot.running.secrets.webhookSecret;
    const genuine = JSON.stringify({ secret: key, type: 'entry', symbol: 'XAUUSD', signal: 'buy', tf: '5m', price: 9 });
    expect((await bot.post(genuine)).status).toBe(200);
  });
});

describe('sender allowlist', () => {
  it('refuses an outsider before its body is read: 403 arrives though the body was never sent', async () => {
    const guarded = await startTestBot({
      plugins: [recorder('recorder')],
      config: { server: { ip_allowlist: ['10.1.2.3'] } },
    });
    try {
      const answer = await exchange(guarded.url, postHead('/webhook', ['Content-Length: 5000']));
      expect(answer).toMatch(/^HTTP\/1\.1 403/);
      expect(answer).toContain('ZEPIX_WEBHOOK_SENDER_NOT_ALLOWED');
      const [row] = guarded.running.journal.list({ status: 'unauthorized' });
      expect(row).toMatchObject({ sender: '127.0.0.1', raw: '(body not read)', httpStatus: 403 });
      expect(guarded.running.journal.counts()).toMatchObject({ total: 1, aborted: 0 });
    } finally {
      await guarded.remove();
    }
  });
});

describe('implausible prices', () => {
  const alert = (price: number | string) =>
    `{"secret":"${bot.running.secrets.webhookSecret}","type":"entry","symbol":"EURUSD","signal":"buy","tf":"5m","price":${price}}`;

  it('answers 422 for alerts and POST /api/prices, and leaves the paper market alone', async () => {
    expect((await bot.post(alert(1.0845))).status).toBe(200);
    await bot.settle();
    const before = paperQuote(bot.dataDir, 'EURUSD');
    expect(before).toBeDefined();
    for (const price of ['9007199254740993', '1e308', '5e-324', '2.5']) {
      const answer = await bot.post(alert(price));
      expect(answer.status, price).toBe(422);
      expect(answer.body).toMatchObject({ status: 'rejected', error: { code: 'ZEPIX_ALERT_PRICE_IMPLAUSIBLE' } });
      const api = await bot.api('/prices', { method: 'POST', body: { symbol: 'EURUSD', price: Number(price) } });
      expect(api.status, price).toBe(422);
      expect(api.body).toMatchObject({ error: { code: 'ZEPIX_API_PRICE_REFUSED' } });
    }
    await bot.settle();
    expect(paperQuote(bot.dataDir, 'EURUSD')).toEqual(before);
    expect((await bot.api('/prices', { method: 'POST', body: { symbol: 'EURUSD', price: 1.09 } })).status).toBe(200);
  });
});

describe('GET /api/risk', () => {
  it('shows the broker’s balance, read live', async () => {
    // The engine thread owns the broker; its database is the broker's own record of the balance.
    const db = new Database(join(bot.dataDir, 'zepix_paper.db'), { readonly: true });
    const { balance } = db.prepare('SELECT balance FROM account WHERE id = 1').get() as { balance: number };
    db.close();
    const risk = await bot.api('/risk');
    expect(risk.body).toMatchObject({ balance, balanceSource: 'broker' });
  });
});
