import { startFakeTelegram } from '@zepix/telegram/testing';
import type { FakeTelegram } from '@zepix/telegram/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot } from '../botHarness.js';
import type { TestBot } from '../botHarness.js';
import { BOT_DIR } from '../fixtureProject.js';
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

describe('Telegram trading figures (issue 9.8)', () => {
  it('/positions shows the live open P&L', async () => {
    const fake = await startFakeTelegram({ limits: false });
    const bot = await startTestBot({
      projectDir: BOT_DIR,
      config: { broker: { starting_balance: 100_000 }, telegram: { poll_interval_ms: 50 } },
      env: {
        ZEPIX_TELEGRAM_TOKEN: '123456:test-token',
        ZEPIX_TELEGRAM_API_ROOT: fake.apiRoot,
        ZEPIX_TELEGRAM_CHAT_ID: String(CHAT),
        ZEPIX_TELEGRAM_ALLOWED_USERS: String(OWNER),
      },
    });
    running.push({ bot, fake });
    await send(bot, v3Entry(2030));
    await price(bot, 2030.3); // both 0.36-lot legs filled at 2030.10, now bid 2030.20: +$3.60 each
    fake.sendCommand('/positions', { userId: OWNER, chatId: CHAT });
    await fake.waitFor((f) => f.messages(CHAT).some((m) => m.text.startsWith('Open positions (2)')), 10_000);
    const answer = fake.messages(CHAT).find((m) => m.text.startsWith('Open positions (2)'))!;
    expect(answer.text).toContain('P&L +$7.20');
  });
});
