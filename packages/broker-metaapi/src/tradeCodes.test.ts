import { describe, expect, it } from 'vitest';
import { isTradeOutcomeUnknown, isTradeSuccess, rejectionCode, rejectionHint, TradeCode } from './tradeCodes.js';

describe('MetaTrader return codes', () => {
  it('counts 0, 10008 to 10010 and 10025 as success, and their neighbours not', () => {
    for (const code of [0, 10008, 10009, 10010, 10025]) expect(isTradeSuccess(code)).toBe(true);
    for (const code of [-1, 1, 10007, 10011, 10024, 10026, 10006]) expect(isTradeSuccess(code)).toBe(false);
  });

  it('treats only a disconnect during the trade as an unknown outcome', () => {
    expect(isTradeOutcomeUnknown(-11)).toBe(true);
    for (const code of [-10, 0, 10009, 10012]) expect(isTradeOutcomeUnknown(code)).toBe(false);
  });

  it('maps each known rejection to its own code and hint, and the rest to the generic one', () => {
    const expected: [number, string, string][] = [
      [TradeCode.invalidStops.numericCode, 'ZEPIX_METAAPI_INVALID_STOPS', 'stop level'],
      [TradeCode.marketClosed.numericCode, 'ZEPIX_METAAPI_MARKET_CLOSED', 'trading session'],
      [TradeCode.noMoney.numericCode, 'ZEPIX_METAAPI_NO_MONEY', 'add funds'],
      [TradeCode.invalidVolume.numericCode, 'ZEPIX_METAAPI_INVALID_VOLUME', 'volumeStep'],
      [TradeCode.positionNotFound.numericCode, 'ZEPIX_METAAPI_POSITION_NOT_FOUND', 'already closed'],
      [TradeCode.reject.numericCode, 'ZEPIX_METAAPI_TRADE_REJECTED', 'MetaTrader terminal'],
    ];
    for (const [code, zepix, hint] of expected) {
      expect(rejectionCode(code)).toBe(zepix);
      expect(rejectionHint(code)).toContain(hint);
    }
  });
});
