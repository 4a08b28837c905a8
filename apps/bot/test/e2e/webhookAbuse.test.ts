import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recorder, startTestBot } from '../botHarness.js';
import type { TestBot } from '../botHarness.js';
import { abortMidBody, exchange, postHead } from '../rawHttp.js';

let bot: TestBot;
let secret: string;

beforeAll(async () => {
  bot = await startTestBot({ plugins: [recorder('recorder')] });
  secret = bot.running.secrets.webhookSecret;
});
afterAll(() => bot.remove());

const entry = (extra: Record<string, unknown>) =>
  JSON.stringify({ secret, type: 'entry', symbol: 'XAUUSD', signal: 'buy', tf: '5m', price: 2650.1, ...extra });

/** Polls until `check` passes (rows journaled by an error path land a turn or two after the socket closed). */
async function eventually(check: () => void): Promise<void> {
  for (let i = 0; ; i += 1) {
    try {
      check();
      return;
    } catch (error) {
      if (i > 300) throw error;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

const rowsWith = (code: string) => bot.running.journal.list({ limit: 500 }).filter((r) => r.errorCode === code);

describe('clients that abort mid-body', () => {
  it('never fail a genuine alert in the same group commit, and are journaled as aborted with their address', async () => {
    const abortedBefore = bot.running.journal.counts().aborted;
    const rounds = 5;
    const perRound = 20;
    const answers = [];
    for (let round = 0; round < rounds; round += 1) {
      const genuine = Array.from({ length: perRound }, (_, i) => bot.post(entry({ id: `poison-${round}-${i}` })));
      const aborts = Array.from({ length: perRound }, () => abortMidBody(bot.url));
      const [sent] = await Promise.all([Promise.all(genuine), Promise.all(aborts)]);
      answers.push(...sent);
    }
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    for (const answer of answers) {
      expect(bot.running.journal.get(answer.body.id as number)?.status).toBe('accepted');
    }
    await eventually(() => expect(bot.running.journal.counts().aborted - abortedBefore).toBe(rounds * perRound));
    const aborted = bot.running.journal.list({ status: 'aborted', limit: 500 });
    // 'unknown' only when the client reset before Node accepted the connection: no address exists to capture.
    const senders = new Set(aborted.map((r) => r.sender));
    expect(senders.has('127.0.0.1')).toBe(true);
    expect([...senders].filter((s) => s !== '127.0.0.1' && s !== 'unknown')).toEqual([]);
    expect(aborted[0]).toMatchObject({ errorCode: 'ZEPIX_WEBHOOK_ABORTED', raw: '(body not read)' });
    expect((await fetch(`${bot.url}/health`)).status).toBe(200);
  });
});

describe('deep nesting', () => {
  it('answers 400 naming the limit, journals it as rejected, and a resend gets the same answer', async () => {
    const body = entry({ extra: 'DEEP' }).replace('"DEEP"', `${'['.repeat(5000)}${']'.repeat(5000)}`);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const answer = await bot.post(body);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ status: 'rejected', error: { code: 'ZEPIX_ALERT_TOO_DEEP' } });
      expect((answer.body.error as { message: string }).message).toContain('64 levels');
      expect(bot.running.journal.get(answer.body.id as number)).toMatchObject({ status: 'rejected' });
    }
  });
});

describe('secrets formatted wrongly by the sender', () => {
  it('are masked before storing: neither /api/alerts nor the journal file holds the secret', async () => {
    const bodies = [
      `{"secret":"${secret}","type":"entry",,"secret":"${secret}"}`,
      `{"secret":"${secret}`,
      `{"Secret":"${secret}","type":"entry","symbol":"XAUUSD","signal":"buy","tf":"5m","price":1}`,
      `{"secret":"${secret}","type":"entry","meta":{"auth":{"secret":"${secret}"}}}`,
      `{"secret":"${secret}","type":"entry","__proto__":{"secret":"${secret}"}}`,
      `[{"secret":"${secret}","type":"entry"}]`,
      `BULLISH_ENTRY|XAUUSD|5|2030.50|BUY|HIGH|85|25.5|STRONG|2028.00|2032.00|2035.00|2038.00|5/1|TL_OK|${secret}`,
      `{"secret":"${secret}","type":"entry","symbol":"XAUUSD","signal":"buy","tf":"5m","price":3,"strategy":"x${secret}"}`,
    ];
    for (const body of bodies) {
      const answer = await bot.post(body, { contentType: 'text/plain' });
      expect(answer.status).toBeLessThan(500);
      expect(JSON.stringify(answer.body)).not.toContain(secret);
    }
    const listed = await bot.api('/alerts?limit=500');
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    await bot.settle();
    for (const name of readdirSync(bot.dataDir).filter((n) => n.startsWith('zepix_journal.db'))) {
      expect(readFileSync(join(bot.dataDir, name)).includes(secret), name).toBe(false);
    }
  });
});

describe('malformed framing', () => {
  it('answers a bad chunk size with 400 and journals it', async () => {
    const before = rowsWith('ZEPIX_HTTP_MALFORMED').length;
    const answer = await exchange(bot.url, `${postHead('/webhook', ['Transfer-Encoding: chunked'])}ZZZ\r\n{}\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toContain('ZEPIX_HTTP_MALFORMED');
    await eventually(() => expect(rowsWith('ZEPIX_HTTP_MALFORMED').length).toBe(before + 1));
    expect(rowsWith('ZEPIX_HTTP_MALFORMED')[0]).toMatchObject({ status: 'rejected', sender: '127.0.0.1' });
  });

  it('journals a body shorter than its Content-Length, or chunks without a terminator, once the sender hangs up', async () => {
    const before = rowsWith('ZEPIX_WEBHOOK_ABORTED').length;
    await exchange(bot.url, `${postHead('/webhook', ['Content-Length: 500'])}{"type":"entry"}`, { end: true });
    await exchange(bot.url, `${postHead('/webhook', ['Transfer-Encoding: chunked'])}5\r\n{"a":\r\n`, { end: true });
    await eventually(() => expect(rowsWith('ZEPIX_WEBHOOK_ABORTED').length).toBe(before + 2));
  });
});

describe('the journal locked by another connection', () => {
  it('answers webhooks 503 and /health degraded with the reason, and recovers when released', async () => {
    const holder = new Database(join(bot.dataDir, 'zepix_journal.db'));
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const refused = await bot.post(entry({ id: 'while-locked' }));
      expect(refused.status).toBe(503);
      expect(refused.body).toMatchObject({ error: { code: 'ZEPIX_JOURNAL_WRITE_FAILED' } });
      const health = await fetch(`${bot.url}/health`);
      expect(health.status).toBe(503);
      const body = (await health.json()) as { status: string; reasons: string[] };
      expect(body.status).toBe('degraded');
      expect(body.reasons[0]).toContain('database is locked');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(await fetch(`${bot.url}/health`).then((r) => r.json())).toMatchObject({ status: 'ok' });
    expect((await bot.post(entry({ id: 'while-locked' }))).body).toMatchObject({ status: 'accepted' });
  });
});
