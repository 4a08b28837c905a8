import { afterEach, describe, expect, it } from 'vitest';
import { TelegramError } from './errors.js';
import { TelegramRuntime } from './TelegramRuntime.js';
import type { Harness } from './testSupport.js';
import { OWNER, startHarness, testLogger, testSettings, TOKEN } from './testSupport.js';
import { startFakeTelegram } from './testing/FakeTelegram.js';
import { MemoryOutbox } from './testing/MemoryOutbox.js';
import { StubOperator } from './testing/StubOperator.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const NOTIFY = -100_100;
const ANALYTICS = -100_200;
const chats = { chat_ids: { controller: OWNER, notification: NOTIFY, analytics: ANALYTICS } };

async function exerciseRoles(harness: Harness): Promise<void> {
  harness.outbox.add({ kind: 'entry', text: 'entry row' });
  harness.outbox.add({ plugin: 'system', kind: 'daily_summary', text: 'summary row' });
  expect(await harness.runtime.flushOutbox()).toBe(2);
  expect((await harness.ask('/status')).text).toContain('Zepix');
}

describe('bot tokens', () => {
  it('one token serves all three roles with one bot', async () => {
    h = await startHarness({ config: chats });
    await exerciseRoles(h);
    expect(h.fake.calls('getMe').map((call) => call.token)).toEqual([TOKEN]);
    expect(new Set(h.fake.messages().map((m) => m.token))).toEqual(new Set([TOKEN]));
    expect(h.fake.messages(NOTIFY).map((m) => m.text)).toEqual(['entry row']);
    expect(h.fake.messages(ANALYTICS).map((m) => m.text)).toEqual(['summary row']);
  });

  it('separate tokens: the controller polls, each role sends with its own bot', async () => {
    const env = {
      ZEPIX_TELEGRAM_TOKEN: '',
      ZEPIX_TELEGRAM_CONTROLLER_TOKEN: '201:CONTROLLER',
      ZEPIX_TELEGRAM_NOTIFICATION_TOKEN: '202:NOTIFICATION',
      ZEPIX_TELEGRAM_ANALYTICS_TOKEN: '203:ANALYTICS',
    };
    h = await startHarness({ config: chats, env });
    await exerciseRoles(h);
    expect(new Set(h.fake.calls('getMe').map((call) => call.token))).toEqual(
      new Set(['201:CONTROLLER', '202:NOTIFICATION', '203:ANALYTICS']),
    );
    expect(new Set(h.fake.calls('getUpdates').map((call) => call.token))).toEqual(new Set(['201:CONTROLLER']));
    expect(h.fake.calls('setMyCommands').map((call) => call.token)).toEqual(['201:CONTROLLER']);
    expect(h.fake.messages(NOTIFY).map((m) => m.token)).toEqual(['202:NOTIFICATION']);
    expect(h.fake.messages(ANALYTICS).map((m) => m.token)).toEqual(['203:ANALYTICS']);
    expect(h.fake.messages(OWNER).map((m) => m.token)).toEqual(['201:CONTROLLER']);
  });

  it('refuses to start with a token Telegram rejects, and says which one', async () => {
    const fake = await startFakeTelegram({ limits: false, rejectTokens: [TOKEN] });
    const start = TelegramRuntime.start({
      settings: testSettings(fake.apiRoot),
      operator: new StubOperator(),
      outbox: new MemoryOutbox(),
      auditPath: ':memory:',
      logger: testLogger,
    });
    await expect(start).rejects.toBeInstanceOf(TelegramError);
    await expect(start).rejects.toMatchObject({ code: 'ZEPIX_TELEGRAM_TOKEN_REJECTED' });
    await fake.stop();
  });
});

describe('daily summary', () => {
  it('goes to the analytics chat at daily_summary_utc, once', async () => {
    const target = new Date();
    target.setUTCHours(21, 0, 0, 0);
    const skew = target.getTime() - 150 - Date.now(); // the shifted clock reads 20:59:59.850 right now
    h = await startHarness({ config: chats, now: () => new Date(Date.now() + skew) });
    // Generous: the scheduler fires 150 ms in, but a loaded CI machine can delay it by seconds.
    await h.fake.waitFor((f) => f.messages(ANALYTICS).length === 1, 10_000);
    expect(h.fake.messages(ANALYTICS)[0]?.text).toMatch(
      /^Daily summary 2025-01-02\nplugin\s+trades\s+wins\s+P&L\ncombined-v3\s+4\s+3\s+\+\$61\.20/,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.fake.messages(ANALYTICS)).toHaveLength(1);
    expect(h.operator.callsOf('daily')).toHaveLength(1);
  });

  it('is off with daily_summary_utc: null, and /daily still answers', async () => {
    h = await startHarness({ config: { ...chats, daily_summary_utc: null } });
    expect((await h.ask('/daily')).text).toContain('total');
    expect(h.fake.messages(ANALYTICS)).toEqual([]);
  });
});

describe('stop', () => {
  it('is idempotent, stops polling and sends nothing more', async () => {
    h = await startHarness();
    await h.runtime.stop();
    await h.runtime.stop();
    const calls = h.fake.calls().length;
    h.outbox.add({ kind: 'entry', text: 'after stop' });
    h.runtime.notify({ text: 'after stop', kind: 'bot_stopped' });
    expect(await h.runtime.flushOutbox()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(h.fake.calls().length).toBe(calls);
    expect(h.outbox.unsentIds()).toEqual([1]);
  });
});
