import type { PriceTick } from '@zepix/broker-api';
import type { InstrumentBook } from './InstrumentBook.js';
import { NdjsonStream } from './NdjsonStream.js';
import type { OandaHttp } from './OandaHttp.js';
import { OANDA_HOSTS } from './options.js';
import type { OandaBrokerOptions } from './options.js';
import { TransactionFollower } from './TransactionFollower.js';
import type { Json } from './translate.js';

/** Where the feeds deliver. */
export interface FeedSinks {
  readonly price: (tick: PriceTick) => void;
  readonly transaction: (transaction: Json) => Promise<void>;
}

/**
 * The two streams of an account: prices of the symbols Zepix trades (GET …/pricing/stream) and the
 * transaction log (GET …/transactions/stream), each caught up after every reconnection: prices by the stream's
 * own snapshot, transactions by `transactions/sinceid` from the last id taken
 * (https://developer.oanda.com/rest-live-v20/transaction-ep/).
 */
export class OandaFeeds {
  readonly #prices = new Map<string, PriceTick>();
  readonly #follower: TransactionFollower;
  readonly #streams: NdjsonStream[] = [];

  constructor(
    options: OandaBrokerOptions,
    http: OandaHttp,
    private readonly book: InstrumentBook,
    base: string,
    cursor: string,
    private readonly sinks: FeedSinks,
  ) {
    this.#follower = new TransactionFollower(
      cursor,
      async (id) => {
        const outcome = await http.get(`${base}/transactions/sinceid?id=${encodeURIComponent(id)}`);
        if (outcome.kind !== 'answer' || outcome.status !== 200) {
          throw new Error(`catching up on OANDA transactions since ${id} failed; will retry on reconnect`);
        }
        return Array.isArray(outcome.body.transactions) ? (outcome.body.transactions as Json[]) : [];
      },
      sinks.transaction,
      options.onTransactionCursor,
    );
    const origin = options.streamUrl ?? OANDA_HOSTS[options.environment].stream;
    const common = {
      origin,
      token: options.token,
      silenceMs: options.streamSilenceMs ?? 15_000,
      reconnectDelayMs: options.reconnectDelayMs ?? 500,
      onProblem: options.onStreamProblem ?? (() => undefined),
    };
    this.#streams.push(
      new NdjsonStream({
        ...common,
        path: `${base}/transactions/stream`,
        onOpen: () => this.#follower.catchUp(),
        onLine: (line) =>
          line.type === 'HEARTBEAT' ? this.#follower.heartbeat(line.lastTransactionID) : this.#follower.accept(line),
      }),
    );
    const names = (options.priceSymbols ?? []).flatMap((symbol) => book.bySymbol(symbol)?.name ?? []);
    if (names.length > 0) {
      this.#streams.push(
        new NdjsonStream({
          ...common,
          path: `${base}/pricing/stream?instruments=${[...new Set(names)].join(',')}`,
          onOpen: () => Promise.resolve(),
          onLine: (line) => this.#onPrice(line),
        }),
      );
    }
  }

  get cursor(): string {
    return this.#follower.cursor;
  }

  start(): void {
    for (const stream of this.#streams) stream.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.#streams.map((stream) => stream.stop()));
  }

  /** Claims a transaction the adapter reported from a REST answer, so the stream does not report it again. */
  claim(id: string): boolean {
    return this.#follower.claim(id);
  }

  price(symbol: string): PriceTick | undefined {
    return this.#prices.get(symbol);
  }

  /** A v20 `ClientPrice` as a tick: the best bid and ask (closeout prices when the buckets are empty). */
  toTick(price: Json): PriceTick | undefined {
    const bids = Array.isArray(price.bids) ? (price.bids as Json[]) : [];
    const asks = Array.isArray(price.asks) ? (price.asks as Json[]) : [];
    const bid = Number(bids[0]?.price ?? price.closeoutBid);
    const ask = Number(asks[0]?.price ?? price.closeoutAsk);
    if (!(bid > 0) || !(ask > 0)) return undefined;
    return { symbol: this.book.symbolOf(String(price.instrument)), bid, ask, time: String(price.time) };
  }

  #onPrice(line: Json): void {
    if (line.type !== 'PRICE') return;
    const tick = this.toTick(line);
    if (tick === undefined) return;
    this.#prices.set(tick.symbol, tick);
    this.sinks.price(tick);
  }
}
