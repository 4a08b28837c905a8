import type { FakeTelegram } from '@zepix/telegram/testing';

/** The environment that points the bot's Telegram layer at a fake Bot API, for one chat and one allowed user. */
export function telegramEnv(fake: FakeTelegram, chat: number, user: number): NodeJS.ProcessEnv {
  return {
    ZEPIX_TELEGRAM_TOKEN: '123456:test-token',
    ZEPIX_TELEGRAM_API_ROOT: fake.apiRoot,
    ZEPIX_TELEGRAM_CHAT_ID: String(chat),
    ZEPIX_TELEGRAM_ALLOWED_USERS: String(user),
  };
}
