import { ok } from '@zepix/broker-api';
import type { AccountSummary, BrokerResult } from '@zepix/broker-api';

/** A summary with the id of the last transaction it reflects (OANDA's `lastTransactionID`; NaN when it did not say). */
export interface SummaryAnswer {
  readonly result: BrokerResult<AccountSummary>;
  readonly throughTransaction: number;
}

/** What an ORDER_FILL transaction says about the account: its id, the balance after it, trades opened minus closed. */
export interface FillEffect {
  readonly transactionId: number;
  readonly balance: number;
  readonly openTradesChange: number;
}

/**
 * The account summary, asked for at most once per `ttlMs` (concurrent callers share one request). The risk gate
 * reads the balance before every order: without this each order would cost two requests of OANDA's 100 per
 * second. Every fill (an order of ours, a close, an SL or TP) carries the balance after it (`accountBalance`), so
 * the cached summary takes that balance and counts the trades opened and closed, instead of asking OANDA again
 * before the next order: a reversal's entry after its close would otherwise wait for one more round trip. The
 * balance is the latest fill's by transaction id (the answer and the stream may bring fills out of order); each
 * fill's trades count once; a fill the summary already reflects changes nothing. Equity and unrealised P/L may
 * lag by up to `ttlMs`.
 */
export class SummaryCache {
  #entry: { readonly at: number; answer: Promise<Kept> } | undefined;

  constructor(
    private readonly ttlMs: number,
    private readonly fetch: () => Promise<SummaryAnswer>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(): Promise<BrokerResult<AccountSummary>> {
    const entry = this.#entry;
    if (entry !== undefined && this.now() - entry.at < this.ttlMs) return entry.answer.then((a) => a.result);
    const fresh = {
      at: this.now(),
      answer: this.fetch().then((a): Kept => ({ ...a, balanceThrough: a.throughTransaction, applied: new Set() })),
    };
    this.#entry = fresh;
    // A failed answer is not kept: the next caller asks again.
    void fresh.answer.then((answer) => {
      if (!answer.result.ok && this.#entry === fresh) this.#entry = undefined;
    });
    return fresh.answer.then((a) => a.result);
  }

  /** The balance moved in a way no fill reported: the next caller asks OANDA. */
  invalidate(): void {
    this.#entry = undefined;
  }

  /**
   * A fill happened: the cached summary counts its trades and, unless a later fill already set it, takes its
   * balance. A fill the summary already reflects, or one seen before, changes nothing. When the summary did not
   * say which transaction it reflects, or the fill carries no balance, the summary is dropped instead.
   */
  filled(fill: FillEffect): void {
    const entry = this.#entry;
    if (entry === undefined) return;
    if (!Number.isFinite(fill.balance) || !Number.isFinite(fill.transactionId)) {
      this.invalidate();
      return;
    }
    entry.answer = entry.answer.then((kept) => {
      if (!kept.result.ok) return kept;
      if (!Number.isFinite(kept.throughTransaction)) {
        if (this.#entry === entry) this.#entry = undefined;
        return kept;
      }
      if (fill.transactionId <= kept.throughTransaction || kept.applied.has(fill.transactionId)) return kept;
      const summary = kept.result.value;
      const latest = fill.transactionId > kept.balanceThrough;
      return {
        ...kept,
        balanceThrough: latest ? fill.transactionId : kept.balanceThrough,
        applied: new Set([...kept.applied, fill.transactionId]),
        result: ok({
          ...summary,
          balance: latest ? fill.balance : summary.balance,
          openTrades: summary.openTrades + fill.openTradesChange,
        }),
      };
    });
  }
}

/** A cached answer with what fills have done to it since. */
interface Kept extends SummaryAnswer {
  /** The transaction whose balance the summary now shows. */
  readonly balanceThrough: number;
  /** Fills applied since the summary was read (each counts once, from the answer or the stream). */
  readonly applied: ReadonlySet<number>;
}
