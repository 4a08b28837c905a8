import type { CloseReason } from '@zepix/broker-api';
import type { Direction } from '@zepix/plugin-core';
import type { SymbolBook } from '@zepix/symbols';
import type { TradingConfig } from './config.js';
import type { MonitorRow, NewMonitor } from './MonitorStore.js';
import { lifecycleOf } from './rows.js';
import type { PositionRow } from './rows.js';
import type { Tick } from './types.js';

/** How a position ended, as far as re-entry cares. */
export interface ClosedHow {
  readonly reason: CloseReason;
  readonly closePrice: number;
  /** The owning plugin closed it through closePositions (an exit alert). */
  readonly pluginExit: boolean;
}

interface Plan {
  readonly kind: MonitorRow['kind'];
  readonly level: number;
  readonly trigger: number;
  readonly windowMinutes: number;
  readonly slDistance: number | null;
}

/**
 * Which monitor a closed position arms, if any:
 * - SL hunt (reason 'sl', `slHuntWindowMinutes` > 0): buy → bid back at or above SL + offset; sell → ask at or
 *   below SL − offset. The re-entry's SL distance is the closed position's × `sl_tighten_factor` (0.7^level).
 * - TP continuation (reason 'tp', `tpContinuation`): buy → bid ≥ TP + gap; sell → ask ≤ TP − gap.
 * - Exit continuation (plugin exit, `exitContinuation`): buy → bid ≥ exit price + gap; sell → ask ≤ exit − gap.
 * Levels count across all kinds; a position at `reentry.max_levels` arms nothing.
 */
export function monitorFor(
  row: PositionRow,
  how: ClosedHow,
  config: TradingConfig,
  symbols: SymbolBook,
  now: Date,
): NewMonitor | undefined {
  const plan = planFor(row, how, config, symbols);
  if (plan === undefined) return undefined;
  const entry = row.entry_price ?? how.closePrice;
  return {
    plugin: row.plugin,
    symbol: row.symbol,
    direction: row.direction,
    kind: plan.kind,
    level: plan.level,
    source_position_id: row.id,
    trigger_price: round(plan.trigger),
    sl_distance: plan.slDistance === null ? null : round(plan.slDistance),
    tp_distance: row.take_profit === null ? null : round(Math.abs(row.take_profit - entry)),
    lots: row.lots,
    lifecycle_json: row.lifecycle_json,
    armed_at: now.toISOString(),
    expires_at: new Date(now.getTime() + plan.windowMinutes * 60_000).toISOString(),
  };
}

function planFor(row: PositionRow, how: ClosedHow, config: TradingConfig, symbols: SymbolBook): Plan | undefined {
  const lifecycle = lifecycleOf(row);
  const { reentry } = config;
  if (row.reentry_level >= reentry.max_levels || row.entry_price === null) return undefined;
  const level = row.reentry_level + 1;
  const sign = row.direction === 'buy' ? 1 : -1;
  const slDistance = row.stop_loss === null ? null : Math.abs(row.entry_price - row.stop_loss);
  const huntWindow = lifecycle.slHuntWindowMinutes ?? 0;
  const stop = row.stop_loss;
  // A stop moved to breakeven or beyond is a protected exit, not a hunted stop.
  if (
    how.reason === 'sl' &&
    huntWindow > 0 &&
    stop !== null &&
    !atOrBeyondEntry(row.direction, row.entry_price, stop)
  ) {
    const trigger = stop + sign * symbols.fromPips(row.symbol, reentry.sl_hunt_offset_pips);
    return {
      kind: 'sl_hunt',
      level,
      trigger,
      windowMinutes: huntWindow,
      slDistance: Math.abs(row.entry_price - stop) * reentry.sl_tighten_factor,
    };
  }
  const gap = sign * symbols.fromPips(row.symbol, reentry.continuation_gap_pips);
  const windowMinutes = reentry.continuation_window_minutes;
  if (how.reason === 'tp' && lifecycle.tpContinuation === true && row.take_profit !== null) {
    return { kind: 'tp_continuation', level, trigger: row.take_profit + gap, windowMinutes, slDistance };
  }
  if (how.pluginExit && lifecycle.exitContinuation === true) {
    return { kind: 'exit_continuation', level, trigger: how.closePrice + gap, windowMinutes, slDistance };
  }
  return undefined;
}

function atOrBeyondEntry(direction: Direction, entry: number, stop: number): boolean {
  return (stop - entry) * (direction === 'buy' ? 1 : -1) >= 0;
}

/** Whether the tick has reached the monitor's trigger in the trade's direction (buys on the bid, sells on the ask). */
export function isTriggered(monitor: MonitorRow, tick: Tick): boolean {
  return monitor.direction === 'buy'
    ? tick.bid >= monitor.trigger_price - 1e-9
    : tick.ask <= monitor.trigger_price + 1e-9;
}

function round(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}
