import { ok } from '@zepix/broker-api';
import type { AccountSummary, BrokerResult } from '@zepix/broker-api';

/** A summary with the id of the last transaction it reflects (OANDA's `lastTransactionID`). */
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
 * before the next order: a reversal's entry after its close would otherwise wait for one more round trip. Fills
 * are applied in transaction order: one the summary already reflects, or seen twice (the answer and the stream),
 * changes nothing. Equity and unrealised P/L may lag by up to `ttlMs`.
 */
export class SummaryCache {
  #entry: { readonly at: number; answer: Promise<SummaryAnswer> } | undefined;

  constructor(
    private readonly ttlMs: number,
    private readonly fetch: () => Promise<SummaryAnswer>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(): Promise<BrokerResult<AccountSummary>> {
    const entry = this.#entry;
    if (entry !== undefined && this.now() - entry.at < this.ttlMs) return entry.answer.then((a) => a.result);
    const fresh = { at: this.now(), answer: this.fetch() };
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

  /** A fill happened: the cached summary takes its balance and trade count, unless it already reflects it. */
  filled(fill: FillEffect): void {
    const entry = this.#entry;
    if (entry === undefined) return;
    if (!Number.isFinite(fill.balance) || !Number.isFinite(fill.transactionId)) {
      this.invalidate();
      return;
    }
    entry.answer = entry.answer.then((answer) => {
      if (!answer.result.ok || fill.transactionId <= answer.throughTransaction) return answer;
      const summary = answer.result.value;
      return {
        throughTransaction: fill.transactionId,
        result: ok({ ...summary, balance: fill.balance, openTrades: summary.openTrades + fill.openTradesChange }),
      };
    });
  }
}
