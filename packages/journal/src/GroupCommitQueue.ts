interface QueuedWrite {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (reason: Error) => void;
}

/** Runs a batch of writes inside one transaction; throws if the transaction did not commit. */
export type RunInTransaction = (writes: () => void) => void;

/** Whether the last intake transaction committed, and if not why and since when. */
export type WriteState = { readonly ok: true } | { readonly ok: false; readonly cause: unknown; readonly since: Date };

/**
 * Collects writes made during one turn of the event loop and commits them in a single transaction, so one fsync
 * covers every alert that arrived together. Each write's promise settles only after that transaction committed.
 * A failed batch is retried one write per transaction, so one bad row fails only its own request.
 */
export class GroupCommitQueue {
  #queue: QueuedWrite[] = [];
  #scheduled = false;
  #commits = 0;
  #batchedWrites = 0;
  #state: WriteState = { ok: true };

  constructor(
    private readonly runInTransaction: RunInTransaction,
    private readonly toError: (cause: unknown, batchSize: number) => Error,
  ) {}

  /** Queues a write; resolves with its result once its batch committed, rejects if the batch failed. */
  push<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      // Stryker disable next-line ConditionalExpression: an extra scheduled flush finds the queue empty and does nothing
      if (!this.#scheduled) {
        // Stryker disable next-line BooleanLiteral: an extra scheduled flush finds the queue empty and does nothing
        this.#scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything queued so far in one transaction and settles each write's promise. */
  flush(): void {
    this.#scheduled = false;
    const batch = this.#queue;
    if (batch.length === 0) return;
    this.#queue = [];
    try {
      const results = this.#commit(batch);
      batch.forEach((queued, i) => queued.resolve(results[i]));
    } catch (cause) {
      // Stryker disable next-line ConditionalExpression,BlockStatement: retrying a lone failed write alone gives it the same answer
      if (batch.length === 1) {
        this.#fail(batch[0]!, cause, 1);
        return;
      }
      // Which write broke the batch is unknown: give each its own transaction and its own answer.
      for (const queued of batch) {
        try {
          queued.resolve(this.#commit([queued])[0]);
        } catch (single) {
          this.#fail(queued, single, 1);
        }
      }
    }
  }

  #commit(batch: readonly QueuedWrite[]): unknown[] {
    const results: unknown[] = [];
    this.runInTransaction(() => {
      for (const queued of batch) results.push(queued.write());
    });
    this.#commits += 1;
    this.#batchedWrites += batch.length;
    this.#state = { ok: true };
    return results;
  }

  #fail(queued: QueuedWrite, cause: unknown, size: number): void {
    if (this.#state.ok) this.#state = { ok: false, cause, since: new Date() };
    queued.reject(this.toError(cause, size));
  }

  /** Writes queued and not yet committed. */
  get size(): number {
    return this.#queue.length;
  }

  /** Whether the most recent transaction committed. */
  get state(): WriteState {
    return this.#state;
  }

  /** Committed transactions and the writes they held. */
  get stats(): { commits: number; batchedWrites: number } {
    return { commits: this.#commits, batchedWrites: this.#batchedWrites };
  }
}
