import type { OutboxPort } from '@zepix/telegram';
import type { Logger } from 'pino';

/**
 * Delivers trading notifications from the outbox. Until a Telegram bot is configured the log is the channel:
 * each row becomes one log line and is marked sent, so the outbox never grows without bound.
 */
export class OutboxRelay {
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly outbox: OutboxPort,
    private readonly logger: Logger,
    private readonly intervalMs = 1000,
  ) {}

  /** Delivers what is pending now; returns how many rows it sent. */
  flush(): number {
    const rows = this.outbox.pending(100);
    for (const row of rows) this.logger.info({ notification: row.kind, plugin: row.plugin }, row.text);
    if (rows.length) this.outbox.markSent(rows.map((r) => r.id));
    return rows.length;
  }

  start(): void {
    this.#timer ??= setInterval(() => {
      try {
        this.flush();
      } catch (error) {
        this.logger.error({ err: error }, 'outbox delivery failed; will retry');
      }
    }, this.intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer after one last delivery. */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.flush();
  }
}
