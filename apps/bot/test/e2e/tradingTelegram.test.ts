import { startFakeTelegram } from '@zepix/telegram/testing';
import type { FakeTelegram } from '@zepix/telegram/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot } from '../botHarness.js';
import type { TestBot } from '../botHarness.js';
import { BOT_DIR } from '../fixtureProject.js';
import { telegramEnv } from '../telegramEnv.js';
import { price, send, v3Entry } from '../tradingSteps.js';

const OWNER = 42;
const CHAT = 5001;
const running: { bot: TestBot; fake: FakeTelegram }[] = [];
afterEach(async () => {
  for (const { bot, fake } of running.splice(0)) {
    await bot.remove();
    await fake.stop();
  }
});

async function startWithTelegram(config: Record<string, unknown> = {}) {
  const fake = await startFakeTelegram({ limits: false });
  const bot = await startTestBot({
    projectDir: BOT_DIR,
    config: { broker: { starting_balance: 100_000 }, telegram: { poll_interval_ms: 50 }, ...config },
    env: telegramEnv(fake, CHAT, OWNER),
  });
  running.push({ bot, fake });
  return { bot, fake };
}

interface ShadowResults {
  plugin: string;
  trades: number;
  pnl: number;
}

describe('Telegram trading figures (issue 9.8)', () => {
  it('/positions shows the live open P&L', async () => {
    const { bot, fake } = await startWithTelegram();
    await send(bot, v3Entry(2030));
    await price(bot, 2030.3); // both 0.36-lot legs filled at 2030.10, now bid 2030.20: +$3.60 each
    fake.sendCommand('/positions', { userId: OWNER, chatId: CHAT });
    await fake.waitFor((f) => f.messages(CHAT).some((m) => m.text.startsWith('Open positions (2)')), 10_000);
    const answer = fake.messages(CHAT).find((m) => m.text.startsWith('Open positions (2)'))!;
    expect(answer.text).toContain('P&L +$7.20');
  });

  it("/pnl shows a shadow plugin's figures beside the live plugins' (issue 14.4)", async () => {
    const { bot, fake } = await startWithTelegram({
      // Only trend-logic is routed v3 alerts; combined-v3 trades them in shadow on its own paper broker.
      routing: { rules: [{ plugins: ['trend-logic'], family: 'v3' }] },
      plugins: { 'combined-v3': { mode: 'shadow' } },
    });
    await send(bot, v3Entry(2030));
    await price(bot, 2032.5); // the shadow leg B reaches its TP1 at 2032 and closes in profit
    const shadow = ((await bot.api('/shadow')).body as { plugins: ShadowResults[] }).plugins[0]!;
    expect(shadow).toMatchObject({ plugin: 'combined-v3' });
    expect(shadow.trades).toBeGreaterThanOrEqual(1);
    expect(shadow.pnl).toBeGreaterThan(0);

    fake.sendCommand('/pnl', { userId: OWNER, chatId: CHAT });
    const isPnl = (text: string) => text.includes('combined-v3 (shadow)');
    await fake.waitFor((f) => f.messages(CHAT).some((m) => isPnl(m.text)), 10_000);
    const line = fake
      .messages(CHAT)
      .find((m) => isPnl(m.text))!
      .text.split('\n')
      .find((l) => l.includes('combined-v3 (shadow)'))!;
    // The same trades and P&L as GET /api/shadow, and nothing of it on the live account.
    expect(line).toContain(` ${shadow.trades} `);
    expect(line).toContain(`+$${shadow.pnl.toFixed(2)}`);
    expect((await bot.api('/trades')).body.trades).toEqual([]);
  });
});
