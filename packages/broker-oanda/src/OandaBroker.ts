import type {
  AccountSummary,
  BrokerAdapter,
  BrokerEvent,
  BrokerResult,
  BrokerTrade,
  ClosedTrade,
  MarketOrderRequest,
  PriceTick,
  TradeClose,
} from '@zepix/broker-api';
import { cancelled, failure, ok, rejected } from './answers.js';
import { checkAccount } from './connectChecks.js';
import { OandaCode } from './errors.js';
import { InstrumentBook } from './InstrumentBook.js';
import { OandaFeeds } from './OandaFeeds.js';
import { OandaHttp } from './OandaHttp.js';
import { OANDA_HOSTS } from './options.js';
import type { OandaBrokerOptions } from './options.js';
import { fillEffect, knownTrade, reductions, text, toBrokerTrade, toTradeClose } from './translate.js';
import type { Json, KnownTrade } from './translate.js';
import { marketOrderBody, openedTrade } from './marketOrders.js';
import { stopsProblem } from './stops.js';
import { SummaryCache } from './SummaryCache.js';
import type { SummaryAnswer } from './SummaryCache.js';

type Listener = (event: BrokerEvent) => void;

/**
 * The OANDA v20 adapter. Orders carry the client order id in both `clientExtensions.id` and
 * `tradeClientExtensions.id`, so a trade is found by `@<id>` after a lost answer; SL/TP ride on the fill and move
 * through the trade's dependent orders; prices and closes made by OANDA arrive on the streams.
 */
export class OandaBroker implements BrokerAdapter {
  readonly name = 'oanda';
  readonly #http: OandaHttp;
  readonly #book: InstrumentBook;
  readonly #feeds: OandaFeeds;
  readonly #known = new Map<string, KnownTrade>();
  readonly #listeners = new Set<Listener>();
  readonly #unheard: BrokerEvent[] = [];
  readonly #base: string;
  readonly #options: OandaBrokerOptions;
  readonly #summary: SummaryCache;
  #closed = false;

  private constructor(options: OandaBrokerOptions, http: OandaHttp, book: InstrumentBook, summary: Json) {
    this.#options = options;
    this.#http = http;
    this.#book = book;
    this.#base = `/v3/accounts/${encodeURIComponent(options.accountId)}`;
    this.currency = text(summary.currency);
    this.#summary = new SummaryCache(options.summaryCacheMs ?? 1_000, () => this.#fetchSummary());
    const cursor = options.lastTransactionId ?? text(summary.lastTransactionID, '0');
    this.#feeds = new OandaFeeds(options, http, book, this.#base, cursor, {
      price: (tick) => this.#emit({ type: 'price', tick }),
      transaction: (transaction) => this.#onTransaction(transaction),
    });
  }

  /** The account's home currency. */
  readonly currency: string;

  /**
   * Checks token and account (throws OandaConnectError naming OANDA and the fix), loads the instruments,
   * remembers the open trades and starts the streams, which first catch up from `lastTransactionId`.
   */
  static async connect(options: OandaBrokerOptions): Promise<OandaBroker> {
    const apiUrl = options.apiUrl ?? OANDA_HOSTS[options.environment].api;
    const http = new OandaHttp({ ...options, baseUrl: apiUrl });
    try {
      const facts = await checkAccount(http, options.accountId, new URL(apiUrl).host);
      const broker = new OandaBroker(
        options,
        http,
        new InstrumentBook(facts.instruments, options.symbolMap),
        facts.summary,
      );
      await broker.openTrades();
      broker.#feeds.start();
      return broker;
    } catch (error) {
      await http.close();
      throw error;
    }
  }

  get accountId(): string {
    return this.#options.accountId;
  }

  get environment(): 'practice' | 'live' {
    return this.#options.environment;
  }

  /** Every Zepix symbol the account trades. */
  get symbols(): string[] {
    return this.#book.symbols;
  }

  /** The id of the last transaction taken in order (persist it to catch up after a restart). */
  get lastTransactionId(): string {
    return this.#feeds.cursor;
  }

  async placeMarketOrder(request: MarketOrderRequest): Promise<BrokerResult<BrokerTrade>> {
    const spec = this.#book.bySymbol(request.symbol);
    if (spec === undefined) return this.#unknownSymbol(request.symbol);
    const units = this.#book.units(spec, request.lots);
    if (!(units >= spec.minimumTradeSize)) {
      const reason = `${request.lots} lots of ${request.symbol} is ${units} units, below OANDA's minimum of ${spec.minimumTradeSize} for ${spec.name}`;
      return rejected(OandaCode.belowMinimum, reason);
    }
    const order = marketOrderBody(request, spec, units, this.#book);
    const outcome = await this.#http.write('POST', `${this.#base}/orders`, { order });
    if (outcome.kind !== 'answer' || outcome.status !== 201) return failure(outcome, `order ${request.clientOrderId}`);
    const fill = outcome.body.orderFillTransaction as Json | undefined;
    if (fill === undefined) return cancelled((outcome.body.orderCancelTransaction ?? {}) as Json);
    const { known, trade } = openedTrade(fill, request, spec, this.#book);
    this.#known.set(known.tradeId, known);
    this.#summary.filled(fillEffect(fill));
    return ok(trade);
  }

  async closeTrade(request: { readonly tradeId: string; readonly lots?: number }): Promise<BrokerResult<TradeClose>> {
    const known = await this.#knownTrade(request.tradeId);
    const spec = known === undefined ? undefined : this.#book.byName(known.instrument);
    if (known === undefined || spec === undefined) return this.#noTrade(request.tradeId);
    const units =
      request.lots === undefined ? 'ALL' : this.#book.units(spec, request.lots).toFixed(spec.tradeUnitsPrecision);
    const path = `${this.#base}/trades/${encodeURIComponent(request.tradeId)}/close`;
    const outcome = await this.#http.write('PUT', path, { units });
    if (outcome.kind !== 'answer' || outcome.status !== 200)
      return failure(outcome, `close of trade ${request.tradeId}`);
    const fill = outcome.body.orderFillTransaction as Json | undefined;
    if (fill === undefined) return cancelled((outcome.body.orderCancelTransaction ?? {}) as Json);
    const reduce = reductions(fill).find((entry) => String(entry.tradeID) === request.tradeId);
    if (reduce === undefined) return failure({ kind: 'lost', reason: 'the fill did not name the trade' }, 'close');
    const close = toTradeClose(reduce, fill, known, this.#book);
    this.#summary.filled(fillEffect(fill));
    if (this.#feeds.claim(String(fill.id))) this.#emit({ type: 'trade_closed', close });
    return ok(close);
  }

  async modifyTrade(request: {
    readonly tradeId: string;
    readonly stopLoss?: number;
    readonly takeProfit?: number;
  }): Promise<BrokerResult<BrokerTrade>> {
    const known = await this.#knownTrade(request.tradeId);
    const spec = known === undefined ? undefined : this.#book.byName(known.instrument);
    if (known === undefined || spec === undefined) return this.#noTrade(request.tradeId);
    const price = await this.getPrice(known.symbol);
    if (price.ok) {
      const problem = stopsProblem(known.direction, price.value, request.stopLoss, request.takeProfit);
      if (problem !== undefined) return rejected(OandaCode.invalidStops, problem);
    }
    const body: Json = {};
    if (request.stopLoss !== undefined)
      body.stopLoss = { price: this.#book.price(spec, request.stopLoss), timeInForce: 'GTC' };
    if (request.takeProfit !== undefined)
      body.takeProfit = { price: this.#book.price(spec, request.takeProfit), timeInForce: 'GTC' };
    const path = `${this.#base}/trades/${encodeURIComponent(request.tradeId)}/orders`;
    const outcome = await this.#http.write('PUT', path, body);
    if (outcome.kind !== 'answer' || outcome.status !== 200)
      return failure(outcome, `change of SL/TP on trade ${request.tradeId}`);
    const trade = await this.#trade(request.tradeId);
    if (!trade.ok) return trade;
    return trade.value === undefined ? this.#noTrade(request.tradeId) : ok(trade.value as BrokerTrade);
  }

  async openTrades(): Promise<BrokerResult<readonly BrokerTrade[]>> {
    const outcome = await this.#http.get(`${this.#base}/openTrades`);
    if (outcome.kind !== 'answer' || outcome.status !== 200) return failure(outcome, 'open trades');
    const trades = (Array.isArray(outcome.body.trades) ? (outcome.body.trades as Json[]) : []).sort(
      (a, b) => Number(a.id) - Number(b.id),
    );
    for (const trade of trades) this.#known.set(String(trade.id), knownTrade(trade, this.#book));
    return ok(trades.map((trade) => toBrokerTrade(trade, this.#book) as BrokerTrade));
  }

  findByClientOrderId(clientOrderId: string): Promise<BrokerResult<BrokerTrade | ClosedTrade | undefined>> {
    return this.#trade(`@${clientOrderId}`);
  }

  /** Balance, equity, unrealised P/L and open trades; asked at most once a second (see SummaryCache). */
  accountSummary(): Promise<BrokerResult<AccountSummary>> {
    return this.#summary.get();
  }

  async #fetchSummary(): Promise<SummaryAnswer> {
    const outcome = await this.#http.get(`${this.#base}/summary`);
    if (outcome.kind !== 'answer' || outcome.status !== 200)
      return { result: failure(outcome, 'account summary'), throughTransaction: Number.NaN };
    const account = (outcome.body.account ?? {}) as Json;
    return {
      throughTransaction: Number(outcome.body.lastTransactionID ?? account.lastTransactionID ?? Number.NaN),
      result: ok({
        currency: String(account.currency),
        balance: Number(account.balance),
        equity: Number(account.NAV),
        unrealizedPnl: Number(account.unrealizedPL),
        openTrades: Number(account.openTradeCount),
      }),
    };
  }

  /** The latest streamed price, or one asked for when the stream has not sent the symbol yet. */
  async getPrice(symbol: string): Promise<BrokerResult<PriceTick>> {
    const streamed = this.#feeds.price(symbol);
    if (streamed !== undefined) return ok(streamed);
    const spec = this.#book.bySymbol(symbol);
    if (spec === undefined) return this.#unknownSymbol(symbol);
    const outcome = await this.#http.get(`${this.#base}/pricing?instruments=${spec.name}`);
    if (outcome.kind !== 'answer' || outcome.status !== 200) return failure(outcome, `price of ${symbol}`);
    const [price] = Array.isArray(outcome.body.prices) ? (outcome.body.prices as Json[]) : [];
    const tick = price === undefined ? undefined : this.#feeds.toTick(price);
    return tick === undefined ? rejected(OandaCode.noPrice, `OANDA has no price for ${spec.name} yet`) : ok(tick);
  }

  onEvent(listener: (event: BrokerEvent) => void): () => void {
    const subscription: Listener = (event) => listener(event);
    this.#listeners.add(subscription);
    // Closes caught up before anyone listened (on connect) go to the first listener.
    for (const event of this.#unheard.splice(0)) this.#deliver(subscription, event);
    return () => {
      this.#listeners.delete(subscription);
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#listeners.clear();
    await this.#feeds.stop();
    await this.#http.close();
  }

  async #trade(specifier: string): Promise<BrokerResult<BrokerTrade | ClosedTrade | undefined>> {
    const outcome = await this.#http.get(`${this.#base}/trades/${encodeURIComponent(specifier)}`);
    if (outcome.kind === 'answer' && outcome.status === 404) return ok(undefined);
    if (outcome.kind !== 'answer' || outcome.status !== 200) return failure(outcome, `trade ${specifier}`);
    const trade = (outcome.body.trade ?? {}) as Json;
    if (trade.state === 'OPEN') this.#known.set(String(trade.id), knownTrade(trade, this.#book));
    return ok(toBrokerTrade(trade, this.#book));
  }

  async #knownTrade(tradeId: string, unitsBefore?: number): Promise<KnownTrade | undefined> {
    const cached = this.#known.get(tradeId);
    if (cached !== undefined) return cached;
    const outcome = await this.#http.get(`${this.#base}/trades/${encodeURIComponent(tradeId)}`);
    if (outcome.kind !== 'answer' || outcome.status !== 200) return undefined;
    const known = knownTrade((outcome.body.trade ?? {}) as Json, this.#book);
    // Fetched after a close: put back the units that close took, so the close is described from before it.
    if (unitsBefore !== undefined) known.units += unitsBefore;
    this.#known.set(tradeId, known);
    return known;
  }

  /** A transaction from the stream or a catch-up: report every trade it closed or reduced. */
  async #onTransaction(transaction: Json): Promise<void> {
    if (transaction.type !== 'ORDER_FILL') return;
    this.#summary.filled(fillEffect(transaction));
    for (const reduce of reductions(transaction)) {
      const tradeId = String(reduce.tradeID);
      const known = await this.#knownTrade(tradeId, Math.abs(Number(reduce.units)));
      if (known === undefined) continue;
      const close = toTradeClose(reduce, transaction, known, this.#book);
      if (close.remainingLots === 0) this.#known.delete(tradeId);
      this.#emit({ type: 'trade_closed', close });
    }
  }

  #emit(event: BrokerEvent): void {
    if (this.#listeners.size === 0) {
      if (event.type === 'trade_closed') this.#unheard.push(event);
      return;
    }
    for (const listener of [...this.#listeners]) this.#deliver(listener, event);
  }

  #deliver(listener: Listener, event: BrokerEvent): void {
    try {
      listener(event);
    } catch (error) {
      try {
        this.#options.onListenerError?.(error);
      } catch {
        // A failing error reporter must not reach the streams either.
      }
    }
  }

  #unknownSymbol(symbol: string): BrokerResult<never> {
    const reason = `OANDA account ${this.accountId} has no instrument for ${symbol}; map it in intake.symbol_map or check the account's instruments`;
    return rejected(OandaCode.unknownSymbol, reason);
  }

  #noTrade(tradeId: string): BrokerResult<never> {
    return rejected(OandaCode.tradeUnknown, `OANDA has no open trade ${tradeId}`);
  }
}
