import type { BrokerError } from '@zepix/broker-api';
import type { ServiceResult } from '@zepix/plugin-core';

/** Stable codes of every refusal the trading services give; match on these, never on reasons. */
export const TradingErrorCode = {
  Paused: 'ZEPIX_RISK_PAUSED',
  DailyCap: 'ZEPIX_RISK_DAILY_CAP',
  LifetimeCap: 'ZEPIX_RISK_LIFETIME_CAP',
  NoStopLoss: 'ZEPIX_RISK_NO_STOP_LOSS',
  MaxOpen: 'ZEPIX_RISK_MAX_OPEN_TRADES',
  RateLimit: 'ZEPIX_RISK_ORDER_RATE',
  BudgetDailyLoss: 'ZEPIX_BUDGET_DAILY_LOSS',
  BudgetMaxOpen: 'ZEPIX_BUDGET_MAX_OPEN',
  BudgetTradesPerDay: 'ZEPIX_BUDGET_TRADES_PER_DAY',
  RiskReward: 'ZEPIX_RISK_REWARD_TOO_LOW',
  InvalidLevels: 'ZEPIX_ORDER_INVALID_LEVELS',
  InvalidLots: 'ZEPIX_ORDER_INVALID_LOTS',
  UnknownSymbol: 'ZEPIX_SYMBOL_UNKNOWN',
  NoPrice: 'ZEPIX_MARKET_NO_PRICE',
  NoAccount: 'ZEPIX_BROKER_ACCOUNT_UNAVAILABLE',
  BrokerRejected: 'ZEPIX_BROKER_REJECTED',
  BrokerUnknown: 'ZEPIX_BROKER_UNKNOWN',
  InFlight: 'ZEPIX_ORDER_IN_FLIGHT',
  OrderFailed: 'ZEPIX_ORDER_FAILED',
  NotFound: 'ZEPIX_POSITION_NOT_FOUND',
  CloseFailed: 'ZEPIX_CLOSE_FAILED',
  ModifyFailed: 'ZEPIX_MODIFY_FAILED',
  DualLegFailed: 'ZEPIX_DUAL_LEG_FAILED',
  ChainExists: 'ZEPIX_CHAIN_EXISTS',
  Closed: 'ZEPIX_TRADING_CLOSED',
} as const;

/** One of the trading `ZEPIX_*` codes, or a broker's own rejection code passed through. */
export type TradingErrorCode = (typeof TradingErrorCode)[keyof typeof TradingErrorCode];

/** A refusal: the request was not carried out. */
export function rejected<T>(code: string, reason: string): ServiceResult<T> {
  return { ok: false, status: 'rejected', code, reason };
}

/** The outcome could not be confirmed; the caller must not retry blindly. */
export function unknownResult<T>(code: string, reason: string): ServiceResult<T> {
  return { ok: false, status: 'unknown', code, reason };
}

/** Success. */
export function ok<T>(value: T): ServiceResult<T> {
  return { ok: true, value };
}

/** Thrown by engine methods called after close(). */
export class TradingClosedError extends Error {
  readonly code = TradingErrorCode.Closed;
  constructor() {
    super('the trading engine is closed. Fix: open a new one with TradingEngine.open()');
    this.name = 'TradingClosedError';
  }
}

/** The service status a broker error maps to: an unknown outcome stays unknown, so callers reconcile. */
export function brokerStatus(error: BrokerError): 'rejected' | 'unknown' {
  return error.code === 'ZEPIX_BROKER_UNKNOWN' ? 'unknown' : 'rejected';
}
