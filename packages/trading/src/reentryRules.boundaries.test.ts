import fc from 'fast-check';
import { SymbolBook } from '@zepix/symbols';
import { describe, expect, it } from 'vitest';
import { TradingConfigSchema } from './config.js';
import type { TradingConfigInput } from './config.js';
import type { MonitorRow } from './MonitorStore.js';
import { isTriggered, monitorFor } from './reentryRules.js';
import type { ClosedHow } from './reentryRules.js';
import type { PositionRow } from './rows.js';
import { positionRow } from './testSupport.js';

const symbols = new SymbolBook();
const NOW = new Date('2026-03-02T10:00:00.000Z');
const config = (input: TradingConfigInput = {}) => TradingConfigSchema.parse(input);

/** A closed XAUUSD buy at 2650 with SL 2640 and TP 2660 (pip 0.01), re-entry level 0. */
function row(overrides: Partial<PositionRow> = {}, lifecycle: Record<string, unknown> = {}): PositionRow {
  return positionRow({
    state: 'closed',
    lifecycle_json: JSON.stringify({
      slHuntWindowMinutes: 30,
      tpContinuation: true,
      exitContinuation: true,
      ...lifecycle,
    }),
    ...overrides,
  });
}

const sl: ClosedHow = { reason: 'sl', closePrice: 2640, pluginExit: false };
const tp: ClosedHow = { reason: 'tp', closePrice: 2660, pluginExit: false };
const exit: ClosedHow = { reason: 'manual', closePrice: 2655, pluginExit: true };

describe('which monitor a closed position arms', () => {
  it('arms an SL hunt past the SL by the offset, with a tightened SL and the hunt window', () => {
    expect(monitorFor(row(), sl, config(), symbols, NOW)).toEqual({
      plugin: 'alpha',
      symbol: 'XAUUSD',
      direction: 'buy',
      kind: 'sl_hunt',
      level: 1,
      source_position_id: 7,
      trigger_price: 2640.01,
      sl_distance: 7,
      tp_distance: 10,
      lots: 0.1,
      lifecycle_json: row().lifecycle_json,
      armed_at: '2026-03-02T10:00:00.000Z',
      expires_at: '2026-03-02T10:30:00.000Z',
    });
    const sell = row({ direction: 'sell', stop_loss: 2660, take_profit: 2640 });
    expect(monitorFor(sell, { ...sl, closePrice: 2660 }, config(), symbols, NOW)).toMatchObject({
      kind: 'sl_hunt',
      trigger_price: 2659.99,
      sl_distance: 7,
    });
  });

  it('arms no SL hunt without a window, without an SL, or with an SL at or beyond the entry', () => {
    expect(
      monitorFor(
        row({}, { slHuntWindowMinutes: 0, tpContinuation: false, exitContinuation: false }),
        sl,
        config(),
        symbols,
        NOW,
      ),
    ).toBeUndefined();
    expect(
      monitorFor(row({}, { slHuntWindowMinutes: undefined }), { ...sl, pluginExit: false }, config(), symbols, NOW),
    ).toBeUndefined();
    expect(monitorFor(row({ stop_loss: null }), sl, config(), symbols, NOW)).toBeUndefined();
    // A row that never filled has no entry to re-enter from, whatever its levels and close.
    for (const how of [sl, tp, exit])
      expect(monitorFor(row({ entry_price: null }), how, config(), symbols, NOW)).toBeUndefined();
    for (const stop of [2650, 2651])
      expect(monitorFor(row({ stop_loss: stop }), sl, config(), symbols, NOW)).toBeUndefined();
    expect(monitorFor(row({ direction: 'sell', stop_loss: 2650 }), sl, config(), symbols, NOW)).toBeUndefined();
    expect(monitorFor(row({ direction: 'sell', stop_loss: 2649 }), sl, config(), symbols, NOW)).toBeUndefined();
  });

  it('arms a TP continuation a gap past the TP, keeping the SL distance, for the continuation window', () => {
    expect(monitorFor(row(), tp, config(), symbols, NOW)).toMatchObject({
      kind: 'tp_continuation',
      level: 1,
      trigger_price: 2660.02,
      sl_distance: 10,
      expires_at: '2026-03-02T11:00:00.000Z',
    });
    const sell = row({ direction: 'sell', stop_loss: 2660, take_profit: 2640 });
    expect(monitorFor(sell, tp, config(), symbols, NOW)).toMatchObject({ trigger_price: 2639.98 });
    expect(
      monitorFor(row({}, { tpContinuation: false, exitContinuation: false }), tp, config(), symbols, NOW),
    ).toBeUndefined();
    expect(
      monitorFor(row({ take_profit: null }, { exitContinuation: false }), tp, config(), symbols, NOW),
    ).toBeUndefined();
  });

  it('arms an exit continuation a gap past the exit price only for a plugin exit', () => {
    expect(monitorFor(row({ stop_loss: null }), exit, config(), symbols, NOW)).toMatchObject({
      kind: 'exit_continuation',
      trigger_price: 2655.02,
      sl_distance: null,
    });
    expect(monitorFor(row(), { ...exit, pluginExit: false }, config(), symbols, NOW)).toBeUndefined();
    expect(monitorFor(row({}, { exitContinuation: false }), exit, config(), symbols, NOW)).toBeUndefined();
    expect(monitorFor(row({ take_profit: null }), exit, config(), symbols, NOW)?.tp_distance).toBeNull();
  });

  it('counts levels up to reentry.max_levels, then arms nothing', () => {
    const settings = config({ reentry: { max_levels: 2 } });
    expect(monitorFor(row({ reentry_level: 1 }), sl, settings, symbols, NOW)?.level).toBe(2);
    expect(monitorFor(row({ reentry_level: 2 }), sl, settings, symbols, NOW)).toBeUndefined();
    expect(monitorFor(row({ entry_price: null }), sl, settings, symbols, NOW)).toBeUndefined();
  });

  it('uses the configured offset, gap, tighten factor and window', () => {
    const settings = config({
      reentry: {
        sl_hunt_offset_pips: 5,
        continuation_gap_pips: 10,
        sl_tighten_factor: 0.5,
        continuation_window_minutes: 15,
      },
    });
    expect(monitorFor(row(), sl, settings, symbols, NOW)).toMatchObject({ trigger_price: 2640.05, sl_distance: 5 });
    expect(monitorFor(row(), tp, settings, symbols, NOW)).toMatchObject({
      trigger_price: 2660.1,
      expires_at: '2026-03-02T10:15:00.000Z',
    });
  });
});

describe('when a monitor fires', () => {
  const monitor = (direction: 'buy' | 'sell', trigger: number) => ({ direction, trigger_price: trigger }) as MonitorRow;
  const tick = (bid: number, ask: number) => ({ symbol: 'XAUUSD', bid, ask, time: NOW.toISOString() });

  it('fires a buy when the bid reaches the trigger and a sell when the ask does, exactly at it too', () => {
    expect(isTriggered(monitor('buy', 2650), tick(2650, 2651))).toBe(true);
    expect(isTriggered(monitor('buy', 2650), tick(2649.99, 2650.5))).toBe(false);
    expect(isTriggered(monitor('sell', 2650), tick(2649, 2650))).toBe(true);
    expect(isTriggered(monitor('sell', 2650), tick(2649.5, 2650.01))).toBe(false);
  });

  it('fires a buy for every bid at or above the trigger and no other, for any prices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (t, b) => {
        const [trigger, bid] = [t / 100, b / 100];
        return (
          isTriggered(monitor('buy', trigger), tick(bid, bid + 1)) === bid >= trigger &&
          isTriggered(monitor('sell', trigger), tick(bid - 1, bid)) === bid <= trigger
        );
      }),
    );
  });
});
