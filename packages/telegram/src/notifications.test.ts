import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from './testSupport.js';
import { OWNER, startHarness, until } from './testSupport.js';

let h: Harness;
afterEach(async () => h.stop());

const ANALYTICS = -100_900;
const texts = (chatId: number) => h.fake.messages(chatId).map((m) => m.text);

const TRADE = [
  {
    kind: 'entry',
    text: '[combined-v3] ENTRY BUY XAUUSD @ 2650.1 | SL 2645 (510 pips) | TP 2660 (990 pips) | lots 0.1',
  },
  {
    kind: 'tp_hit',
    text: '[combined-v3] TP HIT BUY XAUUSD @ 2660 | P&L $99.00 (990 pips) | lots 0.1 | duration 12m 3s',
  },
  { kind: 'exit', text: '[combined-v3] EXIT BUY XAUUSD @ 2655 | P&L $49.00 (490 pips) | lots 0.1 | duration 20m 0s' },
];

describe('outbox relay', () => {
  it('delivers entry, TP hit and exit in order, then marks them sent', async () => {
    h = await startHarness({ config: { chat_ids: { analytics: ANALYTICS } } });
    for (const row of TRADE) h.outbox.add(row);
    h.outbox.add({ plugin: 'system', kind: 'daily_summary', text: 'Daily: +$148.00' });
    expect(await h.runtime.flushOutbox()).toBe(4);
    expect(texts(OWNER)).toEqual(TRADE.map((row) => row.text));
    expect(texts(ANALYTICS)).toEqual(['Daily: +$148.00']);
    expect(h.outbox.unsentIds()).toEqual([]);
    expect(h.fake.calls('sendMessage').every((call) => call.params.parse_mode === undefined)).toBe(true);
  });

  it('sends each row once even when polls overlap', async () => {
    h = await startHarness({ config: { poll_interval_ms: 10 } });
    for (const row of TRADE) h.outbox.add(row);
    const [first, second] = await Promise.all([h.runtime.flushOutbox(), h.runtime.flushOutbox()]);
    expect(first + second).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 60)); // several interval polls
    expect(texts(OWNER)).toEqual(TRADE.map((row) => row.text));
  });

  it('relays on its own interval without anyone calling flushOutbox', async () => {
    h = await startHarness();
    h.outbox.add(TRADE[0] as (typeof TRADE)[0]);
    await until(() => h.outbox.unsentIds().length === 0);
    expect(texts(OWNER)).toEqual([TRADE[0]?.text]);
  });
});

describe('rate limits', () => {
  it('waits out a 429 storm and loses nothing', async () => {
    h = await startHarness({ fake: { limits: { perChatPerSecond: 2, overallPerSecond: 3 } } });
    const rows = Array.from({ length: 6 }, (_, i) => ({ kind: 'entry', text: `message ${i + 1}` }));
    for (const row of rows) h.outbox.add(row);
    expect(await h.runtime.flushOutbox()).toBe(6);
    expect(texts(OWNER)).toEqual(rows.map((row) => row.text));
    const statuses = h.fake.calls('sendMessage').map((call) => call.status);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status === 200)).toHaveLength(6);
    expect(h.outbox.unsentIds()).toEqual([]);
  });

  it('paces itself to the limits, so Telegram never has to refuse', async () => {
    const limits = { per_chat_per_second: 5, per_group_per_minute: 20, overall_per_second: 30 };
    h = await startHarness({ config: { rate_limits: limits }, fake: { limits: { perChatPerSecond: 5 } } });
    for (let i = 1; i <= 7; i++) h.outbox.add({ kind: 'entry', text: `paced ${i}` });
    const started = Date.now();
    expect(await h.runtime.flushOutbox()).toBe(7);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(h.fake.calls('sendMessage').map((call) => call.status)).toEqual(Array(7).fill(200));
  });

  it('holds a group chat to its per-minute limit while a private chat flows', async () => {
    const group = -100_300;
    const limits = { per_chat_per_second: 1000, per_group_per_minute: 2, overall_per_second: 1000 };
    h = await startHarness({
      config: { rate_limits: limits, coalesce_after: 50, chat_ids: { notification: group, analytics: OWNER } },
    });
    for (let i = 1; i <= 3; i++) {
      h.runtime.notify({ text: `group ${i}`, kind: 'bot_started' });
      h.runtime.notify({ text: `private ${i}`, kind: 'report', role: 'analytics' });
    }
    await h.fake.waitFor((f) => f.messages(OWNER).length === 3 && f.messages(group).length === 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(texts(group)).toEqual(['group 1', 'group 2']); // the third waits for the minute to roll over
  });
});

describe('coalescing', () => {
  it('merges a backlog longer than coalesce_after into one message, in order', async () => {
    h = await startHarness({ config: { coalesce_after: 5 } });
    const rows = Array.from({ length: 12 }, (_, i) => `fill ${i + 1}`);
    for (const text of rows) h.outbox.add({ kind: 'entry', text });
    expect(await h.runtime.flushOutbox()).toBe(12);
    expect(texts(OWNER)).toEqual([rows.join('\n\n')]);
    expect(h.outbox.unsentIds()).toEqual([]);
  });

  it('keeps each merged message within 4096 characters', async () => {
    h = await startHarness({ config: { coalesce_after: 2 } });
    const rows = Array.from({ length: 30 }, (_, i) => `${String(i).padStart(2, '0')} ${'x'.repeat(397)}`);
    for (const text of rows) h.outbox.add({ kind: 'entry', text });
    expect(await h.runtime.flushOutbox()).toBe(30);
    const sent = texts(OWNER);
    expect(sent.length).toBeGreaterThan(2);
    expect(Math.max(...sent.map((text) => text.length))).toBeLessThanOrEqual(4096);
    expect(sent.join('\n\n')).toBe(rows.join('\n\n'));
  });

  it('does not merge when the chat keeps up', async () => {
    h = await startHarness({ config: { coalesce_after: 5 } });
    for (const row of TRADE) h.outbox.add(row);
    await h.runtime.flushOutbox();
    expect(texts(OWNER)).toHaveLength(3);
  });
});

describe('Telegram down', () => {
  for (const mode of ['bad-gateway', 'reset'] as const) {
    it(`keeps rows pending and delivers the backlog when it is back (${mode})`, async () => {
      h = await startHarness();
      h.fake.setDown(true, mode);
      for (const row of TRADE) h.outbox.add(row);
      const started = Date.now();
      expect(await h.runtime.flushOutbox()).toBe(0);
      expect(Date.now() - started).toBeLessThan(1000);
      // The trading side keeps writing and reading its outbox; nothing waits for Telegram.
      const before = h.outbox.pendingCalls;
      h.outbox.add({ kind: 'sl_hit', text: 'SL HIT while down' });
      expect(h.outbox.pending().map((row) => row.id)).toEqual([1, 2, 3, 4]);
      expect(h.outbox.pendingCalls).toBe(before + 1);
      h.runtime.notify({ text: 'Daily loss cap reached', kind: 'daily_loss_cap' });
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(h.outbox.unsentIds()).toEqual([1, 2, 3, 4]);
      h.fake.setDown(false);
      await until(() => h.outbox.unsentIds().length === 0);
      await h.runtime.idle();
      // Queue order: the three rows queued while down, the notice, then the row the next poll found.
      expect(texts(OWNER)).toEqual([...TRADE.map((row) => row.text), 'Daily loss cap reached', 'SL HIT while down']);
    });
  }

  it('starts while Telegram is down and catches up, commands included', async () => {
    h = await startHarness({ beforeStart: (fake) => fake.setDown(true) });
    h.outbox.add(TRADE[0] as (typeof TRADE)[0]);
    expect(await h.runtime.flushOutbox()).toBe(0);
    h.fake.setDown(false);
    await h.fake.waitFor((f) => f.calls('deleteWebhook').some((call) => call.status === 200), 3000);
    // The backlog first, so the reply to /status is not raced by the row catching up.
    await h.fake.waitFor((f) => f.messages(OWNER).length >= 1, 5000);
    expect((await h.ask('/status')).text).toContain('Zepix 0.1.0');
    expect(texts(OWNER)[0]).toBe(TRADE[0]?.text);
  });
});

describe('system notices', () => {
  it('notify() queues to the role chat and never throws', async () => {
    h = await startHarness({ config: { chat_ids: { analytics: ANALYTICS } } });
    h.runtime.notify({ text: 'Zepix started', kind: 'bot_started' });
    h.runtime.notify({ text: 'Weekly report ready', kind: 'report', role: 'analytics' });
    await h.runtime.idle();
    expect(texts(OWNER)).toEqual(['Zepix started']);
    expect(texts(ANALYTICS)).toEqual(['Weekly report ready']);
    await h.runtime.stop();
    expect(() => h.runtime.notify({ text: 'after stop', kind: 'bot_stopped' })).not.toThrow();
  });
});
