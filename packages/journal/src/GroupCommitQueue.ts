interface QueuedWrite {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (reason: Error) => void;
}

/** Runs a batch of writes inside one transaction; throws if the transaction did not commit. */
export type RunInTransaction = (writes: () => void) => void;

/** Whether the last intake transaction committed, and if not why and since when. */
export type WriteState = { readonly ok: true } | { readonly ok: false; readonly cause: unknown; readonly since: Date };

/** When a burst makes a commit wait for more writes (see GroupCommitQueue). */
export interface BurstOptions {
  /** A write arriving less than this long (ms) after the last commit ended belongs to a burst. */
  readonly windowMs: number;
  /** How long (ms) a burst's commit waits for more writes; 0 never waits. */
  readonly delayMs: number;
  /** A batch this large commits at once, burst or not. */
  readonly maxBatch: number;
  readonly now: () => number;
}

const DEFAULT_BURST: BurstOptions = { windowMs: 1, delayMs: 1, maxBatch: 1000, now: () => performance.now() };

/**
 * Collects writes made during one turn of the event loop and commits them in a single transaction, so one fsync
 * covers every alert that arrived together. Each write's promise settles only after that transaction committed.
 * A failed batch is retried one write per transaction, so one bad row fails only its own request.
 *
 * During a burst (a write within `windowMs` of the last commit) the commit waits `delayMs` for more writes, as
 * PostgreSQL's commit_delay does: a bar-close burst of 1,000 alerts on new connections otherwise reaches the intake
 * one or two per event-loop turn and paid one fsync each. A write after a quiet spell commits in its own turn.
 */
export class GroupCommitQueue {
  #queue: QueuedWrite[] = [];
  #scheduled = false;
  #timer: NodeJS.Timeout | undefined;
  #lastCommitAt = Number.NEGATIVE_INFINITY;
  #commits = 0;
  #batchedWrites = 0;
  #state: WriteState = { ok: true };
  readonly #burst: BurstOptions;

  constructor(
    private readonly runInTransaction: RunInTransaction,
    private readonly toError: (cause: unknown, batchSize: number) => Error,
    burst: Partial<BurstOptions> = {},
  ) {
    this.#burst = { ...DEFAULT_BURST, ...burst };
  }

  /** Queues a write; resolves with its result once its batch committed, rejects if the batch failed. */
  push<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (this.#queue.length >= this.#burst.maxBatch) this.#commitNextTurn();
      // Stryker disable next-line ConditionalExpression: an extra scheduled flush finds the queue empty and does nothing
      else if (!this.#scheduled) this.#schedule();
    });
  }

  #schedule(): void {
    // Stryker disable next-line BooleanLiteral: an extra scheduled flush finds the queue empty and does nothing
    this.#scheduled = true;
    const inBurst = this.#burst.now() - this.#lastCommitAt < this.#burst.windowMs;
    if (inBurst && this.#burst.delayMs > 0) this.#timer = setTimeout(() => this.flush(), this.#burst.delayMs);
    else setImmediate(() => this.flush());
  }

  /** A full batch does not wait out a burst's delay. */
  #commitNextTurn(): void {
    if (this.#timer === undefined && this.#scheduled) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Commits everything queued so far in one transaction and settles each write's promise. */
  flush(): void {
    this.#scheduled = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#queue;
    if (batch.length === 0) return;
    this.#queue = [];
    try {
      const results = this.#commit(batch);
      batch.forEach((queued, i) => queued.resolve(results[i]));
      this.#lastCommitAt = this.#burst.now();
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
