import { startFakeTelegram } from '@zepix/telegram/testing';
import type { FakeTelegram } from '@zepix/telegram/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot } from '../botHarness.js';
import type { TestBot } from '../botHarness.js';
import { BOT_DIR } from '../fixtureProject.js';
import { telegramEnv } from '../telegramEnv.js';

const OWNER = 42;
const CHAT = 5001;
const running: { bot?: TestBot; fake?: FakeTelegram }[] = [];
afterEach(async () => {
  for (const { bot, fake } of running.splice(0)) {
    await bot?.remove();
    await fake?.stop();
  }
});

async function start(options: { limits?: false | { perChatPerSecond: number }; coalesceAfter?: number } = {}) {
  const fake = await startFakeTelegram({ limits: options.limits ?? false });
  const bot = await startTestBot({
    projectDir: BOT_DIR,
    config: {
      broker: { starting_balance: 100_000 },
      telegram: {
        poll_interval_ms: 50,
        confirm_timeout_seconds: 5,
        coalesce_after: options.coalesceAfter ?? 5,
        rate_limits: { per_chat_per_second: 50, overall_per_second: 100 },
      },
    },
    env: telegramEnv(fake, CHAT, OWNER),
  });
  running.push({ bot, fake });
  return { bot, fake };
}

const texts = (fake: FakeTelegram, chat = CHAT) => fake.messages(chat).map((m) => m.text);
const until = (fake: FakeTelegram, predicate: (all: string[]) => boolean) =>
  fake.waitFor((f) => predicate(texts(f)), 10_000);

async function v3Entry(bot: TestBot, price: number): Promise<void> {
  const answer = await bot.post(
    JSON.stringify({
      secret: bot.running.secrets.webhookSecret,
      type: 'entry_v3',
      signal_type: 'Institutional_Launchpad',
      symbol: 'XAUUSD',
      direction: 'buy',
      tf: '15',
      price,
      consensus_score: 8,
      sl_price: price - 2,
      tp1_price: price + 2,
      tp2_price: price + 5,
      mtf_trends: '1,1,1,1,1',
    }),
  );
  await bot.dispatched(answer.body.id as number);
}

describe('Telegram through the running bot', () => {
  it('announces itself, and a trade lifecycle produces its messages in order', async () => {
    const { bot, fake } = await start();
    await until(fake, (all) => all.some((t) => t.startsWith('Zepix started')));
    await v3Entry(bot, 2030);
    await bot.api('/prices', { method: 'POST', body: { symbol: 'XAUUSD', price: 2030.5 } }); // B booked → chain level 2
    await bot.api('/prices', { method: 'POST', body: { symbol: 'XAUUSD', price: 2027.5 } }); // everything stops out
    await until(fake, (all) => all.join('\n').includes('RE-ENTRY ARMED'));
    const joined = texts(fake).join('\n');
    const order = [
      'ENTRY BUY XAUUSD @ 2030.1',
      'EXIT BUY XAUUSD @ 2030.4',
      'CHAIN LEVEL UP',
      'SL HIT BUY XAUUSD @ 2028',
      'RE-ENTRY ARMED',
    ];
    const positions = order.map((needle) => joined.indexOf(needle));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(joined).toContain('[combined-v3]');
    // Entries carry SL/TP pips, lots, risk and R:R; exits carry P&L, pips, duration and the day's P&L.
    expect(joined).toMatch(
      /ENTRY BUY XAUUSD @ 2030\.1 \| SL 2028 \(210 pips\) \| TP 2035 \(490 pips\).*lots.*risk.*R:R/,
    );
    expect(joined).toMatch(/EXIT BUY XAUUSD @ 2030\.4 \| P&L \$13\.50 \(30 pips\).*duration.*day \$13\.50/);
  });

  it('answers the owner, refuses a stranger once, and closes all only after confirmation', async () => {
    const { bot, fake } = await start();
    await v3Entry(bot, 2030);
    fake.sendCommand('/positions', { userId: OWNER, chatId: CHAT });
    await until(fake, (all) => all.some((t) => t.startsWith('Open positions (2)') && t.includes('XAUUSD BUY')));
    fake.sendCommand('/status', { userId: 99, chatId: 6001 });
    fake.sendCommand('/closeall', { userId: 99, chatId: 6001 });
    await fake.waitFor((f) => f.messages(6001).length >= 1, 5000);
    await new Promise((r) => setTimeout(r, 300));
    expect(texts(fake, 6001)).toEqual([expect.stringContaining('only takes commands from its owner')]);

    fake.sendCommand('/closeall', { userId: OWNER, chatId: CHAT });
    await fake.waitFor((f) => f.messages(CHAT).some((m) => JSON.stringify(m).includes('callback_data')), 5000);
    expect((await bot.api('/trades?state=open')).body.trades).toHaveLength(2);
    const prompt = fake.messages(CHAT).find((m) => JSON.stringify(m).includes('callback_data'))!;
    expect(prompt.text).toMatch(/^Close all 2 open positions/);
    const confirm = JSON.stringify(prompt.replyMarkup).match(/"callback_data":"(ca:y:[^"]+)"/)?.[1];
    expect(confirm).toBeDefined();
    fake.pressButton(confirm!, { userId: OWNER, chatId: CHAT, messageId: prompt.messageId });
    await fake.waitFor((f) => f.messages(CHAT).some((m) => m.messageId === prompt.messageId && m.edited), 5000);
    expect((await bot.api('/trades?state=open')).body.trades).toEqual([]);
    expect((await bot.api('/risk')).body.paused).toBe(true);
  });

  it('keeps trading while Telegram is down and delivers the backlog when it returns', async () => {
    const { bot, fake } = await start();
    await until(fake, (all) => all.some((t) => t.startsWith('Zepix started')));
    fake.setDown(true);
    await v3Entry(bot, 2030);
    expect((await bot.api('/trades?state=open')).body.trades).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(texts(fake).join('\n')).not.toContain('ENTRY BUY');
    fake.setDown(false);
    await until(fake, (all) => all.join('\n').split('ENTRY BUY XAUUSD').length - 1 >= 2);
  });

  it('a 429 storm delays messages but loses none', async () => {
    // No merging, and the bot paces faster than this fake allows: Telegram answers 429 and the bot must wait.
    const { bot, fake } = await start({ limits: { perChatPerSecond: 2 }, coalesceAfter: 1000 });
    for (let i = 0; i < 3; i += 1) await v3Entry(bot, 2030 + i * 3);
    await until(fake, (all) => all.join('\n').split('ENTRY BUY XAUUSD').length - 1 >= 6);
    expect(fake.calls('sendMessage').some((c) => c.status === 429)).toBe(true);
  });
});
