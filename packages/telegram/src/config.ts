/**
 * `@zepix/telegram/config`: the config schema and settings alone, for a process that validates the config but
 * does not run Telegram (the bot's intake thread), so it does not load grammy.
 */
export { TelegramConfigSchema, telegramSettingsFromEnv, TELEGRAM_ROLES, DEFAULT_BACKOFF } from './settings.js';
export type {
  ChatId,
  RateLimits,
  TelegramConfig,
  TelegramDisabled,
  TelegramRole,
  TelegramSettings,
} from './settings.js';
