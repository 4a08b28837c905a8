import type { Update, UserFromGetMe } from 'grammy/types';
import { FakeLimiter } from './fakeLimits.js';
import type { FakeLimits } from './fakeLimits.js';

/** A message a bot sent, as it looks after any edits. */
export interface FakeMessage {
  readonly token: string;
  readonly chatId: number | string;
  readonly messageId: number;
  /** The text as the user sees it (HTML tags removed, entities decoded). */
  text: string;
  /** What the bot sent, before HTML rendering. */
  raw: string;
  parseMode: string | undefined;
  replyMarkup: unknown;
  readonly date: number;
  edited: boolean;
}

/** One Bot API request, in arrival order. */
export interface FakeCall {
  readonly token: string;
  readonly method: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** 200, or the error code returned (429, 400, 502, …). */
  status: number;
  readonly at: number;
}

/** A Bot API answer: the HTTP status and the `{ ok, result }` / `{ ok: false, … }` envelope. */
export interface FakeReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

interface BotState {
  readonly user: UserFromGetMe;
  readonly updates: Update[];
  readonly waiters: Set<() => void>;
}

/** How the fake fails while down: a 502 envelope (a proxy in front of Telegram) or a dropped connection. */
export type DownMode = 'bad-gateway' | 'reset';

/** The in-memory state behind the fake Bot API: bots by token, their update queues, sent messages and calls. */
export class FakeBotApi {
  readonly limiter: FakeLimiter | null;
  readonly sent: FakeMessage[] = [];
  readonly log: FakeCall[] = [];
  readonly callbackIds = new Set<string>();
  readonly answered = new Map<string, Readonly<Record<string, unknown>>>();
  readonly commands = new Map<string, unknown>();
  /** The token that most recently polled (or dropped its webhook to poll): where updates go by default. */
  poller: string | null = null;
  /** Set while the fake plays an outage. */
  down: DownMode | null = null;
  /** Tokens answered with 401 Unauthorized. */
  readonly rejected: ReadonlySet<string>;
  readonly #bots = new Map<string, BotState>();
  readonly #nextMessageId = new Map<string, number>();
  readonly #listeners = new Set<() => void>();
  #nextUpdateId = 1;
  #nextBotId = 1;

  constructor(limits: FakeLimits | false, rejectTokens: readonly string[] = []) {
    this.limiter = limits === false ? null : new FakeLimiter(limits);
    this.rejected = new Set(rejectTokens);
  }

  /** The bot behind a token, created on first use: any token is accepted. */
  bot(token: string): BotState {
    let bot = this.#bots.get(token);
    if (!bot) {
      const prefix = /^(\d+):/.exec(token)?.[1];
      const id = prefix ? Number(prefix) : 9_000_000 + this.#nextBotId;
      const n = this.#nextBotId++;
      bot = {
        user: {
          id,
          is_bot: true,
          first_name: `Zepix Fake ${n}`,
          username: `zepix_fake_${n}_bot`,
          can_join_groups: true,
          can_read_all_group_messages: false,
          supports_inline_queries: false,
          can_connect_to_business: false,
          has_main_web_app: false,
          has_topics_enabled: false,
          allows_users_to_create_topics: false,
        } as UserFromGetMe,
        updates: [],
        waiters: new Set(),
      };
      this.#bots.set(token, bot);
    }
    return bot;
  }

  /** Queues an update for a bot and wakes its long poll. */
  pushUpdate(token: string, update: Omit<Update, 'update_id'> & { update_id?: number }): Update {
    const full: Update = { ...update, update_id: update.update_id ?? this.#nextUpdateId++ };
    const bot = this.bot(token);
    bot.updates.push(full);
    for (const wake of [...bot.waiters]) wake();
    this.changed();
    return full;
  }

  /** The token updates go to when the caller names none. */
  defaultToken(): string {
    if (this.poller) return this.poller;
    if (this.#bots.size === 1) return [...this.#bots.keys()][0] as string;
    throw new Error('No bot is polling the fake Telegram yet; start the runtime first or pass { token }.');
  }

  /** The next message id in a chat (Telegram numbers messages per chat). */
  nextMessageId(chatId: number | string): number {
    const key = String(chatId);
    const id = this.#nextMessageId.get(key) ?? 1;
    this.#nextMessageId.set(key, id + 1);
    return id;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tells waiters that something happened. */
  changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  /** Every registered bot's waiting long polls, for shutdown. */
  wakeAll(): void {
    for (const bot of this.#bots.values()) for (const wake of [...bot.waiters]) wake();
  }
}

/** A successful Bot API answer. */
export function okReply(result: unknown): FakeReply {
  return { status: 200, body: { ok: true, result } };
}

/** A failed Bot API answer with Telegram's envelope. */
export function errorReply(code: number, description: string, parameters?: Record<string, unknown>): FakeReply {
  return { status: code, body: { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) } };
}
