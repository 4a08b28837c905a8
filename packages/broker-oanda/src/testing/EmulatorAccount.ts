import type { EmulatedInstrument } from './emulatorInstruments.js';
import { EmulatorLedger } from './EmulatorLedger.js';
import { decimal, money } from './emulatorState.js';
import type { ApiAnswer, DependentOrder, EmulatedTrade, Transaction } from './emulatorState.js';
import { cancelReason, refuseRequest, triggered } from './orderRules.js';
import type { MarketOrderBody } from './orderRules.js';
import { errorBody, tradeJson } from './wire.js';

type Kind = DependentOrder['type'];
const KEYS = { STOP_LOSS: 'stopLoss', TAKE_PROFIT: 'takeProfit' } as const;

/**
 * One emulated v20 account: market orders with SL/TP on fill, trades by id and `@clientID`, closes, dependent
 * orders, SL/TP triggered by prices. Pages: https://developer.oanda.com/rest-live-v20/order-ep/, trade-ep/.
 */
export class EmulatorAccount {
  readonly ledger: EmulatorLedger;
  readonly #priceListeners = new Set<(instrument: string) => void>();

  constructor(
    readonly id: string,
    readonly instruments: ReadonlyMap<string, EmulatedInstrument>,
    balance: number,
    now: () => string,
  ) {
    this.ledger = new EmulatorLedger(id, balance, now);
  }

  /** POST /v3/accounts/{id}/orders: 400 for a malformed request, 201 with a fill or a cancel otherwise. */
  createOrder(body: MarketOrderBody): ApiAnswer {
    const instrument = typeof body.instrument === 'string' ? this.instruments.get(body.instrument) : undefined;
    const refusal = refuseRequest(body, instrument);
    const quote = instrument === undefined ? undefined : this.ledger.quotes.get(instrument.name);
    if (refusal !== undefined || instrument === undefined || quote === undefined) {
      const reason = refusal ?? { reason: 'INSTRUMENT_PRICE_UNKNOWN', message: 'No price for the instrument' };
      return this.#reject('MARKET_ORDER_REJECT', reason.reason, reason.message, body);
    }
    const units = Number(body.units);
    const sl = body.stopLossOnFill === undefined ? undefined : Number(body.stopLossOnFill.price);
    const tp = body.takeProfitOnFill === undefined ? undefined : Number(body.takeProfitOnFill.price);
    const clientTradeId = body.tradeClientExtensions?.id as string | undefined;
    const inUse = clientTradeId !== undefined && this.ledger.find(`@${clientTradeId}`)?.state === 'OPEN';
    const create = this.ledger.record({ ...body, type: 'MARKET_ORDER', reason: 'CLIENT_ORDER' });
    const cancel = cancelReason(units, quote, sl, tp, inUse);
    if (cancel !== undefined) {
      const cancelled = this.ledger.record({ type: 'ORDER_CANCEL', orderID: create.id, reason: cancel });
      return this.#answer(201, { orderCreateTransaction: create, orderCancelTransaction: cancelled }, create.id);
    }
    const fill = this.#open(instrument, units, create, body);
    const trade = this.ledger.trades.get(fill.id) as EmulatedTrade;
    if (sl !== undefined) trade.stopLoss = this.#dependent(trade, 'STOP_LOSS', sl, 'ON_FILL');
    if (tp !== undefined) trade.takeProfit = this.#dependent(trade, 'TAKE_PROFIT', tp, 'ON_FILL');
    return this.#answer(201, { orderCreateTransaction: create, orderFillTransaction: fill }, create.id);
  }

  /** PUT /v3/accounts/{id}/trades/{spec}/close with `units` "ALL" or a number of units. */
  closeTrade(specifier: string, body: { readonly units?: unknown }): ApiAnswer {
    const trade = this.ledger.find(specifier);
    if (trade === undefined || trade.state !== 'OPEN') {
      return this.#reject('MARKET_ORDER_REJECT', 'TRADE_DOESNT_EXIST', 'The Trade specified does not exist', {}, 404);
    }
    const requested = typeof body.units === 'string' ? body.units : 'ALL';
    const open = Math.abs(trade.currentUnits);
    const units = requested === 'ALL' ? open : Number(requested);
    if (!Number.isFinite(units) || units <= 0) {
      return this.#reject('MARKET_ORDER_REJECT', 'UNITS_INVALID', 'Invalid value specified for units', body, 400);
    }
    if (units > open) {
      const message = 'The units specified exceed the size of the Trade';
      return this.#reject('MARKET_ORDER_REJECT', 'CLOSE_TRADE_UNITS_EXCEED_TRADE_SIZE', message, body, 400);
    }
    const quote = this.ledger.quotes.get(trade.instrument.name);
    const create = this.ledger.record({
      type: 'MARKET_ORDER',
      instrument: trade.instrument.name,
      units: decimal(-Math.sign(trade.currentUnits) * units, trade.instrument.tradeUnitsPrecision),
      tradeClose: { tradeID: trade.id, units: requested },
      reason: 'TRADE_CLOSE',
    });
    if (quote === undefined || !quote.tradeable) {
      const cancelled = this.ledger.record({ type: 'ORDER_CANCEL', orderID: create.id, reason: 'MARKET_HALTED' });
      return this.#answer(200, { orderCreateTransaction: create, orderCancelTransaction: cancelled }, create.id);
    }
    const price = trade.currentUnits > 0 ? quote.bid : quote.ask;
    const fill = this.ledger.fillClose(trade, units, price, { orderID: create.id, reason: 'MARKET_ORDER_TRADE_CLOSE' });
    return this.#answer(200, { orderCreateTransaction: create, orderFillTransaction: fill }, create.id);
  }

  /** PUT /v3/accounts/{id}/trades/{spec}/orders: replaces (or with null, cancels) the SL and/or TP. */
  setDependentOrders(specifier: string, body: Record<string, unknown>): ApiAnswer {
    const trade = this.ledger.find(specifier);
    if (trade === undefined || trade.state !== 'OPEN') {
      return { status: 404, body: errorBody('The Trade specified does not exist', 'TRADE_DOESNT_EXIST') };
    }
    const first = this.ledger.lastTransactionID;
    const answer: Record<string, unknown> = {};
    for (const kind of ['STOP_LOSS', 'TAKE_PROFIT'] as const) {
      const problem = this.#replaceDependent(trade, kind, body[KEYS[kind]], answer);
      if (problem !== undefined) return problem;
    }
    const fill = this.#trigger(trade);
    if (fill !== undefined)
      answer[`${fill.kind === 'STOP_LOSS' ? 'stopLoss' : 'takeProfit'}OrderFillTransaction`] = fill.fill;
    return this.#answer(200, answer, String(Number(first) + 1));
  }

  /** Sets a quote and fills every SL/TP it triggers. */
  setPrice(instrument: string, bid: number, ask: number, tradeable = true): void {
    const quote = { bid, ask, time: this.ledger.now(), tradeable };
    this.ledger.quotes.set(instrument, quote);
    for (const trade of this.ledger.openTrades()) {
      if (trade.instrument.name === instrument) this.#trigger(trade);
    }
    for (const listener of this.#priceListeners) listener(instrument);
  }

  /** Told the name of every instrument whose quote changed; returns the unsubscribe. */
  onPrice(listener: (instrument: string) => void): () => void {
    this.#priceListeners.add(listener);
    return () => this.#priceListeners.delete(listener);
  }

  /** Closes a trade as if from another platform (OANDA's web or mobile app): Zepix never asked for it. */
  closeElsewhere(tradeId: string): Transaction | undefined {
    const trade = this.ledger.find(tradeId);
    const quote = trade === undefined ? undefined : this.ledger.quotes.get(trade.instrument.name);
    if (trade === undefined || trade.state !== 'OPEN' || quote === undefined) return undefined;
    const price = trade.currentUnits > 0 ? quote.bid : quote.ask;
    return this.ledger.fillClose(trade, Math.abs(trade.currentUnits), price, { reason: 'MARKET_ORDER_TRADE_CLOSE' });
  }

  /** The wire shape of a trade, with its unrealised P/L at the latest quote. */
  tradeJson(trade: EmulatedTrade): Record<string, unknown> {
    return tradeJson(trade, this.ledger.unrealized(trade));
  }

  /** An `AccountSummary` (json/v20.json `definitions.AccountSummary`). */
  summary(): Record<string, unknown> {
    const open = this.ledger.openTrades();
    const unrealized = open.reduce((sum, trade) => sum + this.ledger.unrealized(trade), 0);
    const { balance } = this.ledger;
    return {
      id: this.id,
      currency: 'USD',
      balance: money(balance),
      NAV: money(balance + unrealized),
      unrealizedPL: money(unrealized),
      pl: money(0),
      marginUsed: money(0),
      marginAvailable: money(balance + unrealized),
      openTradeCount: open.length,
      openPositionCount: new Set(open.map((trade) => trade.instrument.name)).size,
      pendingOrderCount: open.reduce(
        (n, t) => n + Number(t.stopLoss !== undefined) + Number(t.takeProfit !== undefined),
        0,
      ),
      hedgingEnabled: false,
      lastTransactionID: this.ledger.lastTransactionID,
    };
  }

  #open(instrument: EmulatedInstrument, units: number, create: Transaction, body: MarketOrderBody): Transaction {
    const { price, fullPrice } = this.ledger.fillPrice(instrument, units);
    const extensions = body.tradeClientExtensions as EmulatedTrade['clientExtensions'];
    const unitsText = decimal(units, instrument.tradeUnitsPrecision);
    const priceText = decimal(price, instrument.displayPrecision);
    const tradeOpened = {
      tradeID: String(Number(this.ledger.lastTransactionID) + 1),
      units: unitsText,
      price: priceText,
    };
    const fill = this.ledger.record({
      type: 'ORDER_FILL',
      orderID: create.id,
      ...(typeof body.clientExtensions?.id === 'string' ? { clientOrderID: body.clientExtensions.id } : {}),
      instrument: instrument.name,
      units: unitsText,
      fullVWAP: priceText,
      fullPrice,
      reason: 'MARKET_ORDER',
      pl: money(0),
      financing: money(0),
      commission: money(0),
      accountBalance: money(this.ledger.balance),
      tradeOpened: { ...tradeOpened, ...(extensions === undefined ? {} : { clientExtensions: extensions }) },
    });
    this.ledger.trades.set(fill.id, {
      id: fill.id,
      instrument,
      price,
      openTime: fill.time as string,
      initialUnits: units,
      currentUnits: units,
      realizedPL: 0,
      closedValue: 0,
      state: 'OPEN',
      closingTransactionIDs: [],
      ...(extensions === undefined ? {} : { clientExtensions: extensions }),
    });
    return fill;
  }

  #dependent(trade: EmulatedTrade, type: Kind, price: number, reason: string, replaces?: string): DependentOrder {
    const created = this.ledger.record({
      type: `${type}_ORDER`,
      tradeID: trade.id,
      price: decimal(price, trade.instrument.displayPrecision),
      timeInForce: 'GTC',
      triggerCondition: 'DEFAULT',
      reason,
      ...(replaces === undefined ? {} : { replacesOrderID: replaces }),
    });
    return { id: created.id, type, price, createTime: created.time as string };
  }

  #replaceDependent(
    trade: EmulatedTrade,
    kind: Kind,
    details: unknown,
    answer: Record<string, unknown>,
  ): ApiAnswer | undefined {
    if (details === undefined) return undefined;
    const key = KEYS[kind];
    const current = trade[key];
    if (details === null) {
      if (current !== undefined)
        answer[`${key}OrderCancelTransaction`] = this.ledger.cancelDependent(current, 'CLIENT_REQUEST');
      trade[key] = undefined;
      return undefined;
    }
    const price = (details as { price?: unknown }).price;
    if (typeof price !== 'string' || !(Number(price) > 0) || !/^\d+(\.\d+)?$/.test(price)) {
      return { status: 400, body: errorBody(`Invalid value specified for ${key}.price`, 'PRICE_INVALID') };
    }
    if ((price.split('.')[1] ?? '').length > trade.instrument.displayPrecision) {
      return {
        status: 400,
        body: errorBody(`The ${key} price exceeds the precision allowed`, 'PRICE_PRECISION_EXCEEDED'),
      };
    }
    const replacement = this.#dependent(
      trade,
      kind,
      Number(price),
      current === undefined ? 'CLIENT_ORDER' : 'REPLACEMENT',
      current?.id,
    );
    if (current !== undefined) {
      answer[`${key}OrderCancelTransaction`] = this.ledger.cancelDependent(
        current,
        'CLIENT_REQUEST_REPLACED',
        replacement.id,
      );
    }
    answer[`${key}OrderTransaction`] = this.ledger.transactions.find((t) => t.id === replacement.id);
    trade[key] = replacement;
    return undefined;
  }

  /** Fills the SL or TP the latest quote triggers, at that quote (a gap fills at the market, not the level). */
  #trigger(trade: EmulatedTrade): { kind: Kind; fill: Transaction } | undefined {
    const quote = this.ledger.quotes.get(trade.instrument.name);
    if (quote === undefined || trade.state !== 'OPEN') return undefined;
    const kind = triggered(trade.currentUnits, quote, trade.stopLoss?.price, trade.takeProfit?.price);
    const order = kind === undefined ? undefined : trade[KEYS[kind]];
    if (kind === undefined || order === undefined) return undefined;
    trade[KEYS[kind]] = undefined;
    const price = trade.currentUnits > 0 ? quote.bid : quote.ask;
    const reason = `${kind}_ORDER`;
    const fill = this.ledger.fillClose(trade, Math.abs(trade.currentUnits), price, { orderID: order.id, reason });
    return { kind, fill };
  }

  #reject(type: string, reason: string, message: string, request: object, status = 400): ApiAnswer {
    const rejection = this.ledger.record({ ...request, type, rejectReason: reason });
    return this.#answer(
      status,
      { orderRejectTransaction: rejection, errorCode: reason, errorMessage: message },
      rejection.id,
    );
  }

  #answer(status: number, body: Record<string, unknown>, firstId: string): ApiAnswer {
    const last = Number(this.ledger.lastTransactionID);
    const related = Array.from({ length: last - Number(firstId) + 1 }, (_, i) => String(Number(firstId) + i));
    return {
      status,
      body: { ...body, relatedTransactionIDs: related, lastTransactionID: this.ledger.lastTransactionID },
    };
  }
}
