import { err, ok } from '@zepix/plugin-core';
import type { CodedError, EntryAlert, LifecycleOptions, PlaceDualOrderOptions, Result } from '@zepix/plugin-core';
import type { V6Config } from './config.js';

/** Why an entry gets no order: it has no stop-loss and none is configured. */
export interface OrderPlanError extends CodedError {
  readonly code: 'ZEPIX_V6_NO_STOP_LOSS';
}

/** The dual-order request for an entry, or why there is none. */
export type OrderPlan = Result<PlaceDualOrderOptions, OrderPlanError>;

const round = (value: number) => Math.round(value * 1e8) / 1e8;

/** The leg's target from the alert: `tp3_or_tp2` takes TP3 when the alert sends one. */
function target(alert: EntryAlert, which: V6Config['orders']['a_target']): number | undefined {
  const { tp1, tp2, tp3 } = alert.levels;
  if (which === 'tp1') return tp1;
  if (which === 'tp2') return tp2;
  return tp3 ?? tp2;
}

/** SL and the two targets: fixed pip distances from the alert price where configured, else the alert's levels. */
function levels(alert: EntryAlert, config: V6Config, pipSize: number) {
  const sign = alert.direction === 'buy' ? 1 : -1;
  const price = alert.price;
  const fromPips = (pips: number | null, side: 1 | -1) =>
    pips === null || price === undefined ? undefined : round(price + side * sign * pips * pipSize);
  const stopLoss = fromPips(config.stop_loss_pips, -1) ?? alert.levels.sl;
  const fixedTp = fromPips(config.take_profit_pips, 1);
  return {
    stopLoss,
    tpA: fixedTp ?? target(alert, config.orders.a_target),
    tpB: fixedTp ?? alert.levels.tp1,
  };
}

/** Break-even and holding time for the legs. */
function lifecycle(config: V6Config): LifecycleOptions {
  return {
    profitChain: false,
    ...(config.break_even_after_tp1_pips === null
      ? {}
      : { breakEven: { offsetPips: config.break_even_after_tp1_pips, afterSiblingTp: true } }),
    ...(config.max_hold_minutes === null ? {} : { maxHoldMinutes: config.max_hold_minutes }),
  };
}

/**
 * The order for a V6 entry: the configured legs (A to its target, B to TP1, the same SL), the plugin's lot
 * multiplier, break-even and holding time. Every leg needs a stop-loss; the plugin never trades without one.
 */
export function planOrder(alert: EntryAlert, config: V6Config, pipSize: number): OrderPlan {
  const { stopLoss, tpA, tpB } = levels(alert, config, pipSize);
  if (stopLoss === undefined) {
    return err({
      code: 'ZEPIX_V6_NO_STOP_LOSS',
      message:
        'the alert has no SL and stop_loss_pips is not set; switch on SL/TP in the V6 indicator or set stop_loss_pips',
    });
  }
  const { legs } = config.orders;
  return ok({
    alert,
    direction: alert.direction,
    legs,
    orderA: { stopLoss, ...(tpA === undefined ? {} : { takeProfit: tpA }) },
    orderB: { stopLoss, ...(tpB === undefined ? {} : { takeProfit: tpB }) },
    lotMultiplier: config.lot_multiplier,
    onLegFailure: config.orders.on_leg_failure,
    lifecycle: lifecycle(config),
  });
}
