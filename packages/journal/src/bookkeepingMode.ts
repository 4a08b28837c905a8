import type { Connection, SynchronousMode } from './schema.js';
import { BOOKKEEPING_BUSY_TIMEOUT_MS } from './schema.js';

/** The intake's own settings: its durability and how long it waits for a lock. */
export interface IntakeSettings {
  readonly synchronous: SynchronousMode;
  readonly busyTimeoutMs: number;
  /** The busy timeout bookkeeping writes take instead (default BOOKKEEPING_BUSY_TIMEOUT_MS). */
  readonly bookkeepingBusyTimeoutMs?: number;
  /** An in-memory database: bookkeeping runs with the intake's settings, since there is no durability to trade. */
  readonly inMemory?: boolean;
}

/** Bookkeeping mode on the journal's one connection (see `bookkeepingMode`). */
export interface BookkeepingMode {
  /** Runs bookkeeping writes with bookkeeping settings, then gives the intake its own back. */
  run<T>(work: () => T): T;
  /**
   * Called before every intake commit: fails if a transaction is somehow still open (its writes would nest inside
   * it and not be durable when answered), and re-applies the intake's settings if a restore did not complete.
   */
  readyForIntake(): void;
}

/**
 * Runs bookkeeping writes (outcomes, dispatch marks, plugin state) on the intake's connection with their own
 * settings: synchronous=NORMAL, since losing the last few to a power cut only causes a safe re-dispatch, and the
 * bookkeeping busy timeout; the intake's settings (its FULL commit, its short wait) come back afterwards. SQLite refuses
 * to change `synchronous` inside a transaction, so a write inside one keeps that transaction's settings. The
 * pragmas are run, not prepared once: SQLite applies these two when a statement is prepared.
 */
export function bookkeepingMode(db: Connection, intake: IntakeSettings): BookkeepingMode {
  let intakeSettingsApplied = true;
  // One exec per switch: db.pragma() would compile a statement object for each setting on every switch.
  const intakeSettings = `PRAGMA synchronous = ${intake.synchronous}; PRAGMA busy_timeout = ${intake.busyTimeoutMs}`;
  const bookkeepingWait = intake.bookkeepingBusyTimeoutMs ?? BOOKKEEPING_BUSY_TIMEOUT_MS;
  const bookkeepingSettings = `PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = ${bookkeepingWait}`;
  const restore = () => {
    db.exec(intakeSettings);
    intakeSettingsApplied = true;
  };
  return {
    run<T>(work: () => T): T {
      if (db.inTransaction || intake.inMemory === true) return work();
      intakeSettingsApplied = false;
      try {
        db.exec(bookkeepingSettings);
        return work();
      } finally {
        restore();
      }
    },
    readyForIntake(): void {
      if (db.inTransaction) throw new Error('a transaction is still open on the journal connection');
      if (!intakeSettingsApplied) restore();
    },
  };
}
