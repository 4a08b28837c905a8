import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Logger } from 'pino';
import { classifyFailure } from './classify.js';
import { takeBatch } from './coalesce.js';

/** What Telegram returned for a sent message; enough to edit it later. */
export interface SentMessage {
  readonly message_id: number;
}

/** One message waiting for its chat. Callbacks report what became of it; none of them may throw. */
export interface QueueItem {
  readonly text: string;
  readonly html?: boolean;
  readonly replyMarkup?: InlineKeyboardMarkup;
  /** Plain notifications may be merged with their neighbours when the chat is behind; replies never are. */
  readonly coalescible: boolean;
  readonly onSent?: (message: SentMessage) => void;
  /** Telegram refused the message for good (bad chat, malformed text); it will not be retried. */
  readonly onDropped?: (detail: string) => void;
  /** An attempt failed because Telegram is unreachable, or the queue stopped; the message is still queued. */
  readonly onDeferred?: () => void;
}

/** What a chat queue needs from its bot. */
export interface ChatQueueDeps {
  readonly chatId: number | string;
  readonly coalesceAfter: number;
  readonly backoff: { readonly minMs: number; readonly maxMs: number };
  readonly logger: Logger;
  /** Sends one message; rejects with a grammY error. */
  send(text: string, item: QueueItem): Promise<SentMessage>;
  /** Waits for this chat's and the bot's next free rate-limit slot. */
  pace(): Promise<void>;
  /** Waits `ms`, rejecting when the bot stops. */
  sleep(ms: number): Promise<void>;
}

/**
 * One chat's outgoing messages: strictly in order, one at a time, paced, merged when behind. A rate limit is
 * waited out; an unreachable Telegram keeps the messages queued and retries with a doubling, capped wait.
 */
export class ChatQueue {
  readonly #deps: ChatQueueDeps;
  readonly #items: QueueItem[] = [];
  #running = false;
  #stopped = false;
  #delayMs = 0;
  #idle: (() => void)[] = [];

  constructor(deps: ChatQueueDeps) {
    this.#deps = deps;
  }

  /** Messages waiting, including the one being sent. */
  get length(): number {
    return this.#items.length;
  }

  /** Queues a message; after `stop()` it is reported deferred and never sent. */
  push(item: QueueItem): void {
    if (this.#stopped) {
      item.onDeferred?.();
      return;
    }
    this.#items.push(item);
    // While backing off from an unreachable Telegram, say so at once instead of after the next failed attempt.
    if (this.#delayMs > 0) item.onDeferred?.();
    if (!this.#running) void this.#run();
  }

  /** Resolves once the queue is empty. */
  whenIdle(): Promise<void> {
    if (this.#items.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Sends nothing more; what is still queued is reported deferred (outbox rows stay pending). */
  stop(): void {
    this.#stopped = true;
    const left = this.#items.splice(0);
    for (const item of left) item.onDeferred?.();
    this.#wakeIdle();
  }

  async #run(): Promise<void> {
    this.#running = true;
    while (this.#items.length > 0 && !this.#stopped) {
      try {
        await this.#attempt();
      } catch (error) {
        // Waits reject only when the bot stops; anything else is a bug worth a log line, not a stalled chat.
        if (this.#stopped) break;
        this.#deps.logger.error({ err: error, chat: this.#deps.chatId }, 'telegram chat queue failed');
        await this.#deps.sleep(this.#deps.backoff.minMs).catch(() => undefined);
      }
    }
    this.#running = false;
    this.#wakeIdle();
  }

  async #attempt(): Promise<void> {
    await this.#deps.pace();
    if (this.#stopped) return;
    const batch = takeBatch(this.#items, this.#deps.coalesceAfter);
    const head = this.#items[0];
    if (!head) return;
    try {
      const sent = await this.#deps.send(batch.text, head);
      this.#delayMs = 0;
      for (const item of this.#items.splice(0, batch.count)) item.onSent?.(sent);
    } catch (error) {
      await this.#handleFailure(error, batch.count);
    }
  }

  async #handleFailure(error: unknown, count: number): Promise<void> {
    const failure = classifyFailure(error);
    if (failure.kind === 'stopped' || this.#stopped) return;
    if (failure.kind === 'rate_limited') {
      this.#deps.logger.warn({ chat: this.#deps.chatId, retryAfterMs: failure.retryAfterMs }, 'telegram rate limit');
      await this.#deps.sleep(failure.retryAfterMs);
      return;
    }
    if (failure.kind === 'rejected') {
      this.#deps.logger.error(
        { chat: this.#deps.chatId, detail: failure.detail, code: 'ZEPIX_TELEGRAM_REJECTED' },
        'telegram refused a message; it is dropped',
      );
      for (const item of this.#items.splice(0, count)) item.onDropped?.(failure.detail);
      return;
    }
    const { minMs, maxMs } = this.#deps.backoff;
    this.#delayMs = Math.min(maxMs, this.#delayMs === 0 ? minMs : this.#delayMs * 2);
    this.#deps.logger.warn(
      { chat: this.#deps.chatId, detail: failure.detail, retryInMs: this.#delayMs, code: 'ZEPIX_TELEGRAM_UNREACHABLE' },
      'telegram unreachable; messages stay queued',
    );
    for (const item of this.#items) item.onDeferred?.();
    await this.#deps.sleep(this.#delayMs);
  }

  #wakeIdle(): void {
    for (const resolve of this.#idle.splice(0)) resolve();
  }
}
