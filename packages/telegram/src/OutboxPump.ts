import type { Logger } from 'pino';
import type { QueueItem } from './ChatQueue.js';
import type { OutboxPort, OutboxRowLike } from './ports.js';

/** Where one outbox row goes: a chat and a way to queue for it; null when no chat is configured for it. */
export type OutboxRoute = (row: OutboxRowLike) => { enqueue(item: QueueItem): void } | null;

/** How many rows one poll reads. */
const POLL_LIMIT = 200;

/**
 * Relays the durable outbox to Telegram with at-least-once delivery: a row is marked sent only after Telegram
 * accepted it (or refused it for good), and each id is queued once per runtime, so a poll during a slow send
 * never sends it twice. While Telegram is unreachable the rows stay queued here and pending in the database.
 */
export class OutboxPump {
  readonly #outbox: OutboxPort;
  readonly #route: OutboxRoute;
  readonly #logger: Logger;
  readonly #queued = new Set<number>();
  readonly #toMark: number[] = [];
  #markScheduled = false;
  #warnedNoChat = false;

  constructor(outbox: OutboxPort, route: OutboxRoute, logger: Logger) {
    this.#outbox = outbox;
    this.#route = route;
    this.#logger = logger;
  }

  /**
   * Reads pending rows and queues the new ones. Each returned promise settles with true once its row is
   * delivered, or false when it was dropped or deferred (Telegram unreachable, runtime stopping).
   */
  poll(): Promise<boolean>[] {
    this.#flushMarks();
    let rows: readonly OutboxRowLike[];
    try {
      rows = this.#outbox.pending(POLL_LIMIT);
    } catch (error) {
      this.#logger.error({ err: error }, 'reading the notification outbox failed');
      return [];
    }
    return rows.filter((row) => !this.#queued.has(row.id)).flatMap((row) => this.#queue(row));
  }

  #queue(row: OutboxRowLike): Promise<boolean>[] {
    const target = this.#route(row);
    if (!target) {
      if (!this.#warnedNoChat) this.#logger.warn('no Telegram chat id configured; notifications stay in the outbox');
      this.#warnedNoChat = true;
      return [];
    }
    this.#queued.add(row.id);
    return [
      new Promise<boolean>((resolve) => {
        target.enqueue({
          text: row.text,
          coalescible: true,
          onSent: () => {
            this.#mark(row.id);
            resolve(true);
          },
          onDropped: (detail) => {
            this.#logger.error({ outboxId: row.id, kind: row.kind, detail }, 'telegram refused a notification');
            this.#mark(row.id);
            resolve(false);
          },
          onDeferred: () => resolve(false),
        });
      }),
    ];
  }

  /** Marks are batched per tick: a merged message marks all its rows in one transaction. */
  #mark(id: number): void {
    this.#toMark.push(id);
    if (this.#markScheduled) return;
    this.#markScheduled = true;
    queueMicrotask(() => {
      this.#markScheduled = false;
      this.#flushMarks();
    });
  }

  #flushMarks(): void {
    if (this.#toMark.length === 0) return;
    const ids = this.#toMark.splice(0);
    try {
      this.#outbox.markSent(ids);
    } catch (error) {
      // Keep them for the next poll; the ids stay in #queued, so the rows are not sent again meanwhile.
      this.#toMark.unshift(...ids);
      this.#logger.error({ err: error, ids }, 'marking notifications sent failed; will retry');
    }
  }
}
