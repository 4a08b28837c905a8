import { JournalErrorCode } from '@zepix/journal';
import type { Journal } from '@zepix/journal';
import type { Logger } from 'pino';
import type { FromEngine } from './contract.js';

/** The journal writes the engine's outcome messages need. */
export type OutcomeJournal = Pick<Journal, 'recordOutcome' | 'markDispatched' | 'bookkeepingBatch'>;

type OutcomeMessage = Extract<FromEngine, { type: 'outcome' | 'dispatched' }>;

const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 5_000;
/** Outcome messages kept while the journal is locked; past this the oldest go (their alerts are dispatched again). */
const MAX_KEPT = 50_000;

/**
 * Writes the engine's outcomes and dispatch marks to the journal on the intake thread, gathered per event-loop
 * turn into one transaction: during a burst the engine reports hundreds at once, and one commit each would take
 * intake time from the webhook answers. Callers flush before anything that must see them (a command's reply,
 * shutdown).
 *
 * While another process holds the journal's write lock, a batch is kept and written again later (after 0.25 s,
 * doubling to 5 s), in order, rather than waited for on the intake's event loop; at most MAX_KEPT messages are kept,
 * and what a stop finds still unwritten stays pending in the journal, dispatched again at the next start.
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

  /** Writes every queued message now; while the journal is locked they stay queued for the next try. */
  flush(): void {
    this.#scheduled = false;
    const batch = this.#pending;
    if (batch.length === 0) return;
    this.#pending = [];
    try {
      this.#journal.bookkeepingBatch(() => {
        for (const message of batch) this.#write(message);
      });
    } catch (error) {
      if ((error as { code?: unknown }).code === JournalErrorCode.Locked) return this.#keep(batch, error);
      // One bad write must not cost the others: write them one by one, each failure logged on its own.
      for (const message of batch) this.#writeAlone(message);
    }
    if (this.#retry !== undefined || this.#retryMs !== FIRST_RETRY_MS) this.#unlocked(batch.length);
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
    if (this.#retryMs === FIRST_RETRY_MS && this.#retry === undefined) {
      this.#logger.warn(
        { err: error },
        'another process holds the journal: plugin outcomes are kept and written once it lets go',
      );
    }
    const kept = [...batch, ...this.#pending];
    this.#pending = kept.length > MAX_KEPT ? kept.slice(kept.length - MAX_KEPT) : kept;
    clearTimeout(this.#retry);
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.flush();
    }, this.#retryMs);
    this.#retry.unref();
    this.#retryMs = Math.min(this.#retryMs * 2, LAST_RETRY_MS);
  }

  #unlocked(written: number): void {
    clearTimeout(this.#retry);
    this.#retry = undefined;
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
