import type { Statement } from 'better-sqlite3';
import type { Connection } from './schema.js';
import { sql } from './schema.js';

/** Realized P&L of the closes since a time: every losing close summed (gross loss) and the net. */
export interface CloseSums {
  readonly grossLoss: number;
  readonly net: number;
}

interface Memo extends CloseSums {
  /** The largest closes id the sums have seen (0: none). */
  readonly throughId: number;
}

/** Memos kept at most (a new trading day starts new ones); past this the oldest go. */
const MAX_MEMOS = 64;

const loss = (match: string) => `COALESCE(SUM(CASE WHEN ${match} AND pnl < 0 THEN -pnl ELSE 0 END), 0)`;
const net = (match: string) => `COALESCE(SUM(CASE WHEN ${match} THEN pnl ELSE 0 END), 0)`;

// The first read of a sum takes the covering indexes (closes_day, closes_plugin_day) and notes the largest id.
const FRESH = (match: string) =>
  `SELECT ${loss('1')} AS grossLoss, ${net('1')} AS net, (SELECT COALESCE(MAX(id), 0) FROM closes) AS throughId
     FROM closes WHERE ${match}`;
// Later reads take only the rows inserted since, by id, counting those that match.
const ADDED = (match: string) =>
  `SELECT ${loss(match)} AS grossLoss, ${net(match)} AS net, MAX(id) AS throughId FROM closes WHERE id > @after`;

const ALL = 'closed_at >= @since';
const ONE = 'plugin = @plugin AND closed_at >= @since';

/** @internal The statements, for the tests of their query plans. */
export const closeTotalsSql = {
  freshAll: FRESH(ALL),
  freshOne: FRESH(ONE),
  addedAll: ADDED(ALL),
  addedOne: ADDED(ONE),
};

/**
 * Sums of the closes' P&L since a time, for the whole account or one plugin, kept up to date as closes are added.
 * The risk gate and every recorded close ask for the day's and the lifetime's sums: summed afresh, each order read
 * every close of the day and of the account's whole life, so an order cost more the longer the bot had traded.
 * Closes are only ever inserted, with ids that only grow, so a sum stays right for the rows up to the largest id
 * it saw, and the next read adds the rows after that id.
 */
export class CloseTotals {
  readonly #db: Connection;
  readonly #memos = new Map<string, Memo>();
  /** Sums read inside the running `within` transaction: kept only if it commits. */
  #tentative: Map<string, Memo> | undefined;
  readonly #dataVersion: Statement;
  #seenVersion: unknown;

  constructor(db: Connection) {
    this.#db = db;
    this.#dataVersion = db.prepare('PRAGMA data_version').pluck();
  }

  /** The sums of every close with `closed_at` at or after `sinceIso`, of `plugin` only when given. */
  since(sinceIso: string, plugin?: string): CloseSums {
    this.#forgetIfChangedElsewhere();
    const key = `${plugin ?? ''}\n${sinceIso}`;
    // Sums read in an earlier part of the running transaction, only while it is open: SQLite may have rolled it back
    // (a full disk) under code that caught the error and went on.
    const open = this.#db.inTransaction;
    const known = (open ? this.#tentative?.get(key) : undefined) ?? this.#memos.get(key);
    const match = plugin === undefined ? ALL : ONE;
    const params = { since: sinceIso, ...(plugin === undefined ? {} : { plugin }) };
    const next =
      known === undefined
        ? (sql(this.#db, FRESH(match)).get(params) as Memo)
        : add(known, sql(this.#db, ADDED(match)).get({ ...params, after: known.throughId }) as Partial<Memo>);
    // Inside a transaction the read may include rows a rollback takes back (and the next insert would reuse their
    // ids): kept once `within` sees that transaction commit, never when it runs in someone else's.
    if (!open) this.#remember(key, next);
    else this.#tentative?.set(key, next);
    return next;
  }

  /**
   * Runs `transaction` (one on this connection, nested ones included): the sums read inside it are kept once it
   * returns, having committed; a throw anywhere in it, caught further out or not, drops them.
   */
  within<T>(transaction: () => T): T {
    // Inside a transaction opened some other way, nothing read is kept: its commit is not this call's to see.
    const outermost = !this.#db.inTransaction;
    if (outermost) this.#tentative = new Map();
    try {
      const result = transaction();
      if (outermost) for (const [key, memo] of this.#tentative ?? []) this.#remember(key, memo);
      return result;
    } catch (error) {
      this.#tentative?.clear();
      throw error;
    } finally {
      if (outermost) this.#tentative = undefined;
    }
  }

  /**
   * Another connection (the operator's sqlite3, a restored backup) may have changed closes behind the kept sums:
   * SQLite's data_version moves when any other connection commits to the file, and then every sum is read afresh.
   */
  #forgetIfChangedElsewhere(): void {
    const version = this.#dataVersion.get();
    if (version === this.#seenVersion) return;
    this.#seenVersion = version;
    this.#memos.clear();
  }

  #remember(key: string, memo: Memo): void {
    this.#memos.delete(key);
    this.#memos.set(key, memo);
    if (this.#memos.size > MAX_MEMOS) this.#memos.delete(this.#memos.keys().next().value as string);
  }
}

/** Rounded to 1e-8 so that thousands of additions do not drift from what one SQL sum gives. */
const tidy = (value: number): number => Math.round(value * 1e8) / 1e8;

function add(known: Memo, added: Partial<Memo>): Memo {
  if (added.throughId === undefined || added.throughId === null) return known;
  return {
    throughId: added.throughId,
    grossLoss: tidy(known.grossLoss + (added.grossLoss ?? 0)),
    net: tidy(known.net + (added.net ?? 0)),
  };
}
