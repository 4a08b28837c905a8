import type { Result } from '@zepix/result';
/** How to open a journal. */
export interface JournalOptions {
  /** File path of the SQLite database, or `':memory:'` for tests (one connection, nothing on disk). */
  path: string;
  /** Durability of intake writes; `'FULL'` (default) fsyncs every group commit. */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long an intake write waits for another process's lock before failing; default 100 ms. */
  intakeBusyTimeoutMs?: number;
  /**
   * How long a bookkeeping write waits for another process's lock before failing with ZEPIX_JOURNAL_LOCKED; default
   * 5,000 ms. A journal whose bookkeeping runs on the thread that answers webhooks should wait no longer than its
   * intake writes do and write again later.
   */
  bookkeepingBusyTimeoutMs?: number;
  /**
   * How long a commit during a burst waits for more writes (ms); default 1. A single writer that awaits each
   * append (a replay) is always "in a burst" and should pass 0.
   */
  commitDelayMs?: number;
  /** Clock for bookkeeping timestamps (repeats, dispatch, outcomes, plugin state). */
  now?: () => Date;
}

/** What became of a webhook request. */
export type AlertRowStatus = 'accepted' | 'rejected' | 'unauthorized' | 'aborted';

/** An authenticated, parsed alert to store before answering. */
export interface AcceptedEntry {
  receivedAt: string;
  sender: string;
  contentType: string;
  /** Body text with the secret already removed by the caller. */
  raw: string;
  idempotencyKey: string;
  /** A repeat of the same key within this window is a duplicate; an older key is retired and the alert stored as new. */
  dedupWindowMs: number;
  /** The normalised alert, stored as JSON. */
  alert: unknown;
  family: string;
  kind: string;
  symbol: string;
}

/** A request refused before it became an alert (or abandoned by its sender), kept so nothing is thrown away. */
export interface RejectedEntry {
  receivedAt: string;
  sender: string;
  contentType: string;
  raw: string;
  status: 'rejected' | 'unauthorized' | 'aborted';
  httpStatus: number;
  errorCode: string;
  reason: string;
}

/** The id an append was stored under, or the id of the row it repeats. */
export type AppendResult = { id: number; duplicate: false } | { id: number; duplicate: true; firstReceivedAt: string };

/** One plugin's result for one alert. */
export interface OutcomeInput {
  alertId: number;
  plugin: string;
  status: 'ok' | 'skipped' | 'rejected' | 'failed';
  message: string;
  durationMs: number;
  errorCode?: string;
  data?: unknown;
}

/** A stored outcome; `attempts` counts deliveries of this alert to this plugin. */
export interface OutcomeRow extends OutcomeInput {
  attempts: number;
  at: string;
}

/** One journaled webhook request. */
export interface AlertRow {
  id: number;
  receivedAt: string;
  sender: string;
  contentType: string;
  raw: string;
  status: AlertRowStatus;
  httpStatus: number;
  errorCode: string | null;
  reason: string | null;
  idempotencyKey: string | null;
  family: string | null;
  kind: string | null;
  symbol: string | null;
  /** The normalised alert parsed back from JSON; null for rejected and unauthorized rows. */
  alert: unknown;
  /** `'none'` for rejected and unauthorized rows. */
  dispatchState: 'pending' | 'done' | 'none';
  repeatCount: number;
  lastRepeatAt: string | null;
  dispatchedAt: string | null;
}

/** A journaled request together with every plugin outcome recorded for it. */
export type AlertWithOutcomes = AlertRow & { outcomes: OutcomeRow[] };

/** Options for `Journal.list`. */
export interface ListOptions {
  status?: AlertRowStatus;
  /** Rows to return; default 50, at most 500. */
  limit?: number;
  /** Only rows with a smaller id, for paging backwards. */
  beforeId?: number;
}

/** Row totals for the operator view. */
export interface JournalCounts {
  total: number;
  accepted: number;
  rejected: number;
  unauthorized: number;
  /** Requests whose sender hung up or timed out before the body was complete. */
  aborted: number;
  /** Sum of repeats recognised as duplicates. */
  duplicates: number;
  pendingDispatch: number;
}

/** Whether a plugin is enabled, persisted across restarts. */
export interface PluginStateRow {
  plugin: string;
  enabled: boolean;
  reason: string;
  updatedAt: string;
}

/** Group-commit counters since open. */
export interface JournalStats {
  /** Intake transactions committed. */
  commits: number;
  /** Appends stored by those transactions (new rows and duplicates alike). */
  batchedWrites: number;
}

/**
 * Whether the journal can store webhook requests now; if not, the error (`ZEPIX_JOURNAL_WRITE_FAILED` or
 * `ZEPIX_JOURNAL_CLOSED`) says why and what to check.
 */
export type JournalHealth = Result<undefined>;
