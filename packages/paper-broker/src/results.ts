import type { BrokerResult } from '@zepix/broker-api';

/** The refusal branch of a broker answer; it fits a BrokerResult of any value type. */
export type Rejected = Extract<BrokerResult<never>, { status: 'rejected' }>;

/** A successful broker answer. */
export function ok<T>(value: T): BrokerResult<T> {
  return { status: 'ok', value };
}

/** A definite refusal: nothing was done. */
export function rejected(code: string, reason: string): Rejected {
  return { status: 'rejected', code, reason };
}

/** An answer that could not be confirmed: the caller must reconcile by client order id. */
export function unknown(reason: string): Extract<BrokerResult<never>, { status: 'unknown' }> {
  return { status: 'unknown', reason };
}

/** True for a refusal, whatever else the value could have been. */
export function isRejected<T extends object>(value: T | Rejected): value is Rejected {
  return (value as Partial<Rejected>).status === 'rejected';
}

/** The error codes the paper broker answers with, besides the symbol book's ZEPIX_SYMBOL_UNKNOWN. */
export const PaperCode = {
  noPrice: 'ZEPIX_PAPER_NO_PRICE',
  duplicateClientOrderId: 'ZEPIX_DUPLICATE_CLIENT_ORDER_ID',
  invalidStops: 'ZEPIX_PAPER_INVALID_STOPS',
  invalidRequest: 'ZEPIX_PAPER_INVALID_REQUEST',
  tradeUnknown: 'ZEPIX_PAPER_TRADE_UNKNOWN',
  tradeClosed: 'ZEPIX_PAPER_TRADE_CLOSED',
  closeTooLarge: 'ZEPIX_PAPER_CLOSE_TOO_LARGE',
  injected: 'ZEPIX_PAPER_INJECTED',
  brokerClosed: 'ZEPIX_PAPER_CLOSED',
  invalidPrice: 'ZEPIX_PAPER_INVALID_PRICE',
} as const;

/** Thrown by `updatePrice` for a price that cannot be used, or after `close()`. */
export class PaperBrokerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PaperBrokerError';
  }
}
