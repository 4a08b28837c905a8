import { brokerRejected, brokerUnknown, isBrokerRejection } from '@zepix/broker-api';
import type { BrokerRejection, Err } from '@zepix/broker-api';

export { ok } from '@zepix/broker-api';

/** The refusal branch of a broker answer; it fits a BrokerResult of any value type. */
export type Rejected = Err<BrokerRejection>;

/** A definite refusal: nothing was done. */
export const rejected = brokerRejected;

/** An answer that could not be confirmed: the caller must reconcile by client order id. */
export const unknown = brokerUnknown;

/** True for a refusal, whatever else the value could have been. */
export function isRejected<T extends object>(value: T | Rejected): value is Rejected {
  return 'ok' in value && value.ok === false && isBrokerRejection(value);
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
