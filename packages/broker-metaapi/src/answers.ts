import { brokerRejected, brokerUnknown } from '@zepix/broker-api';
import type { BrokerRejection, BrokerUnknownOutcome, Err } from '@zepix/broker-api';
import type { HttpOutcome } from './MetaApiHttp.js';
import { isTradeOutcomeUnknown, isTradeSuccess, rejectionCode, rejectionHint } from './tradeCodes.js';
import type { MetatraderTradeResponse } from './wire.js';

/** The codes the adapter answers with besides the trade-return-code ones in tradeCodes.ts. */
export const MetaApiCode = {
  invalidRequest: 'ZEPIX_METAAPI_INVALID_REQUEST',
  unauthorized: 'ZEPIX_METAAPI_UNAUTHORIZED',
  notFound: 'ZEPIX_METAAPI_NOT_FOUND',
  symbolUnknown: 'ZEPIX_METAAPI_SYMBOL_UNKNOWN',
  rateLimited: 'ZEPIX_METAAPI_RATE_LIMITED',
  unreachable: 'ZEPIX_METAAPI_UNREACHABLE',
  invalidVolume: 'ZEPIX_METAAPI_INVALID_VOLUME',
  positionNotFound: 'ZEPIX_METAAPI_POSITION_NOT_FOUND',
  closed: 'ZEPIX_METAAPI_CLOSED',
} as const;

export type Rejected = Err<BrokerRejection>;
export type Unknown = Err<BrokerUnknownOutcome>;
/** Any answer that is not ok; it fits a BrokerResult of every value type. */
export type Failure = Rejected | Unknown;

export { ok } from '@zepix/broker-api';
export const rejected = brokerRejected;
export const unknown = brokerUnknown;

export function isFailure<T>(value: T | Failure): value is Failure {
  const answer = value as { ok?: unknown; error?: { code?: unknown } } | null | undefined;
  const code = answer?.ok === false ? answer.error?.code : undefined;
  return code === 'ZEPIX_BROKER_REJECTED' || code === 'ZEPIX_BROKER_UNKNOWN';
}

/** The value of a 2xx, or the failure a non-2xx means for a read (which changes nothing, so never `unknown` twice). */
export function readValue<T>(outcome: HttpOutcome<T>, what: string): T | Failure {
  switch (outcome.kind) {
    case 'ok':
      return outcome.body;
    case 'refused':
      return refusal(outcome.status, outcome.body.error, outcome.body.message, what);
    case 'rate-limited':
      return rejected(MetaApiCode.rateLimited, `${what}: ${outcome.message}. Fix: lower the request rate or wait`);
    case 'unreachable':
      return rejected(MetaApiCode.unreachable, `${what}: ${outcome.reason}. Fix: check ZEPIX_METAAPI_API_URL / region`);
    case 'unknown':
      return unknown(`${what}: ${outcome.reason}`);
  }
}

function refusal(status: number, name: string, message: string, what: string): Rejected {
  if (status === 401 || status === 403) {
    return rejected(
      MetaApiCode.unauthorized,
      `${what}: MetaApi refused the token (${status} ${name}: ${message}). Fix: set a valid ZEPIX_METAAPI_TOKEN`,
    );
  }
  if (status === 404) {
    return rejected(
      MetaApiCode.notFound,
      `${what}: ${message} (404). Fix: check ZEPIX_METAAPI_ACCOUNT_ID / broker.metaapi.account_id and the region`,
    );
  }
  return rejected(MetaApiCode.invalidRequest, `${what}: MetaApi refused the request (${status} ${name}: ${message})`);
}

/**
 * A trade call's outcome. HTTP 200 with an error return code is a rejection; -11 and anything lost in transit is
 * `unknown` (reconcile by client id); a 4xx never reached the trade server.
 */
export function tradeValue(
  outcome: HttpOutcome<MetatraderTradeResponse>,
  what: string,
): MetatraderTradeResponse | Failure {
  const body = readValue(outcome, what);
  if (isFailure(body)) return body;
  if (typeof body?.numericCode !== 'number') return unknown(`${what}: MetaApi answered without a return code`);
  const code = `${body.numericCode} ${body.stringCode}`;
  if (isTradeSuccess(body.numericCode)) return body;
  if (isTradeOutcomeUnknown(body.numericCode)) {
    return unknown(`${what}: ${code} (${body.message}); the trade may have been executed, reconcile by client id`);
  }
  return rejected(
    rejectionCode(body.numericCode),
    `${what}: MetaTrader refused the trade with ${code} (${body.message}). Fix: ${rejectionHint(body.numericCode)}`,
  );
}
