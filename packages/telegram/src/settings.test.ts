import { describe, expect, it } from 'vitest';
import { TelegramConfigSchema, telegramSettingsFromEnv } from './settings.js';
import type { TelegramSettings } from './settings.js';

const defaults = () => TelegramConfigSchema.parse({});

function settings(env: NodeJS.ProcessEnv, config: Record<string, unknown> = {}): TelegramSettings {
  const result = telegramSettingsFromEnv(env, TelegramConfigSchema.parse(config));
  if ('disabled' in result) throw new Error(result.disabled);
  return result;
}

describe('TelegramConfigSchema', () => {
  it('fills every default', () => {
    expect(defaults()).toEqual({
      chat_ids: {},
      allowed_users: [],
      api_root: null,
      daily_summary_utc: '21:00',
      confirm_timeout_seconds: 60,
      coalesce_after: 5,
      poll_interval_ms: 1000,
      rate_limits: { per_chat_per_second: 1, per_group_per_minute: 20, overall_per_second: 30 },
    });
  });

  it('is strict and reports bad values by path', () => {
    const result = TelegramConfigSchema.safeParse({
      token: 'x',
      daily_summary_utc: '9pm',
      chat_ids: { notification: 'general' },
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['', 'daily_summary_utc', 'chat_ids.notification']));
  });

  it('turns numeric chat id strings into numbers and trims a trailing slash from api_root', () => {
    const config = TelegramConfigSchema.parse({
      chat_id: '-1001234',
      chat_ids: { analytics: '@zepix_reports' },
      api_root: 'http://127.0.0.1:8081/',
    });
    expect(config.chat_id).toBe(-1001234);
    expect(config.chat_ids.analytics).toBe('@zepix_reports');
    expect(config.api_root).toBe('http://127.0.0.1:8081');
  });
});

describe('telegramSettingsFromEnv', () => {
  it('is disabled, with a reason naming the variables, when no token is set', () => {
    const result = telegramSettingsFromEnv({ ZEPIX_TELEGRAM_CHAT_ID: '5' }, defaults());
    expect(result).toEqual({ disabled: expect.stringContaining('no Telegram token set (ZEPIX_TELEGRAM_TOKEN') });
  });

  it('uses ZEPIX_TELEGRAM_TOKEN for all roles, and a per-role token wins', () => {
    expect(settings({ ZEPIX_TELEGRAM_TOKEN: '1:A' }).tokens).toEqual({
      controller: '1:A',
      notification: '1:A',
      analytics: '1:A',
    });
    const split = settings({ ZEPIX_TELEGRAM_TOKEN: '1:A', ZEPIX_TELEGRAM_ANALYTICS_TOKEN: '3:C' });
    expect(split.tokens).toEqual({ controller: '1:A', notification: '1:A', analytics: '3:C' });
    expect(settings({ ZEPIX_TELEGRAM_CONTROLLER_TOKEN: '2:B' }).tokens.notification).toBe('2:B');
  });

  it('lets ZEPIX_TELEGRAM_CHAT_ID override every chat and ZEPIX_TELEGRAM_ALLOWED_USERS extend the list', () => {
    const s = settings(
      { ZEPIX_TELEGRAM_TOKEN: '1:A', ZEPIX_TELEGRAM_CHAT_ID: '-100777', ZEPIX_TELEGRAM_ALLOWED_USERS: ' 42, 7 ,42' },
      { chat_ids: { notification: 1 }, allowed_users: [7, 9] },
    );
    expect(s.chats).toEqual({ controller: -100777, notification: -100777, analytics: -100777 });
    expect([...s.allowedUsers].sort((a, b) => a - b)).toEqual([7, 9, 42]);
  });

  it('falls back from a missing role chat to chat_id, then to another role’s chat', () => {
    expect(settings({ ZEPIX_TELEGRAM_TOKEN: '1:A' }, { chat_id: 5, chat_ids: { analytics: -9 } }).chats).toEqual({
      controller: 5,
      notification: 5,
      analytics: -9,
    });
    expect(settings({ ZEPIX_TELEGRAM_TOKEN: '1:A' }, { chat_ids: { notification: 8 } }).chats).toEqual({
      controller: 8,
      notification: 8,
      analytics: 8,
    });
    expect(settings({ ZEPIX_TELEGRAM_TOKEN: '1:A' }).chats).toEqual({
      controller: null,
      notification: null,
      analytics: null,
    });
  });

  it('maps the config to runtime units and lets ZEPIX_TELEGRAM_API_ROOT override api_root', () => {
    const s = settings(
      { ZEPIX_TELEGRAM_TOKEN: '1:A', ZEPIX_TELEGRAM_API_ROOT: 'http://localhost:9000/' },
      { api_root: 'http://x.test', confirm_timeout_seconds: 1.5 },
    );
    expect(s.apiRoot).toBe('http://localhost:9000');
    expect(s.confirmTimeoutMs).toBe(1500);
    expect(s.limits).toEqual({ perChatPerSecond: 1, perGroupPerMinute: 20, overallPerSecond: 30 });
    expect(s.backoff).toEqual({ minMs: 1000, maxMs: 30_000 });
  });

  it('throws ZEPIX_TELEGRAM_CONFIG_INVALID on malformed variables', () => {
    const bad = [
      { ZEPIX_TELEGRAM_TOKEN: '1:A', ZEPIX_TELEGRAM_ALLOWED_USERS: '42,@bob' },
      { ZEPIX_TELEGRAM_TOKEN: '1:A', ZEPIX_TELEGRAM_CHAT_ID: 'general' },
      { ZEPIX_TELEGRAM_TOKEN: 'bot 1:A' },
    ];
    for (const env of bad) {
      expect(() => telegramSettingsFromEnv(env, defaults())).toThrow(
        expect.objectContaining({ code: 'ZEPIX_TELEGRAM_CONFIG_INVALID' }),
      );
    }
  });
});
