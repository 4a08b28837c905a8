import type { Connection, SynchronousMode } from './schema.js';
import { BOOKKEEPING_BUSY_TIMEOUT_MS } from './schema.js';

/**
 * Runs bookkeeping writes (outcomes, dispatch marks, plugin state) on the intake's connection with their own
 * settings: synchronous=NORMAL, since losing the last few to a power cut only causes a safe re-dispatch, and the
 * long busy timeout; the intake's settings (its FULL commit, its short wait) come back afterwards. SQLite refuses
 * to change `synchronous` inside a transaction, so a write inside one keeps that transaction's settings. The
 * pragmas are run, not prepared once: SQLite applies these two when a statement is prepared.
 */
export function bookkeepingMode(
  db: Connection,
  intake: { readonly synchronous: SynchronousMode; readonly busyTimeoutMs: number },
): <T>(work: () => T) => T {
  return <T>(work: () => T): T => {
    if (db.inTransaction) return work();
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${BOOKKEEPING_BUSY_TIMEOUT_MS}`);
    try {
      return work();
    } finally {
      db.pragma(`synchronous = ${intake.synchronous}`);
      db.pragma(`busy_timeout = ${intake.busyTimeoutMs}`);
    }
  };
}
