import { z } from 'zod';
import { TelegramError, TelegramErrorCode } from './errors.js';

/** The three jobs a Telegram bot does for Zepix; one token may serve all of them. */
export type TelegramRole = 'controller' | 'notification' | 'analytics';

/** Every role, in the order used for chat fallbacks. */
export const TELEGRAM_ROLES: readonly TelegramRole[] = ['notification', 'controller', 'analytics'];

/** A Telegram chat id: a number, or a public `@channelname`. */
export type ChatId = number | string;

const ChatIdSchema = z
  .union([z.number().int(), z.string().regex(/^(-?\d+|@\w{4,})$/, 'a numeric chat id or @channelname')])
  .transform((value): ChatId => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value));

const RateLimitsSchema = z.strictObject({
  per_chat_per_second: z.number().positive().default(1),
  per_group_per_minute: z.number().positive().default(20),
  overall_per_second: z.number().positive().default(30),
});

/** The `telegram` section of zepix.config.json. Secrets (tokens) never live here: they come from the environment. */
export const TelegramConfigSchema = z.strictObject({
  chat_id: ChatIdSchema.optional(),
  chat_ids: z
    .strictObject({
      controller: ChatIdSchema.optional(),
      notification: ChatIdSchema.optional(),
      analytics: ChatIdSchema.optional(),
    })
    .prefault({}),
  allowed_users: z.array(z.number().int().positive()).default([]),
  api_root: z
    .url()
    .transform((url) => url.replace(/\/+$/, ''))
    .nullable()
    .default(null),
  daily_summary_utc: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM in UTC, e.g. "21:00"')
    .nullable()
    .default('21:00'),
  confirm_timeout_seconds: z.number().positive().max(3600).default(60),
  coalesce_after: z.number().int().min(1).default(5),
  poll_interval_ms: z.number().int().min(10).default(1000),
  rate_limits: RateLimitsSchema.prefault({}),
});

/** The parsed `telegram` config section, defaults applied. */
export type TelegramConfig = z.output<typeof TelegramConfigSchema>;

/** Pacing of outgoing messages, per bot token. */
export interface RateLimits {
  readonly perChatPerSecond: number;
  readonly perGroupPerMinute: number;
  readonly overallPerSecond: number;
}

/** Everything the runtime needs, with secrets: built by `telegramSettingsFromEnv`, never logged. */
export interface TelegramSettings {
  readonly tokens: Readonly<Record<TelegramRole, string>>;
  readonly chats: Readonly<Record<TelegramRole, ChatId | null>>;
  readonly allowedUsers: readonly number[];
  readonly apiRoot: string | null;
  readonly dailySummaryUtc: string | null;
  readonly confirmTimeoutMs: number;
  readonly coalesceAfter: number;
  readonly pollIntervalMs: number;
  readonly limits: RateLimits;
  /** Wait between attempts while Telegram is unreachable: doubles from `minMs` up to `maxMs`. */
  readonly backoff: { readonly minMs: number; readonly maxMs: number };
}

/** Why Telegram is off; the host logs it once. */
export interface TelegramDisabled {
  readonly disabled: string;
}

const TOKEN_ENV: Record<TelegramRole, string> = {
  controller: 'ZEPIX_TELEGRAM_CONTROLLER_TOKEN',
  notification: 'ZEPIX_TELEGRAM_NOTIFICATION_TOKEN',
  analytics: 'ZEPIX_TELEGRAM_ANALYTICS_TOKEN',
};

/** Default wait between attempts while Telegram is unreachable. */
export const DEFAULT_BACKOFF = { minMs: 1000, maxMs: 30_000 } as const;

/**
 * Combines the config section with the environment: tokens (per role, or one for all), chat id and allowed users.
 * Returns `{ disabled }` when no token is set; throws `ZEPIX_TELEGRAM_CONFIG_INVALID` on a malformed variable.
 */
export function telegramSettingsFromEnv(
  env: NodeJS.ProcessEnv,
  config: TelegramConfig,
): TelegramSettings | TelegramDisabled {
  const tokens = resolveTokens(env);
  if (!tokens) {
    return {
      disabled:
        'no Telegram token set (ZEPIX_TELEGRAM_TOKEN, or ZEPIX_TELEGRAM_CONTROLLER_TOKEN / _NOTIFICATION_TOKEN / _ANALYTICS_TOKEN)',
    };
  }
  const envChat = readChatId(env.ZEPIX_TELEGRAM_CHAT_ID);
  const allowed = new Set([...config.allowed_users, ...readUserIds(env.ZEPIX_TELEGRAM_ALLOWED_USERS)]);
  const apiRoot = env.ZEPIX_TELEGRAM_API_ROOT?.trim() ? env.ZEPIX_TELEGRAM_API_ROOT.trim().replace(/\/+$/, '') : null;
  return {
    tokens,
    chats: resolveChats(config, envChat),
    allowedUsers: [...allowed],
    apiRoot: apiRoot ?? config.api_root,
    dailySummaryUtc: config.daily_summary_utc,
    confirmTimeoutMs: Math.round(config.confirm_timeout_seconds * 1000),
    coalesceAfter: config.coalesce_after,
    pollIntervalMs: config.poll_interval_ms,
    limits: {
      perChatPerSecond: config.rate_limits.per_chat_per_second,
      perGroupPerMinute: config.rate_limits.per_group_per_minute,
      overallPerSecond: config.rate_limits.overall_per_second,
    },
    backoff: { ...DEFAULT_BACKOFF },
  };
}

/** Per-role token wins over the shared ZEPIX_TELEGRAM_TOKEN; a role with neither borrows another role's token. */
function resolveTokens(env: NodeJS.ProcessEnv): Record<TelegramRole, string> | null {
  const shared = readToken(env, 'ZEPIX_TELEGRAM_TOKEN');
  const own = {
    controller: readToken(env, TOKEN_ENV.controller) ?? shared,
    notification: readToken(env, TOKEN_ENV.notification) ?? shared,
    analytics: readToken(env, TOKEN_ENV.analytics) ?? shared,
  };
  const any = own.controller ?? own.notification ?? own.analytics;
  if (!any) return null;
  return {
    controller: own.controller ?? any,
    notification: own.notification ?? own.analytics ?? any,
    analytics: own.analytics ?? own.notification ?? any,
  };
}

function readToken(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[name]?.trim();
  if (!value) return null;
  if (/[\s/]/.test(value)) {
    throw new TelegramError(
      TelegramErrorCode.ConfigInvalid,
      `${name} does not look like a bot token (it contains spaces or "/"); copy it again from @BotFather.`,
    );
  }
  return value;
}

/** Env chat id overrides every role; otherwise each role uses its own chat, then `chat_id`, then another role's. */
function resolveChats(config: TelegramConfig, envChat: ChatId | null): Record<TelegramRole, ChatId | null> {
  const own = (role: TelegramRole): ChatId | null => envChat ?? config.chat_ids[role] ?? config.chat_id ?? null;
  const first = TELEGRAM_ROLES.map(own).find((chat) => chat !== null) ?? null;
  return {
    controller: own('controller') ?? first,
    notification: own('notification') ?? first,
    analytics: own('analytics') ?? first,
  };
}

function readChatId(raw: string | undefined): ChatId | null {
  const value = raw?.trim();
  if (!value) return null;
  const parsed = ChatIdSchema.safeParse(value);
  if (!parsed.success) {
    throw new TelegramError(
      TelegramErrorCode.ConfigInvalid,
      `ZEPIX_TELEGRAM_CHAT_ID is "${value}", not a chat id; use a number such as -1001234567890 or @channelname.`,
    );
  }
  return parsed.data;
}

function readUserIds(raw: string | undefined): number[] {
  const parts = (raw ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return parts.map((part) => {
    if (!/^\d+$/.test(part)) {
      throw new TelegramError(
        TelegramErrorCode.ConfigInvalid,
        `ZEPIX_TELEGRAM_ALLOWED_USERS has "${part}", not a numeric Telegram user id; separate ids with commas.`,
      );
    }
    return Number(part);
  });
}
