/** Stable codes for every error the journal raises; match on these, never on messages. */
export const JournalErrorCode = {
  WriteFailed: 'ZEPIX_JOURNAL_WRITE_FAILED',
  Closed: 'ZEPIX_JOURNAL_CLOSED',
  OpenFailed: 'ZEPIX_JOURNAL_OPEN_FAILED',
  InvalidEntry: 'ZEPIX_JOURNAL_INVALID_ENTRY',
  Locked: 'ZEPIX_JOURNAL_LOCKED',
} as const;

/** One of the `ZEPIX_JOURNAL_*` codes. */
export type JournalErrorCode = (typeof JournalErrorCode)[keyof typeof JournalErrorCode];

/** A journal failure: a stable `code`, the database path it concerns and what to do about it. */
export class JournalError extends Error {
  readonly code: JournalErrorCode;
  readonly path: string;

  constructor(code: JournalErrorCode, message: string, path: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'JournalError';
    this.code = code;
    this.path = path;
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/** The journal file could not be opened or prepared. */
export function openFailed(path: string, cause: unknown): JournalError {
  return new JournalError(
    JournalErrorCode.OpenFailed,
    `Could not open the journal at "${path}": ${describe(cause)}. ` +
      'Check that the folder exists or can be created, is writable, has free space, and that the path is not an existing non-SQLite file.',
    path,
    cause,
  );
}

/** A write did not commit; nothing from its batch is stored and the sender should retry. */
export function writeFailed(path: string, what: string, cause: unknown): JournalError {
  return new JournalError(
    JournalErrorCode.WriteFailed,
    `Could not write ${what} to the journal at "${path}": ${describe(cause)}. ` +
      'Nothing from this write was stored; answer 5xx so the sender retries, and check disk space and file permissions.',
    path,
    cause,
  );
}

/**
 * A bookkeeping write found the file's write lock held by another process for longer than it may wait (it waits on
 * the intake's event loop): nothing was stored, and the same write can simply be made again later.
 */
export function locked(path: string, what: string, cause: unknown): JournalError {
  return new JournalError(
    JournalErrorCode.Locked,
    `Could not write ${what} to the journal at "${path}": another process holds its write lock (${describe(cause)}). ` +
      'Nothing was stored; write it again once the lock is gone, and find what holds the file (a backup, an open sqlite3 shell).',
    path,
    cause,
  );
}

/** The journal was used after `close()`. */
export function closed(path: string, what: string): JournalError {
  return new JournalError(
    JournalErrorCode.Closed,
    `Cannot ${what}: the journal at "${path}" is closed. Open a new Journal before writing or reading again.`,
    path,
  );
}

/** A caller passed an entry the schema would refuse; refused alone, before it could fail a whole batch. */
export function invalidEntry(path: string, problem: string): JournalError {
  return new JournalError(
    JournalErrorCode.InvalidEntry,
    `Refused an entry for the journal at "${path}": ${problem}. Nothing was stored; other requests are unaffected. ` +
      'This is a bug in the caller: every field must be set (use "unknown" for a sender whose address is lost).',
    path,
  );
}
