import { describe, expect, it } from 'vitest';
import { inferCloseReason } from './reconcile.js';
import type { PositionRow } from './rows.js';
import { positionRow } from './testSupport.js';

function row(direction: 'buy' | 'sell', stopLoss: number | null, takeProfit: number | null): PositionRow {
  return positionRow({ direction, stop_loss: stopLoss, take_profit: takeProfit });
}

describe('the close reason of a trade closed while Zepix was not listening', () => {
  it('is the SL for a buy closed at its SL or below, not a tick above', () => {
    const buy = row('buy', 2640, 2670);
    expect(inferCloseReason(buy, 2640)).toBe('sl');
    expect(inferCloseReason(buy, 2639.5)).toBe('sl');
    expect(inferCloseReason(buy, 2640.01)).toBe('manual');
  });

  it('is the TP for a buy closed at its TP or above, not a tick below', () => {
    const buy = row('buy', 2640, 2670);
    expect(inferCloseReason(buy, 2670)).toBe('tp');
    expect(inferCloseReason(buy, 2671)).toBe('tp');
    expect(inferCloseReason(buy, 2669.99)).toBe('manual');
  });

  it('is the SL for a sell closed at its SL or above, and the TP at its TP or below', () => {
    const sell = row('sell', 2660, 2630);
    expect(inferCloseReason(sell, 2660)).toBe('sl');
    expect(inferCloseReason(sell, 2661)).toBe('sl');
    expect(inferCloseReason(sell, 2659.99)).toBe('manual');
    expect(inferCloseReason(sell, 2630)).toBe('tp');
    expect(inferCloseReason(sell, 2629)).toBe('tp');
    expect(inferCloseReason(sell, 2630.01)).toBe('manual');
  });

  it('takes a price a float rounding off a level as that level', () => {
    expect(inferCloseReason(row('buy', 1.1, null), 1.1 + 1e-12)).toBe('sl');
    expect(inferCloseReason(row('sell', 1.1, null), 1.1 - 1e-12)).toBe('sl');
    expect(inferCloseReason(row('buy', null, 1.2), 1.2 - 1e-12)).toBe('tp');
    expect(inferCloseReason(row('sell', null, 1.2), 1.2 + 1e-12)).toBe('tp');
  });

  it('is manual without levels, whatever the price', () => {
    expect(inferCloseReason(row('buy', null, null), 0)).toBe('manual');
    expect(inferCloseReason(row('sell', null, null), 99_999)).toBe('manual');
  });
});
