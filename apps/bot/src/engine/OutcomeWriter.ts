import type { Journal } from '@zepix/journal';
import type { Logger } from 'pino';
import type { FromEngine } from './contract.js';

/** The journal writes the engine's outcome messages need. */
export type OutcomeJournal = Pick<Journal, 'recordOutcome' | 'markDispatched' | 'bookkeepingBatch'>;

type OutcomeMessage = Extract<FromEngine, { type: 'outcome' | 'dispatched' }>;

/**
 * Writes the engine's outcomes and dispatch marks to the journal on the intake thread, gathered per event-loop
 * turn into one transaction: during a burst the engine reports hundreds at once, and one commit each would take
 * intake time from the webhook answers. Callers flush before anything that must see them (a command's reply,
 * shutdown).
 */
export class OutcomeWriter {
  readonly #journal: OutcomeJournal;
  readonly #logger: Logger;
  #pending: OutcomeMessage[] = [];
  #scheduled = false;

  constructor(journal: OutcomeJournal, logger: Logger) {
    this.#journal = journal;
    this.#logger = logger;
  }

  /** Queues one message; it is written at the end of this event-loop turn at the latest. */
  add(message: OutcomeMessage): void {
    this.#pending.push(message);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Writes every queued message now. */
  flush(): void {
    this.#scheduled = false;
    const batch = this.#pending;
    if (batch.length === 0) return;
    this.#pending = [];
    try {
      this.#journal.bookkeepingBatch(() => {
        for (const message of batch) this.#write(message);
      });
    } catch {
      // One bad write must not cost the others: write them one by one, each failure logged on its own.
      for (const message of batch) this.#writeAlone(message);
    }
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
