interface QueuedWrite {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (reason: Error) => void;
}

/** Runs a batch of writes inside one transaction; throws if the transaction did not commit. */
export type RunInTransaction = (writes: () => void) => void;

/**
 * Collects writes made during one turn of the event loop and commits them in a single transaction, so one fsync
 * covers every alert that arrived together. Each write's promise settles only after that transaction committed.
 */
export class GroupCommitQueue {
  #queue: QueuedWrite[] = [];
  #scheduled = false;
  #commits = 0;
  #batchedWrites = 0;

  constructor(
    private readonly runInTransaction: RunInTransaction,
    private readonly toError: (cause: unknown, batchSize: number) => Error,
  ) {}

  /** Queues a write; resolves with its result once its batch committed, rejects if the batch failed. */
  push<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#scheduled) {
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
    const results: unknown[] = [];
    try {
      this.runInTransaction(() => {
        for (const queued of batch) results.push(queued.write());
      });
    } catch (cause) {
      const error = this.toError(cause, batch.length);
      for (const queued of batch) queued.reject(error);
      return;
    }
    this.#commits += 1;
    this.#batchedWrites += batch.length;
    batch.forEach((queued, i) => queued.resolve(results[i]));
  }

  /** Writes queued and not yet committed. */
  get size(): number {
    return this.#queue.length;
  }

  /** Committed transactions and the writes they held. */
  get stats(): { commits: number; batchedWrites: number } {
    return { commits: this.#commits, batchedWrites: this.#batchedWrites };
  }
}
