import { setTimeout as delay } from 'node:timers/promises';
import type { Api } from 'grammy';
import type { Logger } from 'pino';
import { ChatQueue } from './ChatQueue.js';
import type { QueueItem, SentMessage } from './ChatQueue.js';
import { RateWindow } from './RateWindow.js';
import type { ChatId, RateLimits } from './settings.js';

/** What a bot's sender needs. */
export interface SenderOptions {
  readonly api: Api;
  readonly limits: RateLimits;
  readonly coalesceAfter: number;
  readonly backoff: { readonly minMs: number; readonly maxMs: number };
  readonly logger: Logger;
}

// grammY types its signal with the abort-controller polyfill; Node's native AbortSignal works the same at run time.
type GrammySignal = NonNullable<Parameters<Api['sendMessage']>[3]>;

/** Widens each window a little: the gap Telegram measures is between arrivals, and arrivals jitter. */
const JITTER_MARGIN_MS = 50;

function paced(window: RateWindow): RateWindow {
  return new RateWindow(window.limit, window.windowMs + JITTER_MARGIN_MS);
}

/** Groups, supergroups and channels have negative ids (or an @name) and a per-minute limit on top. */
function isGroup(chatId: ChatId): boolean {
  return typeof chatId === 'string' ? !/^\d+$/.test(chatId) : chatId < 0;
}

/** One bot token's outgoing traffic: a queue per chat, one shared overall limit, one stop switch. */
export class Sender {
  readonly #options: SenderOptions;
  readonly #queues = new Map<string, ChatQueue>();
  readonly #overall: RateWindow;
  readonly #abort = new AbortController();

  constructor(options: SenderOptions) {
    this.#options = options;
    this.#overall = paced(RateWindow.perSecond(options.limits.overallPerSecond));
  }

  /** Queues one message for a chat. */
  enqueue(chatId: ChatId, item: QueueItem): void {
    this.#queueFor(chatId).push(item);
  }

  /** Messages waiting across every chat of this bot. */
  get backlog(): number {
    let total = 0;
    for (const queue of this.#queues.values()) total += queue.length;
    return total;
  }

  /** Resolves once every chat queue of this bot is empty. */
  async idle(): Promise<void> {
    while (this.backlog > 0) await Promise.all([...this.#queues.values()].map((queue) => queue.whenIdle()));
  }

  /** Aborts in-flight sends and waits; queued messages are reported deferred. */
  stop(): void {
    this.#abort.abort();
    for (const queue of this.#queues.values()) queue.stop();
  }

  #queueFor(chatId: ChatId): ChatQueue {
    const key = String(chatId);
    let queue = this.#queues.get(key);
    if (!queue) {
      queue = this.#createQueue(chatId);
      this.#queues.set(key, queue);
    }
    return queue;
  }

  #createQueue(chatId: ChatId): ChatQueue {
    const { limits } = this.#options;
    const windows = [paced(RateWindow.perSecond(limits.perChatPerSecond))];
    if (isGroup(chatId)) windows.push(paced(RateWindow.perMinute(limits.perGroupPerMinute)));
    return new ChatQueue({
      chatId,
      coalesceAfter: this.#options.coalesceAfter,
      backoff: this.#options.backoff,
      logger: this.#options.logger,
      send: (text, item) => this.#send(chatId, text, item),
      pace: async () => {
        const chatSlot = Math.max(...windows.map((window) => window.reserve(Date.now())));
        await this.#sleepUntil(chatSlot);
        await this.#sleepUntil(this.#overall.reserve(Date.now()));
      },
      sleep: (ms) => this.#sleep(ms),
    });
  }

  async #send(chatId: ChatId, text: string, item: QueueItem): Promise<SentMessage> {
    return this.#options.api.sendMessage(
      chatId,
      text,
      {
        ...(item.html ? { parse_mode: 'HTML' as const } : {}),
        ...(item.replyMarkup ? { reply_markup: item.replyMarkup } : {}),
        link_preview_options: { is_disabled: true },
      },
      this.#abort.signal as unknown as GrammySignal,
    );
  }

  #sleepUntil(at: number): Promise<void> {
    return this.#sleep(at - Date.now());
  }

  async #sleep(ms: number): Promise<void> {
    if (this.#abort.signal.aborted) throw new Error('aborted: the sender stopped');
    if (ms <= 0) return;
    await delay(ms, undefined, { signal: this.#abort.signal });
  }
}
