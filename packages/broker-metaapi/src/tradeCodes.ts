/**
 * MT5 trade return codes as MetaApi reports them in a MetatraderTradeResponse
 * (https://metaapi.cloud/docs/client/models/metatraderTradeResponse/, which links the MQL5 list
 * https://www.mql5.com/en/docs/constants/errorswarnings/enum_trade_return_codes). A trade answers HTTP 200 whatever
 * the outcome: the code decides.
 */
export const TradeCode = {
  disconnectedDuringTrade: { numericCode: -11, stringCode: 'TRADE_RETCODE_DISCONNECTED_DURING_TRADE' },
  disconnectedBeforeTrade: { numericCode: -10, stringCode: 'TRADE_RETCODE_DISCONNECTED_BEFORE_TRADE' },
  reject: { numericCode: 10006, stringCode: 'TRADE_RETCODE_REJECT' },
  placed: { numericCode: 10008, stringCode: 'TRADE_RETCODE_PLACED' },
  done: { numericCode: 10009, stringCode: 'TRADE_RETCODE_DONE' },
  donePartial: { numericCode: 10010, stringCode: 'TRADE_RETCODE_DONE_PARTIAL' },
  timeout: { numericCode: 10012, stringCode: 'TRADE_RETCODE_TIMEOUT' },
  invalid: { numericCode: 10013, stringCode: 'TRADE_RETCODE_INVALID' },
  invalidVolume: { numericCode: 10014, stringCode: 'TRADE_RETCODE_INVALID_VOLUME' },
  invalidStops: { numericCode: 10016, stringCode: 'TRADE_RETCODE_INVALID_STOPS' },
  tradeDisabled: { numericCode: 10017, stringCode: 'TRADE_RETCODE_TRADE_DISABLED' },
  marketClosed: { numericCode: 10018, stringCode: 'TRADE_RETCODE_MARKET_CLOSED' },
  noMoney: { numericCode: 10019, stringCode: 'TRADE_RETCODE_NO_MONEY' },
  tooManyRequests: { numericCode: 10024, stringCode: 'TRADE_RETCODE_TOO_MANY_REQUESTS' },
  noChanges: { numericCode: 10025, stringCode: 'TRADE_RETCODE_NO_CHANGES' },
  /** MQL5 runtime error 4753, "position not found": what a position action on an unknown ticket answers. */
  positionNotFound: { numericCode: 4753, stringCode: 'ERR_TRADE_POSITION_NOT_FOUND' },
} as const;

/** A code from the table above. */
export type TradeCodeEntry = (typeof TradeCode)[keyof typeof TradeCode];

/** The documented success codes: 0, 10008–10010 and 10025. */
export function isTradeSuccess(numericCode: number): boolean {
  return numericCode === 0 || (numericCode >= 10008 && numericCode <= 10010) || numericCode === 10025;
}

/**
 * Codes after which the trade may or may not have been executed: the request reached the trade server and the
 * connection dropped. Zepix must reconcile by client id, never resend.
 */
export function isTradeOutcomeUnknown(numericCode: number): boolean {
  return numericCode === TradeCode.disconnectedDuringTrade.numericCode;
}

const DEFAULT_REJECTION = {
  code: 'ZEPIX_METAAPI_TRADE_REJECTED',
  hint: 'check the order against the symbol specification and the account in the MetaTrader terminal',
};

/** The Zepix rejection code and the operator's fix, by MetaTrader return code. */
const REJECTIONS = new Map<number, { readonly code: string; readonly hint: string }>([
  [
    TradeCode.invalidStops.numericCode,
    {
      code: 'ZEPIX_METAAPI_INVALID_STOPS',
      hint: 'move the stop loss / take profit to the right side of the price and outside the broker’s stop level',
    },
  ],
  [
    TradeCode.marketClosed.numericCode,
    { code: 'ZEPIX_METAAPI_MARKET_CLOSED', hint: 'wait for the symbol’s trading session to open' },
  ],
  [
    TradeCode.noMoney.numericCode,
    { code: 'ZEPIX_METAAPI_NO_MONEY', hint: 'reduce the lot size or add funds to the account' },
  ],
  [
    TradeCode.invalidVolume.numericCode,
    {
      code: 'ZEPIX_METAAPI_INVALID_VOLUME',
      hint: 'check the lot size against the symbol’s minVolume, maxVolume and volumeStep',
    },
  ],
  [
    TradeCode.positionNotFound.numericCode,
    { code: 'ZEPIX_METAAPI_POSITION_NOT_FOUND', hint: 'the position is already closed; check the terminal' },
  ],
]);

/** The Zepix rejection code for a MetaTrader return code; the MetaTrader code itself travels in the reason. */
export function rejectionCode(numericCode: number): string {
  return (REJECTIONS.get(numericCode) ?? DEFAULT_REJECTION).code;
}

/** What the operator can do about a rejection, by code. */
export function rejectionHint(numericCode: number): string {
  return (REJECTIONS.get(numericCode) ?? DEFAULT_REJECTION).hint;
}
