import { JournalErrorCode } from '@zepix/journal';
import type { Journal } from '@zepix/journal';
import type { Logger } from 'pino';
import type { FromEngine } from './contract.js';

/** The journal writes the engine's outcome messages need. */
export type OutcomeJournal = Pick<Journal, 'recordOutcome' | 'markDispatched' | 'bookkeepingBatch'>;

type OutcomeMessage = Extract<FromEngine, { type: 'outcome' | 'dispatched' }>;

const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 5_000;

/**
 * Writes the engine's outcomes and dispatch marks to the journal on the intake thread, gathered per event-loop
 * turn into one transaction: during a burst the engine reports hundreds at once, and one commit each would take
 * intake time from the webhook answers. Callers flush before anything that must see them (a command's reply,
 * shutdown).
 *
 * While another process holds the journal's write lock, a batch is kept and written again later (after 0.25 s,
 * doubling to 5 s), in order, rather than waited for on the intake's event loop. The engine is not restarted while
 * any are kept (a new engine would call their plugins again). What a stop finds still unwritten stays pending in
 * the journal: the next start calls those plugins again, and client order ids keep their orders from repeating.
 */
export class OutcomeWriter {
  readonly #journal: OutcomeJournal;
  readonly #logger: Logger;
  #pending: OutcomeMessage[] = [];
  #scheduled = false;
  #retry: NodeJS.Timeout | undefined;
  #retryMs = FIRST_RETRY_MS;

  constructor(journal: OutcomeJournal, logger: Logger) {
    this.#journal = journal;
    this.#logger = logger;
  }

  /** Queues one message; it is written at the end of this event-loop turn at the latest. */
  add(message: OutcomeMessage): void {
    this.#pending.push(message);
    if (this.#scheduled || this.#retry !== undefined) return;
    this.#scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Messages not written yet (kept while the journal is locked). */
  get waiting(): number {
    return this.#pending.length;
  }

  /**
   * Writes every queued message now. While the journal is locked they stay queued, and until the retry timer's
   * next try this returns at once: a caller on the intake (a heartbeat, a reply) must not wait on the lock.
   */
  flush(): void {
    this.#scheduled = false;
    if (this.#retry !== undefined) return;
    const batch = this.#pending;
    if (batch.length === 0) return;
    this.#pending = [];
    try {
      this.#journal.bookkeepingBatch(() => {
        for (const message of batch) this.#write(message);
      });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === JournalErrorCode.Locked) return this.#keep(batch, error);
      if (code === JournalErrorCode.Closed) return this.#closed(batch);
      // One bad write must not cost the others: write them one by one, each failure logged on its own.
      for (const message of batch) this.#writeAlone(message);
      return;
    }
    if (this.#retryMs !== FIRST_RETRY_MS) this.#unlocked(batch.length);
  }

  /** Stops retrying (shutdown): what is still kept stays pending in the journal. */
  stop(): void {
    clearTimeout(this.#retry);
    this.#retry = undefined;
    if (this.#pending.length > 0) {
      this.#logger.warn(
        { messages: this.#pending.length },
        'the journal was still locked at stop: these alerts stay pending and are dispatched again at the next start',
      );
    }
  }

  #keep(batch: OutcomeMessage[], error: unknown): void {
    if (this.#retryMs === FIRST_RETRY_MS) {
      this.#logger.warn(
        { err: error },
        'another process holds the journal: plugin outcomes are kept and written once it lets go',
      );
    }
    // Nothing is trimmed: while the journal is locked no new alert is accepted, so only alerts already handed to
    // the engine can add outcomes here.
    this.#pending = [...batch, ...this.#pending];
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.flush();
    }, this.#retryMs);
    this.#retry.unref();
    this.#retryMs = Math.min(this.#retryMs * 2, LAST_RETRY_MS);
  }

  #closed(batch: OutcomeMessage[]): void {
    this.#logger.warn(
      { messages: batch.length + this.#pending.length },
      'the journal closed before these plugin outcomes were written: their alerts stay pending for the next start',
    );
    this.#pending = [];
  }

  #unlocked(written: number): void {
    this.#retryMs = FIRST_RETRY_MS;
    this.#logger.info({ messages: written }, 'the journal is free again: the kept plugin outcomes are written');
  }

  #write(message: OutcomeMessage): void {
    if (message.type === 'outcome') this.#journal.recordOutcome(message.outcome);
    else this.#journal.markDispatched(message.id);
  }

  #writeAlone(message: OutcomeMessage): void {
    try {
      this.#write(message);
    } catch (error) {
      // The row stays pending: the next start dispatches it again, and client order ids keep that safe.
      this.#logger.error({ err: error }, 'could not record a dispatch outcome in the journal');
    }
  }
}
