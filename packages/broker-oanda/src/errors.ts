/** The codes the OANDA adapter answers and throws with. */
export const OandaCode = {
  badToken: 'ZEPIX_OANDA_BAD_TOKEN',
  badAccount: 'ZEPIX_OANDA_BAD_ACCOUNT',
  mt4Account: 'ZEPIX_OANDA_MT4_ACCOUNT',
  unreachable: 'ZEPIX_OANDA_UNREACHABLE',
  unknownSymbol: 'ZEPIX_OANDA_UNKNOWN_SYMBOL',
  belowMinimum: 'ZEPIX_OANDA_BELOW_MINIMUM_SIZE',
  invalidStops: 'ZEPIX_OANDA_INVALID_STOPS',
  marketHalted: 'ZEPIX_OANDA_MARKET_HALTED',
  cancelled: 'ZEPIX_OANDA_ORDER_CANCELLED',
  rejected: 'ZEPIX_OANDA_REJECTED',
  tradeUnknown: 'ZEPIX_OANDA_TRADE_UNKNOWN',
  noPrice: 'ZEPIX_OANDA_NO_PRICE',
  closed: 'ZEPIX_OANDA_CLOSED',
  /** Shared with the paper broker: the order path treats a reused client order id the same whatever the broker. */
  duplicateClientOrderId: 'ZEPIX_DUPLICATE_CLIENT_ORDER_ID',
} as const;

/** One of the adapter's codes. */
export type OandaCode = (typeof OandaCode)[keyof typeof OandaCode];

/**
 * Why the adapter could not connect (bad token, wrong account, MT4-linked account, OANDA unreachable): the
 * message names OANDA, says what failed and how to fix it, and never contains the token.
 */
export class OandaConnectError extends Error {
  constructor(
    readonly code: OandaCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'OandaConnectError';
  }
}
