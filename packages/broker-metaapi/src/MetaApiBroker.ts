import { isBrokerUnknown } from '@zepix/broker-api';
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
import { MetaApiCode, isFailure, ok, readValue, rejected, unknown } from './answers.js';
import type { Failure } from './answers.js';
import { clientIdPrefix, prefixOf } from './clientIds.js';
import { AccountSummaries } from './AccountSummaries.js';
import { DealFeed } from './DealFeed.js';
import { MetaApiConfigError } from './errors.js';
import { closedTradeFromDeals, toBrokerTrade } from './mapping.js';
import { MetaApiHttp } from './MetaApiHttp.js';
import { MetaApiStore } from './MetaApiStore.js';
import { regionUrl } from './options.js';
import type { MetaApiBrokerOptions } from './options.js';
import { PriceWatch } from './PriceWatch.js';
import { SymbolSpecs } from './SymbolSpecs.js';
import { placeOrder, closePosition, modifyPosition } from './tradeActions.js';
import type { TradeContext } from './tradeActions.js';
import type {
  MetatraderAccountInformation,
  MetatraderDeal,
  MetatraderPosition,
  MetatraderSymbolPrice,
} from './wire.js';

const DAY = 86_400_000;

/** A Zepix broker over MetaApi's REST API for one MetaTrader 4/5 account. */
export class MetaApiBroker implements BrokerAdapter {
  readonly name = 'metaapi';
  readonly #http: MetaApiHttp;
  readonly #store: MetaApiStore;
  readonly #feed: DealFeed;
  readonly #listeners = new Set<(event: BrokerEvent) => void>();
  readonly #specs: SymbolSpecs;
  readonly #summaries: AccountSummaries;
  readonly #prices: PriceWatch;
  readonly #timer: NodeJS.Timeout | undefined;
  #closed = false;
  #polling = false;
  #seeded = false;

  private constructor(private readonly options: MetaApiBrokerOptions) {
    const now = options.now ?? (() => new Date());
    this.#http = new MetaApiHttp({
      baseUrl: options.apiUrl ?? regionUrl(options.region ?? 'new-york'),
      token: options.token,
      accountId: options.accountId,
      timeoutMs: options.timeoutMs ?? 10_000,
      maxRateLimitWaitMs: options.maxRateLimitWaitMs ?? 5_000,
    });
    this.#store = new MetaApiStore(options.dataPath);
    this.#specs = new SymbolSpecs(this.#http);
    this.#summaries = new AccountSummaries(options.summaryMaxAgeMs ?? 1_000);
    this.#prices = new PriceWatch({
      maxAgeMs: options.priceMaxAgeMs ?? 250,
      read: (symbol) =>
        this.#read<MetatraderSymbolPrice>(`/symbols/${encodeURIComponent(symbol)}/current-price`, `price of ${symbol}`),
      emit: (event) => this.#emit(event),
    });
    this.#feed = new DealFeed(this.#http, this.#store, { now, firstStart: new Date(now().getTime() - 60_000) });
    const every = options.pollIntervalMs ?? 2_000;
    if (every > 0) {
      this.#timer = setInterval(() => void this.#backgroundPoll(), every);
      this.#timer.unref();
    }
  }

  /** Opens the adapter; checks the options, not the connection (see `accountInformation`). */
  static open(options: MetaApiBrokerOptions): MetaApiBroker {
    if (options.token.trim() === '') {
      throw new MetaApiConfigError('the MetaApi token is empty', 'set ZEPIX_METAAPI_TOKEN to your MetaApi API token');
    }
    if (options.accountId.trim() === '') {
      throw new MetaApiConfigError(
        'the MetaApi account id is empty',
        'set broker.metaapi.account_id in the config or ZEPIX_METAAPI_ACCOUNT_ID',
      );
    }
    if (options.apiUrl !== undefined && !URL.canParse(options.apiUrl)) {
      throw new MetaApiConfigError(
        `ZEPIX_METAAPI_API_URL "${options.apiUrl}" is not a URL`,
        'use e.g. https://host:443',
      );
    }
    return new MetaApiBroker(options);
  }

  /** The account as MetaApi reports it: demo or live (`type`), platform, broker, server, currency. */
  async accountInformation(): Promise<BrokerResult<MetatraderAccountInformation>> {
    return this.#read<MetatraderAccountInformation>('/account-information', 'account information');
  }

  /**
   * The symbols the account offers (https://metaapi.cloud/docs/client/restApi/api/retrieveMarketData/readSymbols/,
   * an array of names).
   */
  async symbols(): Promise<BrokerResult<string[]>> {
    return this.#read<string[]>('/symbols', 'symbols');
  }

  placeMarketOrder(request: MarketOrderRequest): Promise<BrokerResult<BrokerTrade>> {
    this.#prices.watch(request.symbol);
    return this.#guard(async () => {
      const result = await placeOrder(this.#context(), request);
      if (result.ok) this.#summaries.opened();
      else if (isBrokerUnknown(result)) this.#summaries.clear();
      return result;
    });
  }

  closeTrade(request: { readonly tradeId: string; readonly lots?: number }): Promise<BrokerResult<TradeClose>> {
    return this.#guard(async () => {
      this.#feed.closing.add(request.tradeId);
      const ticket = this.#summaries.closeStarting();
      try {
        const result = await closePosition(this.#context(), request);
        if (result.ok) this.#summaries.closed(ticket, result.value);
        else this.#summaries.clear();
        if (result.ok) this.#emit({ type: 'trade_closed', close: result.value });
        return result;
      } finally {
        this.#feed.closing.delete(request.tradeId);
      }
    });
  }

  modifyTrade(request: {
    readonly tradeId: string;
    readonly stopLoss?: number;
    readonly takeProfit?: number;
  }): Promise<BrokerResult<BrokerTrade>> {
    return this.#guard(() => modifyPosition(this.#context(), request));
  }

  openTrades(): Promise<BrokerResult<readonly BrokerTrade[]>> {
    return this.#guard(async () => {
      const positions = await this.#positions();
      if (isFailure(positions)) return positions;
      return ok(positions.map((p) => toBrokerTrade(p, this.#clientOrderIdOf(p))));
    });
  }

  findByClientOrderId(clientOrderId: string): Promise<BrokerResult<BrokerTrade | ClosedTrade | undefined>> {
    return this.#guard<BrokerTrade | ClosedTrade | undefined>(async () => {
      const prefix = clientIdPrefix(clientOrderId);
      const positions = await this.#positions();
      if (isFailure(positions)) return positions;
      const open = positions.find((p) => prefixOf(p.clientId) === prefix);
      if (open !== undefined) return ok(toBrokerTrade(open, clientOrderId));
      const deals = await this.#dealsOf(prefix);
      if (isFailure(deals)) return deals;
      return ok(closedTradeFromDeals(deals, clientOrderId));
    });
  }

  accountSummary(): Promise<BrokerResult<AccountSummary>> {
    return this.#guard(async () => {
      const cached = this.#summaries.get();
      if (cached !== undefined) return ok(cached);
      const info = await this.accountInformation();
      if (!info.ok) return info;
      const positions = await this.#positions();
      if (isFailure(positions)) return positions;
      const { currency, balance, equity } = info.value;
      const unrealizedPnl = Math.round((equity - balance - info.value.credit) * 100) / 100;
      const summary = { currency, balance, equity, unrealizedPnl, openTrades: positions.length };
      this.#summaries.store(summary);
      return ok(summary);
    });
  }

  /**
   * The current price (reused for `priceMaxAgeMs`); the symbol is watched from then on and its changes are
   * emitted as price events.
   */
  getPrice(symbol: string): Promise<BrokerResult<PriceTick>> {
    this.#prices.watch(symbol);
    const cached = this.#prices.cached(symbol);
    return cached !== undefined ? Promise.resolve(ok(cached)) : this.#guard(() => this.#prices.read(symbol));
  }

  /**
   * Reads the price of every watched symbol (those traded or asked for). MetaApi's REST API has no price stream,
   * so this poll is what feeds chains and monitors their ticks.
   */
  async pollPrices(): Promise<void> {
    await Promise.all(this.#prices.symbols().map((symbol) => this.#guard(() => this.#prices.read(symbol))));
  }

  /** Reads the history deals since the last one seen and reports SL/TP and terminal closes to the listeners. */
  pollDeals(): Promise<BrokerResult<TradeClose[]>> {
    return this.#guard(async () => {
      const result = await this.#feed.poll();
      if (!result.ok) return result;
      if (result.value.length > 0) this.#summaries.clear();
      for (const close of result.value) this.#emit({ type: 'trade_closed', close });
      return result;
    });
  }

  onEvent(listener: (event: BrokerEvent) => void): () => void {
    const wrapped = (event: BrokerEvent) => listener(event);
    this.#listeners.add(wrapped);
    return () => this.#listeners.delete(wrapped);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    await this.#feed.idle();
    while (this.#polling) await new Promise((resolve) => setTimeout(resolve, 5));
    await this.#http.close();
    this.#store.close();
  }

  async #backgroundPoll(): Promise<void> {
    if (this.#polling) return;
    this.#polling = true;
    try {
      if (!this.#seeded) await this.#watchOpenPositions();
      const result = await this.pollDeals();
      if (!result.ok && !this.#closed) this.options.onPollError?.(result.error.message);
      await this.pollPrices();
    } finally {
      this.#polling = false;
    }
  }

  /** After a restart the symbols of positions still open are watched, so chains and monitors keep their ticks. */
  async #watchOpenPositions(): Promise<void> {
    const positions = await this.#positions();
    if (isFailure(positions)) return;
    for (const p of positions) this.#prices.watch(p.symbol);
    this.#seeded = true;
  }

  #context(): TradeContext {
    return {
      http: this.#http,
      store: this.#store,
      feed: this.#feed,
      spec: (symbol) => this.#specs.of(symbol),
      find: (id) => this.findByClientOrderId(id),
    };
  }

  async #positions(): Promise<MetatraderPosition[] | Failure> {
    return readValue(await this.#http.get<MetatraderPosition[]>('/positions'), 'positions');
  }

  /** Deals of an order by its clientId prefix: by its position when known, else over the lookback window. */
  async #dealsOf(prefix: string): Promise<MetatraderDeal[] | Failure> {
    const positionId = this.#store.byPrefix(prefix)?.position_id;
    const now = (this.options.now ?? (() => new Date()))().getTime();
    const path =
      positionId !== null && positionId !== undefined
        ? `/history-deals/position/${encodeURIComponent(positionId)}`
        : `/history-deals/time/${new Date(now - (this.options.lookbackMs ?? 7 * DAY)).toISOString()}/${new Date(now + 60_000).toISOString()}`;
    const deals = readValue(await this.#http.get<MetatraderDeal[]>(path), 'history deals');
    if (isFailure(deals)) return deals;
    const mine = deals.filter((d) => prefixOf(d.clientId) === prefix);
    const positionOf = mine.find((d) => d.entryType === 'DEAL_ENTRY_IN')?.positionId;
    return positionOf === undefined ? mine : deals.filter((d) => d.positionId === positionOf);
  }

  #clientOrderIdOf(position: MetatraderPosition): string {
    const prefix = prefixOf(position.clientId);
    const row =
      (prefix === undefined ? undefined : this.#store.byPrefix(prefix)) ?? this.#store.byPosition(position.id);
    return row?.client_order_id ?? position.clientId ?? '';
  }

  async #read<T>(path: string, what: string): Promise<BrokerResult<T>> {
    if (this.#closed) return rejected(MetaApiCode.closed, `${what}: the MetaApi adapter is closed`);
    const value = readValue(await this.#http.get<T>(path), what);
    return isFailure(value) ? value : ok(value);
  }

  async #guard<T>(work: () => Promise<BrokerResult<T>>): Promise<BrokerResult<T>> {
    if (this.#closed) return rejected(MetaApiCode.closed, 'the MetaApi adapter is closed');
    try {
      return await work();
    } catch (error) {
      return unknown(`MetaApi call failed unexpectedly: ${(error as Error).message}`);
    }
  }

  #emit(event: BrokerEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.options.onListenerError?.(error);
      }
    }
  }
}
