import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import type { AuditEntry } from './AuditLog.js';
import { TelegramConfigSchema, telegramSettingsFromEnv } from './settings.js';
import type { TelegramSettings } from './settings.js';
import { TelegramRuntime } from './TelegramRuntime.js';
import { startFakeTelegram } from './testing/FakeTelegram.js';
import type { FakeTelegram, FakeTelegramOptions } from './testing/FakeTelegram.js';
import type { FakeMessage } from './testing/FakeBotApi.js';
import { MemoryOutbox } from './testing/MemoryOutbox.js';
import { StubOperator } from './testing/StubOperator.js';

/** The allowed user, whose private chat is also the default chat. */
export const OWNER = 1001;
/** Someone who found the bot. */
export const STRANGER = 2002;
export const TOKEN = '111:SHARED-TEST-TOKEN';

/** Fast pacing so tests only wait where a test is about waiting. */
export const FAST_LIMITS = { per_chat_per_second: 1000, per_group_per_minute: 100_000, overall_per_second: 1000 };

export interface HarnessOptions {
  readonly config?: Record<string, unknown>;
  readonly env?: Record<string, string>;
  readonly fake?: FakeTelegramOptions;
  /** Called between creating the fake and starting the runtime (e.g. to take Telegram down). */
  readonly beforeStart?: (fake: FakeTelegram) => void;
  readonly now?: () => Date;
}

export interface Harness {
  readonly fake: FakeTelegram;
  readonly runtime: TelegramRuntime;
  readonly operator: StubOperator;
  readonly outbox: MemoryOutbox;
  readonly settings: TelegramSettings;
  readonly auditPath: string;
  /** Sends a command and resolves with the next message the bot sends to that chat. */
  ask(text: string, options?: { userId?: number; chatId?: number }): Promise<FakeMessage>;
  /** Every audit row written so far. */
  audit(): AuditEntry[];
  stop(): Promise<void>;
}

/** A silent logger; set ZEPIX_TEST_LOG=debug to watch. */
export const testLogger = pino({ level: process.env.ZEPIX_TEST_LOG ?? 'silent' });

/** Builds settings against a fake Telegram, with fast limits and a short backoff. */
export function testSettings(apiRoot: string, options: HarnessOptions = {}): TelegramSettings {
  const config = TelegramConfigSchema.parse({
    chat_id: OWNER,
    allowed_users: [OWNER],
    coalesce_after: 50,
    poll_interval_ms: 25,
    rate_limits: FAST_LIMITS,
    ...options.config,
  });
  const settings = telegramSettingsFromEnv(
    { ZEPIX_TELEGRAM_TOKEN: TOKEN, ZEPIX_TELEGRAM_API_ROOT: apiRoot, ...options.env },
    config,
  );
  if ('disabled' in settings) throw new Error(settings.disabled);
  return { ...settings, backoff: { minMs: 50, maxMs: 200 } };
}

/** Starts a fake Telegram and a runtime wired to a stub operator and an in-memory outbox. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeTelegram({ limits: false, ...options.fake });
  const settings = testSettings(fake.apiRoot, options);
  const operator = new StubOperator();
  const outbox = new MemoryOutbox();
  const auditPath = join(mkdtempSync(join(tmpdir(), 'zepix-telegram-')), 'audit.db');
  options.beforeStart?.(fake);
  const runtime = await TelegramRuntime.start({
    settings,
    operator,
    outbox,
    auditPath,
    logger: testLogger,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    fake,
    runtime,
    operator,
    outbox,
    settings,
    auditPath,
    ask: async (text, opts = {}) => {
      const chatId = opts.chatId ?? OWNER;
      const before = fake.messages(chatId).length;
      fake.sendCommand(text, { userId: opts.userId ?? OWNER, chatId });
      await fake.waitFor((f) => f.messages(chatId).length > before);
      return fake.messages(chatId)[before] as FakeMessage;
    },
    audit: () => readAudit(auditPath),
    stop: async () => {
      await runtime.stop();
      await fake.stop();
    },
  };
}

/** Reads the audit table through a separate read-only connection, as an operator would. */
export function readAudit(path: string): AuditEntry[] {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare('SELECT * FROM audit ORDER BY id').all() as Record<string, unknown>[];
    return rows.map((row) => ({
      at: String(row.at),
      userId: row.user_id as number | null,
      username: row.username as string | null,
      chatId: row.chat_id === null ? null : Number(row.chat_id),
      command: String(row.command),
      args: String(row.args),
      outcome: row.outcome as AuditEntry['outcome'],
    }));
  } finally {
    db.close();
  }
}

/** The callback data of every button on a message. */
export function buttonsOf(message: FakeMessage): string[] {
  const markup = message.replyMarkup as { inline_keyboard?: { callback_data?: string }[][] } | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((button) => button.callback_data ?? '');
}

/** Polls a condition on our side of the wire (outbox marks, audit rows) every few ms until it holds. */
export async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
