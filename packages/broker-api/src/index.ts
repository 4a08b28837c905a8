import { err } from '@zepix/result';
import type { CodedError, Err, Result } from '@zepix/result';

export { err, ok } from '@zepix/result';
export type { CodedError, Err, Ok, Result } from '@zepix/result';

/** Buy or sell. */
export type Side = 'buy' | 'sell';

/** The broker refused: nothing was done. `brokerCode` is the broker's own code for the refusal. */
export interface BrokerRejection extends CodedError {
  readonly code: 'ZEPIX_BROKER_REJECTED';
  readonly brokerCode: string;
}

/**
 * The outcome could not be confirmed (a timeout, a dropped connection after the request left): the caller must
 * reconcile by client order id, never resend blindly.
 */
export interface BrokerUnknownOutcome extends CodedError {
  readonly code: 'ZEPIX_BROKER_UNKNOWN';
}

/** Why a broker call did not succeed: a definite refusal, or an outcome that is not known. */
export type BrokerError = BrokerRejection | BrokerUnknownOutcome;

/** Every broker call answers with its value, a refusal (`ZEPIX_BROKER_REJECTED`) or `ZEPIX_BROKER_UNKNOWN`. */
export type BrokerResult<T> = Result<T, BrokerError>;

/** A definite refusal with the broker's own code and a message saying what was refused and why. */
export function brokerRejected(brokerCode: string, message: string): Err<BrokerRejection> {
  return err({ code: 'ZEPIX_BROKER_REJECTED', brokerCode, message });
}

/** An answer that could not be confirmed: the caller must reconcile by client order id. */
export function brokerUnknown(message: string): Err<BrokerUnknownOutcome> {
  return err({
    code: 'ZEPIX_BROKER_UNKNOWN',
    message,
    hint: 'reconcile with findByClientOrderId before sending the request again',
  });
}

/** True for a broker answer that is a definite refusal. */
export function isBrokerRejection(result: BrokerResult<unknown>): result is Err<BrokerRejection> {
  return !result.ok && result.error.code === 'ZEPIX_BROKER_REJECTED';
}

/** True for a broker answer whose outcome is not known. */
export function isBrokerUnknown(result: BrokerResult<unknown>): result is Err<BrokerUnknownOutcome> {
  return !result.ok && result.error.code === 'ZEPIX_BROKER_UNKNOWN';
}

/** An open trade at the broker. */
export interface BrokerTrade {
  readonly tradeId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly direction: Side;
  readonly lots: number;
  readonly openPrice: number;
  readonly stopLoss?: number;
  readonly takeProfit?: number;
  readonly openedAt: string;
  readonly unrealizedPnl: number;
}

/** Why a trade (or part of it) closed. */
export type CloseReason = 'sl' | 'tp' | 'manual';

/** A close, full or partial, made by a request or by the broker itself (SL/TP). */
export interface TradeClose {
  readonly tradeId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly direction: Side;
  readonly closedLots: number;
  readonly remainingLots: number;
  readonly openPrice: number;
  readonly closePrice: number;
  /** Profit of the closed part in the account currency (negative for a loss). */
  readonly realizedPnl: number;
  readonly reason: CloseReason;
  readonly closedAt: string;
}

/** A trade the broker no longer holds open. */
export interface ClosedTrade extends Omit<BrokerTrade, 'unrealizedPnl'> {
  readonly closed: true;
  readonly closePrice: number;
  readonly closedAt: string;
  readonly realizedPnl: number;
}

/** Bid and ask for one symbol at a time. */
export interface PriceTick {
  readonly symbol: string;
  readonly bid: number;
  readonly ask: number;
  readonly time: string;
}

/** The account as the broker reports it. */
export interface AccountSummary {
  readonly currency: string;
  readonly balance: number;
  readonly equity: number;
  readonly unrealizedPnl: number;
  readonly openTrades: number;
}

/** What a broker tells its listeners without being asked: SL/TP closes and new prices. */
export type BrokerEvent =
  { readonly type: 'trade_closed'; readonly close: TradeClose } | { readonly type: 'price'; readonly tick: PriceTick };

/** A market order with protection and the caller's idempotency key. */
export interface MarketOrderRequest {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly direction: Side;
  readonly lots: number;
  readonly stopLoss?: number;
  readonly takeProfit?: number;
}

/** The contract every broker adapter (paper, OANDA, MetaTrader) implements. */
export interface BrokerAdapter {
  readonly name: string;
  /**
   * True when the broker keeps its whole state in this process (the paper broker): no order ever leaves the
   * process, so the trading database need not fsync an order's intent before placing it. Its commits still
   * survive kill -9 (WAL); a power cut can drop the last few, as it can the paper broker's own. Real brokers leave
   * it unset: their intent is on disk before the request goes out.
   */
  readonly inProcess?: boolean;
  placeMarketOrder(request: MarketOrderRequest): Promise<BrokerResult<BrokerTrade>>;
  /** Closes `lots` of a trade, or all of it when `lots` is omitted. */
  closeTrade(request: { readonly tradeId: string; readonly lots?: number }): Promise<BrokerResult<TradeClose>>;
  modifyTrade(request: {
    readonly tradeId: string;
    readonly stopLoss?: number;
    readonly takeProfit?: number;
  }): Promise<BrokerResult<BrokerTrade>>;
  openTrades(): Promise<BrokerResult<readonly BrokerTrade[]>>;
  /** The trade opened with this client order id, open or closed, or undefined when the broker never saw it. */
  findByClientOrderId(clientOrderId: string): Promise<BrokerResult<BrokerTrade | ClosedTrade | undefined>>;
  accountSummary(): Promise<BrokerResult<AccountSummary>>;
  getPrice(symbol: string): Promise<BrokerResult<PriceTick>>;
  /** Subscribes to broker events; returns the unsubscribe function. */
  onEvent(listener: (event: BrokerEvent) => void): () => void;
  close(): Promise<void>;
}

/** True for a trade the broker reports as closed. */
export function isClosedTrade(trade: BrokerTrade | ClosedTrade): trade is ClosedTrade {
  return 'closed' in trade && trade.closed;
}

/** A broker error in one line for logs and operators: the broker's code and message for a refusal, else the message. */
export function describeBrokerError(error: BrokerError): string {
  return error.code === 'ZEPIX_BROKER_REJECTED' ? `${error.brokerCode}: ${error.message}` : error.message;
}
