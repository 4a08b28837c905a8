import { quoteToUsd } from './emulatorInstruments.js';
import type { EmulatedInstrument } from './emulatorInstruments.js';
import { decimal, money } from './emulatorState.js';
import type { DependentOrder, EmulatedTrade, Quote, Transaction } from './emulatorState.js';
import { clientPrice } from './wire.js';

/**
 * The account's books: the transaction log (ids shared by orders and trades, as in v20 where an order's id is
 * its create transaction's and a trade's id is its fill's), the trades, the balance and the quotes.
 */
export class EmulatorLedger {
  balance: number;
  readonly trades = new Map<string, EmulatedTrade>();
  readonly transactions: Transaction[] = [];
  readonly quotes = new Map<string, Quote>();
  readonly #listeners = new Set<(transaction: Transaction) => void>();
  #lastId = 0;

  constructor(
    readonly accountId: string,
    balance: number,
    readonly now: () => string,
  ) {
    this.balance = balance;
  }

  get lastTransactionID(): string {
    return String(this.#lastId);
  }

  /** Appends a transaction (its id is the next one) and tells the transaction streams. */
  record(fields: Record<string, unknown> & { readonly type: string }): Transaction {
    this.#lastId += 1;
    const transaction: Transaction = {
      id: String(this.#lastId),
      time: this.now(),
      userID: 1,
      accountID: this.accountId,
      batchID: String(this.#lastId),
      ...fields,
    };
    this.transactions.push(transaction);
    for (const listener of this.#listeners) listener(transaction);
    return transaction;
  }

  onTransaction(listener: (transaction: Transaction) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The trade named by its id or by `@clientID`, open or closed. */
  find(specifier: string): EmulatedTrade | undefined {
    if (!specifier.startsWith('@')) return this.trades.get(specifier);
    const clientId = specifier.slice(1);
    const matches = [...this.trades.values()].filter((trade) => trade.clientExtensions?.id === clientId);
    return matches.find((trade) => trade.state === 'OPEN') ?? matches.at(-1);
  }

  openTrades(): EmulatedTrade[] {
    return [...this.trades.values()].filter((trade) => trade.state === 'OPEN').reverse();
  }

  /** Unrealised P/L of a trade at the price that would close it (bid for a long, ask for a short). */
  unrealized(trade: EmulatedTrade): number {
    const quote = this.quotes.get(trade.instrument.name);
    if (quote === undefined || trade.state !== 'OPEN') return 0;
    const exit = trade.currentUnits > 0 ? quote.bid : quote.ask;
    return quoteToUsd(trade.instrument.name, (exit - trade.price) * trade.currentUnits, exit);
  }

  /** The fill price for `units` (ask for a buy, bid for a sell) and the fill's `fullPrice`. */
  fillPrice(instrument: EmulatedInstrument, units: number): { price: number; fullPrice: Record<string, unknown> } {
    const quote = this.quotes.get(instrument.name);
    if (quote === undefined) throw new Error(`no quote for ${instrument.name}`);
    return { price: units > 0 ? quote.ask : quote.bid, fullPrice: clientPrice(instrument, quote) };
  }

  /**
   * Records an ORDER_FILL that closes `units` (positive) of `trade` at `price`: `tradesClosed` when nothing is left,
   * `tradeReduced` otherwise, with the realised P/L credited to the balance.
   */
  fillClose(trade: EmulatedTrade, units: number, price: number, extra: Record<string, unknown>): Transaction {
    const direction = trade.currentUnits > 0 ? 1 : -1;
    const pl = quoteToUsd(trade.instrument.name, (price - trade.price) * units * direction, price);
    const remaining = trade.currentUnits - units * direction;
    this.balance += pl;
    const reduce = {
      tradeID: trade.id,
      units: decimal(-units * direction, trade.instrument.tradeUnitsPrecision),
      price: decimal(price, trade.instrument.displayPrecision),
      realizedPL: money(pl),
      financing: money(0),
      halfSpreadCost: money(0),
    };
    const fill = this.record({
      type: 'ORDER_FILL',
      instrument: trade.instrument.name,
      units: reduce.units,
      fullVWAP: reduce.price,
      pl: money(pl),
      financing: money(0),
      commission: money(0),
      accountBalance: money(this.balance),
      ...(remaining === 0 ? { tradesClosed: [reduce] } : { tradeReduced: reduce }),
      ...extra,
    });
    trade.currentUnits = remaining;
    trade.realizedPL += pl;
    trade.closedValue += price * units;
    trade.closingTransactionIDs.push(fill.id);
    if (remaining === 0) this.#finish(trade);
    return fill;
  }

  /** Cancels a dependent order, saying why. */
  cancelDependent(order: DependentOrder, reason: string, replacedByOrderID?: string): Transaction {
    return this.record({
      type: 'ORDER_CANCEL',
      orderID: order.id,
      reason,
      ...(replacedByOrderID === undefined ? {} : { replacedByOrderID }),
    });
  }

  /** Marks a trade closed and cancels its remaining dependent orders (a filled one is already detached). */
  #finish(trade: EmulatedTrade): void {
    trade.state = 'CLOSED';
    trade.closeTime = this.now();
    for (const order of [trade.stopLoss, trade.takeProfit]) {
      if (order !== undefined) this.cancelDependent(order, 'LINKED_TRADE_CLOSED');
    }
    trade.stopLoss = undefined;
    trade.takeProfit = undefined;
  }
}
