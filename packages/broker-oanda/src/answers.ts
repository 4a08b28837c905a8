import { brokerRejected, brokerUnknown } from '@zepix/broker-api';
import type { BrokerRejection, BrokerUnknownOutcome, Err } from '@zepix/broker-api';
import { OandaCode } from './errors.js';
import type { HttpOutcome } from './OandaHttp.js';
import { text } from './translate.js';
import type { Json } from './translate.js';

type Refusal = Err<BrokerRejection>;

export { ok } from '@zepix/broker-api';
export const rejected = brokerRejected;
export const unknown = brokerUnknown;

/** v20 cancel reasons (json/v20.json `definitions.OrderCancelReason`) with a Zepix code of their own. */
const CANCEL_CODES: Readonly<Record<string, string>> = {
  CLIENT_TRADE_ID_ALREADY_EXISTS: OandaCode.duplicateClientOrderId,
  STOP_LOSS_ON_FILL_LOSS: OandaCode.invalidStops,
  TAKE_PROFIT_ON_FILL_LOSS: OandaCode.invalidStops,
  LOSING_TAKE_PROFIT: OandaCode.invalidStops,
  MARKET_HALTED: OandaCode.marketHalted,
};

/** A 201/200 that carries an `orderCancelTransaction` instead of a fill: a refusal, not a success. */
export function cancelled(transaction: Json): Refusal {
  const reason = text(transaction.reason, 'UNKNOWN');
  return rejected(CANCEL_CODES[reason] ?? OandaCode.cancelled, `OANDA cancelled the order: ${reason}`);
}

/**
 * Turns anything but the expected success into a broker answer: 4xx → rejected with OANDA's errorCode and
 * errorMessage; 5xx, a lost answer and a still-throttled request → unknown (the caller reconciles by client
 * order id, never resends blindly); no connection → rejected (OANDA never saw it).
 */
export function failure(outcome: HttpOutcome, what: string): Refusal | Err<BrokerUnknownOutcome> {
  if (outcome.kind === 'lost')
    return unknown(`OANDA ${what}: the answer was lost (${outcome.reason}); reconcile by client order id`);
  if (outcome.kind === 'unreachable')
    return rejected(OandaCode.unreachable, `OANDA ${what}: cannot reach OANDA (${outcome.reason})`);
  const { status, body } = outcome;
  if (status === 429 || status >= 500) {
    return unknown(`OANDA ${what}: HTTP ${status} ${text(body.errorMessage)}; reconcile before retrying`.trim());
  }
  const message = text(body.errorMessage, `HTTP ${status}`);
  const code = status === 401 ? OandaCode.badToken : status === 404 ? OandaCode.tradeUnknown : OandaCode.rejected;
  const errorCode = typeof body.errorCode === 'string' ? ` [${body.errorCode}]` : '';
  return rejected(code, `OANDA ${what}: ${message}${errorCode} (HTTP ${status})`);
}
