import { TradeCode } from '../tradeCodes.js';
import type { TradeCodeEntry } from '../tradeCodes.js';
import type {
  MetatraderAccountInformation,
  MetatraderDeal,
  MetatraderPosition,
  MetatraderSymbolPrice,
  MetatraderTradeResponse,
} from '../wire.js';
import {
  brokerTimeOf,
  checkOpen,
  checkStops,
  checkVolume,
  marginFor,
  profitOf,
  round2,
  roundVolume,
  stopClientId,
} from './emulatorRules.js';
import type { EmulatedSymbol } from './emulatorSymbols.js';
import { positionToWire } from './positionToWire.js';
import type { OpenPosition } from './positionToWire.js';

type Side = 'buy' | 'sell';

interface Quote {
  readonly bid: number;
  readonly ask: number;
  readonly time: Date;
}

/** How a position (or part of it) left the market, as MetaTrader records it on the deal. */
export type DealReason = 'DEAL_REASON_EXPERT' | 'DEAL_REASON_CLIENT' | 'DEAL_REASON_SL' | 'DEAL_REASON_TP';

/** What an emulated account starts with. */
export interface EmulatedAccountOptions {
  readonly symbols: readonly EmulatedSymbol[];
  readonly balance: number;
  readonly currency: string;
  readonly leverage: number;
  readonly accountType: 'ACCOUNT_TRADE_MODE_DEMO' | 'ACCOUNT_TRADE_MODE_REAL';
  /** The broker's wall clock offset from UTC, so clients that read `brokerTime` instead of `time` are caught. */
  readonly brokerUtcOffsetHours: number;
  readonly now: () => Date;
}

/** positionId travels as a number, as the model page documents it (orderId as a string). */
const done = (orderId: string, positionId: string): MetatraderTradeResponse => ({
  ...TradeCode.done,
  message: 'Request completed',
  orderId,
  positionId: Number(positionId),
});

const fail = (code: TradeCodeEntry, message: string): MetatraderTradeResponse => ({ ...code, message });

/**
 * One MetaTrader 5 hedging account as MetaApi shows it: positions, history deals, symbol prices and the trade
 * actions Zepix uses. Pure state; the HTTP layer (emulatorServer.ts) speaks the REST wire format over it.
 */
export class EmulatedAccount {
  readonly #symbols: Map<string, EmulatedSymbol>;
  readonly #quotes = new Map<string, Quote>();
  readonly #positions = new Map<string, OpenPosition>();
  readonly #deals: MetatraderDeal[] = [];
  readonly #closedMarkets = new Set<string>();
  #balance: number;
  #ticket = 50_000_000;

  constructor(private readonly options: EmulatedAccountOptions) {
    this.#symbols = new Map(options.symbols.map((s) => [s.symbol, s]));
    this.#balance = options.balance;
  }

  symbolNames(): string[] {
    return [...this.#symbols.keys()];
  }

  specification(symbol: string): EmulatedSymbol | undefined {
    return this.#symbols.get(symbol);
  }

  price(symbol: string): MetatraderSymbolPrice | undefined {
    const quote = this.#quotes.get(symbol);
    const spec = this.#symbols.get(symbol);
    if (quote === undefined || spec === undefined) return undefined;
    const tickValue = spec.tickSize * spec.contractSize;
    return {
      symbol,
      bid: quote.bid,
      ask: quote.ask,
      profitTickValue: tickValue,
      lossTickValue: tickValue,
      time: quote.time.toISOString(),
      brokerTime: this.#brokerTime(quote.time),
    };
  }

  /** Sets a price and closes every position of the symbol whose SL or TP it crosses, at that price. */
  setPrice(symbol: string, bid: number, ask: number): MetatraderDeal[] {
    if (!this.#symbols.has(symbol)) throw new RangeError(`the emulator has no symbol "${symbol}"`);
    if (!(bid > 0 && ask >= bid)) throw new RangeError(`bad quote for ${symbol}: bid ${bid}, ask ${ask}`);
    this.#quotes.set(symbol, { bid, ask, time: this.options.now() });
    const closes: MetatraderDeal[] = [];
    for (const position of [...this.#positions.values()]) {
      if (position.symbol !== symbol) continue;
      const exit = position.side === 'buy' ? bid : ask;
      const sign = position.side === 'buy' ? 1 : -1;
      const hitSl = position.stopLoss !== undefined && sign * (exit - position.stopLoss) <= 0;
      const hitTp = position.takeProfit !== undefined && sign * (exit - position.takeProfit) >= 0;
      if (hitSl || hitTp) {
        closes.push(this.#close(position, position.volume, hitSl ? 'DEAL_REASON_SL' : 'DEAL_REASON_TP'));
      }
    }
    return closes;
  }

  setMarketOpen(symbol: string, open: boolean): void {
    if (open) this.#closedMarkets.delete(symbol);
    else this.#closedMarkets.add(symbol);
  }

  /** A close made by the trader in the MetaTrader terminal, outside Zepix. */
  closeInTerminal(positionId: string): MetatraderDeal {
    const position = this.#positions.get(positionId);
    if (position === undefined) throw new RangeError(`no open position ${positionId}`);
    return this.#close(position, position.volume, 'DEAL_REASON_CLIENT');
  }

  marketOrder(trade: {
    side: Side;
    symbol: string;
    volume: number;
    stopLoss?: number;
    takeProfit?: number;
    clientId?: string;
    comment?: string;
  }): MetatraderTradeResponse {
    const spec = this.#symbols.get(trade.symbol);
    if (spec === undefined) return fail(TradeCode.invalid, `Unknown symbol ${trade.symbol}`);
    const quote = this.#quotes.get(trade.symbol);
    const problem =
      checkOpen(spec, quote, this.#closedMarkets.has(trade.symbol)) ??
      checkVolume(spec, trade.volume) ??
      checkStops(trade.side, quote, trade);
    if (problem !== undefined) return problem;
    const price = trade.side === 'buy' ? quote!.ask : quote!.bid;
    const margin = marginFor(spec, trade.volume, price, this.options);
    if (margin > this.#freeMargin()) return fail(TradeCode.noMoney, 'No money');
    const id = this.#nextTicket();
    const now = this.options.now();
    const position: OpenPosition = {
      id,
      symbol: trade.symbol,
      side: trade.side,
      volume: trade.volume,
      openPrice: price,
      time: now,
      updateTime: now,
      realizedProfit: 0,
      ...(trade.stopLoss !== undefined ? { stopLoss: trade.stopLoss } : {}),
      ...(trade.takeProfit !== undefined ? { takeProfit: trade.takeProfit } : {}),
      ...(trade.clientId !== undefined ? { clientId: trade.clientId } : {}),
      ...(trade.comment !== undefined ? { comment: trade.comment } : {}),
    };
    this.#positions.set(id, position);
    this.#deal(position, { entryType: 'DEAL_ENTRY_IN', side: trade.side, volume: trade.volume, price, profit: 0 });
    return done(id, id);
  }

  /** POSITION_MODIFY: both levels are set; a level left out is removed, as in MetaTrader. */
  modify(positionId: string, stopLoss?: number, takeProfit?: number): MetatraderTradeResponse {
    const position = this.#positions.get(positionId);
    if (position === undefined) return fail(TradeCode.positionNotFound, `Position ${positionId} not found`);
    if (position.stopLoss === stopLoss && position.takeProfit === takeProfit) {
      return { ...TradeCode.noChanges, message: 'No changes', positionId: Number(positionId) };
    }
    const problem = checkStops(position.side, this.#quotes.get(position.symbol), { stopLoss, takeProfit });
    if (problem !== undefined) return problem;
    position.stopLoss = stopLoss;
    position.takeProfit = takeProfit;
    position.updateTime = this.options.now();
    return done(this.#nextTicket(), positionId);
  }

  /** POSITION_PARTIAL (with `volume`) and POSITION_CLOSE_ID (without). */
  closePosition(positionId: string, volume?: number): MetatraderTradeResponse {
    const position = this.#positions.get(positionId);
    if (position === undefined) return fail(TradeCode.positionNotFound, `Position ${positionId} not found`);
    const spec = this.#symbols.get(position.symbol)!;
    const problem = checkOpen(spec, this.#quotes.get(position.symbol), this.#closedMarkets.has(position.symbol));
    if (problem !== undefined) return problem;
    if (volume !== undefined) {
      const badVolume = checkVolume(spec, volume);
      if (badVolume !== undefined) return badVolume;
    }
    const deal = this.#close(position, Math.min(volume ?? position.volume, position.volume), 'DEAL_REASON_EXPERT');
    return done(String(deal.orderId), positionId);
  }

  accountInformation(): MetatraderAccountInformation {
    const margin = this.#usedMargin();
    const equity = this.#equity();
    return {
      platform: 'mt5',
      broker: 'Zepix Emulated Markets Ltd',
      currency: this.options.currency,
      server: this.options.accountType === 'ACCOUNT_TRADE_MODE_REAL' ? 'Emulated-Live' : 'Emulated-Demo',
      balance: round2(this.#balance),
      equity: round2(equity),
      margin: round2(margin),
      freeMargin: round2(equity - margin),
      leverage: this.options.leverage,
      ...(margin > 0 ? { marginLevel: round2((equity / margin) * 100) } : {}),
      tradeAllowed: true,
      marginMode: 'ACCOUNT_MARGIN_MODE_RETAIL_HEDGING',
      name: 'Emulated Trader',
      login: 5_000_001,
      credit: 0,
      type: this.options.accountType,
    };
  }

  positions(): MetatraderPosition[] {
    return [...this.#positions.values()].map((p) => this.#toWire(p));
  }

  position(id: string): MetatraderPosition | undefined {
    const position = this.#positions.get(id);
    return position === undefined ? undefined : this.#toWire(position);
  }

  /** History deals with `from` ≤ time < `to`, oldest first, as the REST range query documents. */
  dealsByTime(from: Date, to: Date): MetatraderDeal[] {
    return this.#deals.filter((d) => {
      const t = Date.parse(d.time);
      return t >= from.getTime() && t < to.getTime();
    });
  }

  dealsByPosition(positionId: string): MetatraderDeal[] {
    return this.#deals.filter((d) => d.positionId === positionId);
  }

  #close(position: OpenPosition, volume: number, reason: DealReason): MetatraderDeal {
    const quote = this.#quotes.get(position.symbol)!;
    const price = position.side === 'buy' ? quote.bid : quote.ask;
    const profit = this.#profit(position, volume, price);
    this.#balance += profit;
    position.realizedProfit += profit;
    position.volume = roundVolume(position.volume - volume);
    position.updateTime = this.options.now();
    if (position.volume <= 0) this.#positions.delete(position.id);
    const side: Side = position.side === 'buy' ? 'sell' : 'buy';
    return this.#deal(position, { entryType: 'DEAL_ENTRY_OUT', side, volume, price, profit, reason });
  }

  #deal(
    position: OpenPosition,
    d: {
      entryType: 'DEAL_ENTRY_IN' | 'DEAL_ENTRY_OUT';
      side: Side;
      volume: number;
      price: number;
      profit: number;
      reason?: DealReason;
    },
  ): MetatraderDeal {
    const reason = d.reason ?? 'DEAL_REASON_EXPERT';
    const orderId = d.entryType === 'DEAL_ENTRY_IN' ? position.id : this.#nextTicket();
    const time = this.options.now();
    const deal: MetatraderDeal = {
      id: this.#nextTicket(),
      type: d.side === 'buy' ? 'DEAL_TYPE_BUY' : 'DEAL_TYPE_SELL',
      entryType: d.entryType,
      symbol: position.symbol,
      magic: 0,
      time: time.toISOString(),
      brokerTime: this.#brokerTime(time),
      volume: d.volume,
      price: d.price,
      commission: 0,
      swap: 0,
      profit: round2(d.profit),
      positionId: position.id,
      orderId,
      platform: 'mt5',
      reason,
      ...(position.comment !== undefined ? { comment: position.comment } : {}),
      ...(position.clientId !== undefined ? { clientId: stopClientId(position.clientId, reason, orderId) } : {}),
    };
    this.#deals.push(deal);
    return deal;
  }

  #toWire(p: OpenPosition): MetatraderPosition {
    const quote = this.#quotes.get(p.symbol);
    const current = quote === undefined ? p.openPrice : p.side === 'buy' ? quote.bid : quote.ask;
    const spec = this.#symbols.get(p.symbol)!;
    const unrealized = this.#profit(p, p.volume, current);
    return positionToWire(p, { spec, current, unrealized, brokerTime: this.#brokerTime(p.time) });
  }

  #profit(p: OpenPosition, volume: number, price: number): number {
    const spec = this.#symbols.get(p.symbol)!;
    return profitOf(spec, p.side, volume, p.openPrice, price, this.options.currency);
  }

  #equity(): number {
    let equity = this.#balance;
    for (const p of this.#positions.values()) {
      const quote = this.#quotes.get(p.symbol);
      if (quote !== undefined) equity += this.#profit(p, p.volume, p.side === 'buy' ? quote.bid : quote.ask);
    }
    return equity;
  }

  #usedMargin(): number {
    let margin = 0;
    for (const p of this.#positions.values()) {
      margin += marginFor(this.#symbols.get(p.symbol)!, p.volume, p.openPrice, this.options);
    }
    return margin;
  }

  #freeMargin(): number {
    return this.#equity() - this.#usedMargin();
  }

  #nextTicket(): string {
    this.#ticket += 1;
    return String(this.#ticket);
  }

  #brokerTime(time: Date): string {
    return brokerTimeOf(time, this.options.brokerUtcOffsetHours);
  }
}
