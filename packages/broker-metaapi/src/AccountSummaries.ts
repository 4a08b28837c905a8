import type { AccountSummary, TradeClose } from '@zepix/broker-api';
import { FreshCache } from './FreshCache.js';

const KEY = 'account';

/** What `closeStarting` hands back: the summary cached when the close began, if any. */
export interface CloseTicket {
  readonly before: AccountSummary | undefined;
}

/**
 * The cached account summary (two requests to MetaApi: account information and positions), reused for
 * `maxAgeMs`. The adapter's own orders count in at once. Its own close moves the cached balance by the closing
 * deal's P/L (profit, swap and commission), so a reversal's entry after its close does not wait for two more
 * requests; but only when the summary cached when the close began is still the one cached when it ended: a summary
 * read in between may already hold the close (MetaApi gives no transaction id to tell), and is dropped instead.
 * A close found by the deal poll drops the summary too, for the same reason.
 */
export class AccountSummaries {
  readonly #cache: FreshCache<AccountSummary>;

  constructor(maxAgeMs: number) {
    this.#cache = new FreshCache(maxAgeMs);
  }

  /** The summary if one fresh enough is cached. */
  get(): AccountSummary | undefined {
    return this.#cache.get(KEY);
  }

  /** A summary just read from MetaApi. */
  store(summary: AccountSummary): void {
    this.#cache.set(KEY, summary);
  }

  /** An order of ours opened a position. */
  opened(): void {
    this.#cache.amend(KEY, (s) => ({ ...s, openTrades: s.openTrades + 1 }));
  }

  /** Call as a close of ours begins; pass the ticket to `closed` or `clear` when it ends. */
  closeStarting(): CloseTicket {
    return { before: this.#cache.get(KEY) };
  }

  /** Our close went through: the summary cached all along takes its P/L; any other is dropped. */
  closed(ticket: CloseTicket, close: TradeClose): void {
    if (ticket.before === undefined || this.#cache.get(KEY) !== ticket.before) {
      this.clear();
      return;
    }
    this.#cache.amend(KEY, (s) => ({
      ...s,
      balance: Math.round((s.balance + close.realizedPnl) * 100) / 100,
      openTrades: s.openTrades - (close.remainingLots === 0 ? 1 : 0),
    }));
  }

  /** The balance or the positions moved in a way not accounted for here: the next caller reads MetaApi. */
  clear(): void {
    this.#cache.clear();
  }
}
