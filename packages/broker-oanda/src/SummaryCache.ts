import type { AccountSummary, BrokerResult } from '@zepix/broker-api';

/**
 * The account summary, asked for at most once per `ttlMs` (concurrent callers share one request). The risk gate
 * reads the balance before every order: without this each order would cost two requests of OANDA's 100 per
 * second. A close (requested or made by OANDA) drops the cached answer, since it moves the balance; an order
 * opened counts in `openTrades` at once. Equity and unrealised P/L may lag by up to `ttlMs`.
 */
export class SummaryCache {
  #entry: { readonly at: number; answer: Promise<BrokerResult<AccountSummary>> } | undefined;

  constructor(
    private readonly ttlMs: number,
    private readonly fetch: () => Promise<BrokerResult<AccountSummary>>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(): Promise<BrokerResult<AccountSummary>> {
    const entry = this.#entry;
    if (entry !== undefined && this.now() - entry.at < this.ttlMs) return entry.answer;
    const fresh = { at: this.now(), answer: this.fetch() };
    this.#entry = fresh;
    // A failed answer is not kept: the next caller asks again.
    void fresh.answer.then((answer) => {
      if (!answer.ok && this.#entry === fresh) this.#entry = undefined;
    });
    return fresh.answer;
  }

  /** The balance moved: the next caller asks OANDA. */
  invalidate(): void {
    this.#entry = undefined;
  }

  /** A trade opened: count it without asking again. */
  opened(): void {
    const entry = this.#entry;
    if (entry === undefined) return;
    entry.answer = entry.answer.then((answer) =>
      answer.ok ? { ...answer, value: { ...answer.value, openTrades: answer.value.openTrades + 1 } } : answer,
    );
  }
}
