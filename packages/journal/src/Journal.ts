import { err, ok } from '@zepix/result';
import { Bookkeeping } from './Bookkeeping.js';
import { JournalError, JournalErrorCode, closed, invalidEntry, locked, openFailed, writeFailed } from './errors.js';
import { GroupCommitQueue } from './GroupCommitQueue.js';
import { IntakeWriter } from './IntakeWriter.js';
import type { PreparedAccepted } from './IntakeWriter.js';
import { JournalReader } from './JournalReader.js';
import { toJson } from './rows.js';
import type { Connection } from './schema.js';
import { bookkeepingMode } from './bookkeepingMode.js';
import type { BookkeepingMode } from './bookkeepingMode.js';
import { INTAKE_BUSY_TIMEOUT_MS, isMemoryPath, migrate, openConnection } from './schema.js';
import { entryProblem } from './validateEntry.js';
import type {
  AcceptedEntry,
  AlertRow,
  AlertWithOutcomes,
  AppendResult,
  JournalCounts,
  JournalHealth,
  JournalOptions,
  JournalStats,
  ListOptions,
  OutcomeInput,
  PluginStateRow,
  RejectedEntry,
} from './types.js';

/**
 * One connection serves the intake and the bookkeeping. Two connections writing the same file in turn each drop
 * their page cache whenever the other has committed and read the pages back from the WAL: in a 1,000-alert burst
 * that was about 6,500 reads on the intake thread. Bookkeeping writes take their own settings for their length
 * instead (see `bookkeepingMode`).
 */
function openJournalConnection(options: JournalOptions): Connection {
  const db = openConnection(
    options.path,
    options.synchronous ?? 'FULL',
    options.intakeBusyTimeoutMs ?? INTAKE_BUSY_TIMEOUT_MS,
  );
  try {
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function isLockFailure(cause: unknown): boolean {
  const code = (cause as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** The durable record of every webhook request, its plugin outcomes and persisted plugin state. */
export class Journal {
  /** The database file this journal writes to. */
  readonly path: string;
  readonly #db: Connection;
  readonly #bookkeepingMode: BookkeepingMode;
  readonly #now: () => Date;
  readonly #queue: GroupCommitQueue;
  readonly #intake: IntakeWriter;
  readonly #books: Bookkeeping;
  readonly #reader: JournalReader;
  readonly #probe: () => void;
  /** One transaction wrapper for every batch: better-sqlite3 builds four functions per `db.transaction(fn)`. */
  readonly #batch: (writes: () => void) => void;
  #closed = false;

  private constructor(options: JournalOptions, db: Connection) {
    this.path = options.path;
    this.#db = db;
    this.#batch = db.transaction((writes: () => void) => writes());
    this.#bookkeepingMode = bookkeepingMode(db, {
      synchronous: options.synchronous ?? 'FULL',
      busyTimeoutMs: options.intakeBusyTimeoutMs ?? INTAKE_BUSY_TIMEOUT_MS,
      ...(options.bookkeepingBusyTimeoutMs === undefined
        ? {}
        : { bookkeepingBusyTimeoutMs: options.bookkeepingBusyTimeoutMs }),
      // Nothing in memory survives the process, so there is nothing to switch.
      inMemory: isMemoryPath(options.path),
    });
    this.#now = options.now ?? (() => new Date());
    this.#intake = new IntakeWriter(db);
    this.#books = new Bookkeeping(db);
    this.#reader = new JournalReader(db);
    const batch = db.transaction((writes: () => void) => writes());
    // Takes and drops the write lock: the cheapest way to learn whether an intake write could commit now.
    this.#probe = () => db.transaction(() => undefined).immediate();
    this.#queue = new GroupCommitQueue(
      (writes) => {
        this.#bookkeepingMode.readyForIntake();
        batch.immediate(writes);
      },
      (cause, size) => writeFailed(this.path, `a batch of ${size} webhook request(s)`, cause),
      options.commitDelayMs === undefined ? {} : { delayMs: options.commitDelayMs },
    );
  }

  /** Opens (and if needed creates) the journal file and its schema; throws JournalError ZEPIX_JOURNAL_OPEN_FAILED. */
  static open(options: JournalOptions): Journal {
    let db: Connection | undefined;
    try {
      db = openJournalConnection(options);
      return new Journal(options, db);
    } catch (error) {
      db?.close();
      throw openFailed(options.path, error);
    }
  }

  /** Group commit: resolves once the transaction holding this write has committed. */
  appendAccepted(entry: AcceptedEntry): Promise<AppendResult> {
    if (this.#closed) return Promise.reject(closed(this.path, `append alert "${entry.idempotencyKey}"`));
    const problem = entryProblem(entry);
    if (problem !== undefined) return Promise.reject(invalidEntry(this.path, problem));
    let prepared: PreparedAccepted;
    try {
      const { alert, ...fields } = entry;
      prepared = { ...fields, alertJson: toJson(alert) };
    } catch (cause) {
      return Promise.reject(
        writeFailed(this.path, `alert "${entry.idempotencyKey}" (its alert is not JSON-serialisable)`, cause),
      );
    }
    return this.#queue.push(() => this.#intake.accepted(prepared));
  }

  /** Group commit of a refused request: resolves once the transaction holding it has committed. */
  appendRejected(entry: RejectedEntry): Promise<{ id: number }> {
    if (this.#closed) return Promise.reject(closed(this.path, `append a ${entry.status} request`));
    const problem = entryProblem(entry);
    if (problem !== undefined) return Promise.reject(invalidEntry(this.path, problem));
    const copy = { ...entry };
    return this.#queue.push(() => this.#intake.rejected(copy));
  }

  /** Upserts one plugin's outcome for one alert; `attempts` grows by one on each call. */
  recordOutcome(outcome: OutcomeInput): void {
    this.#bookkeeping(`the outcome of plugin "${outcome.plugin}" for alert ${outcome.alertId}`, (at) =>
      this.#books.recordOutcome(outcome, at),
    );
  }

  /** Marks an accepted alert as fully dispatched so a restart does not deliver it again. */
  markDispatched(alertId: number): void {
    this.#bookkeeping(`the dispatch mark of alert ${alertId}`, (at) => this.#books.markDispatched(alertId, at));
  }

  /**
   * Runs several bookkeeping writes (`recordOutcome`, `markDispatched`, `setPluginState`) as one transaction: one
   * commit instead of one per write, for a caller that receives many at once. A write that throws rolls back the
   * whole batch and the error propagates as a JournalError: ZEPIX_JOURNAL_LOCKED when another process held the
   * file's write lock (make the same writes again later), ZEPIX_JOURNAL_WRITE_FAILED otherwise.
   */
  bookkeepingBatch(writes: () => void): void {
    if (this.#closed) throw closed(this.path, 'write a batch of outcomes');
    try {
      this.#bookkeepingMode.run(() => this.#batch(writes));
    } catch (cause) {
      if (cause instanceof JournalError) throw cause;
      const what = 'a batch of outcomes';
      throw isLockFailure(cause) ? locked(this.path, what, cause) : writeFailed(this.path, what, cause);
    }
  }

  /** Persists whether a plugin is enabled, and why. */
  setPluginState(plugin: string, enabled: boolean, reason: string): void {
    this.#bookkeeping(`the state of plugin "${plugin}"`, (at) =>
      this.#books.setPluginState(plugin, enabled, reason, at),
    );
  }

  /** Accepted rows not yet marked dispatched, oldest first, with the outcomes already recorded. */
  pendingDispatch(): AlertWithOutcomes[] {
    return this.#read('list pending alerts', () => this.#reader.pendingDispatch());
  }

  /** One row by id with its outcomes, or undefined. */
  get(id: number): AlertWithOutcomes | undefined {
    return this.#read(`read alert ${id}`, () => this.#reader.get(id));
  }

  /** Rows newest first; `limit` defaults to 50 and is capped at 500; `beforeId` pages backwards. */
  list(options?: ListOptions): AlertRow[] {
    return this.#read('list alerts', () => this.#reader.list(options));
  }

  /** Row totals by status, repeats recognised as duplicates, and rows pending dispatch. */
  counts(): JournalCounts {
    return this.#read('count alerts', () => this.#reader.counts());
  }

  /** Every persisted plugin state, ordered by plugin id. */
  pluginStates(): PluginStateRow[] {
    return this.#read('read plugin states', () => this.#reader.pluginStates());
  }

  /**
   * Whether an intake write can commit: the last transaction's result, then a lock probe (bounded by the intake
   * busy timeout), so /health turns `degraded` when another process holds the file and back once it lets go.
   */
  health(): JournalHealth {
    if (this.#closed) {
      return err({ code: JournalErrorCode.Closed, message: `the journal at "${this.path}" is closed` });
    }
    const last = this.#queue.state;
    try {
      this.#probe();
    } catch (cause) {
      const probe = writeFailed(this.path, 'a probe transaction', cause);
      return err({ code: probe.code, message: probe.message });
    }
    // A lock that the probe just took is gone; any other failure (disk full, I/O) shows until a write succeeds.
    if (!last.ok && !isLockFailure(last.cause)) {
      const why = writeFailed(this.path, 'the last batch of webhook requests', last.cause);
      return err({ code: why.code, message: `${why.message} (failing since ${last.since.toISOString()})` });
    }
    return ok();
  }

  /** Group-commit counters since open: committed intake transactions and the writes they held. */
  stats(): JournalStats {
    return this.#queue.stats;
  }

  /** Waits for queued writes to commit, then closes the connection. Idempotent. */
  close(): Promise<void> {
    // Stryker disable next-line ConditionalExpression: a second close finds nothing queued and a closed connection, a no-op
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    try {
      this.#queue.flush();
      this.#db.close();
      return Promise.resolve();
    } catch (cause) {
      return Promise.reject(writeFailed(this.path, 'the final checkpoint on close', cause));
    }
  }

  #bookkeeping(what: string, write: (at: string) => void): void {
    if (this.#closed) throw closed(this.path, `write ${what}`);
    try {
      this.#bookkeepingMode.run(() => write(this.#now().toISOString()));
    } catch (cause) {
      throw isLockFailure(cause) ? locked(this.path, what, cause) : writeFailed(this.path, what, cause);
    }
  }

  #read<T>(what: string, read: () => T): T {
    if (this.#closed) throw closed(this.path, what);
    return read();
  }
}
