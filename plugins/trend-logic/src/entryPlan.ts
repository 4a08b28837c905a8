import type { EntryAlert, PluginResult, PluginServices, ReversalAlert } from '@zepix/plugin-core';
import type { LogicId, LogicSettings, TrendLogicConfig } from './config.js';
import { describeTimeframes, logicForTimeframe } from './routing.js';
import { baseStopPips, computeStops } from './stops.js';
import type { BaseStop, StopLevels } from './stops.js';

/** An alert that opens a position: an entry, or the entry half of a reversal. */
export type TradableAlert = EntryAlert | ReversalAlert;

/** Everything decided before the order is sent. */
export interface EntryPlan {
  readonly alert: TradableAlert;
  readonly logic: LogicId;
  readonly settings: LogicSettings;
  readonly alignmentDetail: string;
  readonly baseStop: BaseStop;
  readonly stops: StopLevels;
  readonly lots: number;
  readonly lotBasis: string;
}

type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly result: PluginResult };

const refuse = (message: string, data: Record<string, unknown> = {}): { ok: false; result: PluginResult } => ({
  ok: false,
  result: { status: 'rejected', message, data: { legsOpened: [], ...data } },
});

/** The alert's price, else the live quote on the side the order fills at (ask for buys, bid for sells). */
async function entryPrice(services: PluginServices, alert: TradableAlert): Promise<number | undefined> {
  if (alert.price !== undefined) return alert.price;
  const quote = await services.market.getPrice({ symbol: alert.symbol });
  if (!quote) return undefined;
  return alert.direction === 'buy' ? quote.ask : quote.bid;
}

/** Base SL for the symbol × the logic's SL multiplier, turned into prices with the symbol's pip size. */
async function levelsFor(
  config: TrendLogicConfig,
  services: PluginServices,
  alert: TradableAlert,
  settings: LogicSettings,
): Promise<Checked<{ baseStop: BaseStop; stops: StopLevels }>> {
  const what = `${config.notifications.tag} Rejected ${alert.direction} ${alert.symbol}`;
  const baseStop = baseStopPips(alert.symbol, config.stop_loss);
  if (!baseStop) return refuse(`${what}: it has no base stop-loss; set stop_loss.symbols.${alert.symbol} in pips.`);
  const spec = await services.market.getSymbolSpec({ symbol: alert.symbol });
  if (!spec) return refuse(`${what}: the market service has no symbol specification (pip size) for it.`);
  const price = await entryPrice(services, alert);
  if (price === undefined) return refuse(`${what}: the alert has no price and no quote is available.`);
  const stops = computeStops({
    direction: alert.direction,
    entryPrice: price,
    basePips: baseStop.pips,
    slMultiplier: settings.sl_multiplier,
    riskReward: config.risk_reward,
    spec,
  });
  return { ok: true, value: { baseStop, stops } };
}

/** Routes by timeframe and checks that every alignment trend in the store agrees with the direction. */
async function routeAndAlign(
  config: TrendLogicConfig,
  services: PluginServices,
  alert: TradableAlert,
): Promise<Checked<{ logic: LogicId; detail: string }>> {
  const { tag } = config.notifications;
  const { direction, symbol, timeframe } = alert;
  const logic = logicForTimeframe(timeframe, config.logics);
  if (!logic) {
    const traded = describeTimeframes(config.logics);
    return refuse(
      `${tag} Rejected ${direction} ${symbol}: ${timeframe}m entries have no logic (trend-logic trades ${traded}).`,
    );
  }
  const timeframes = config.logics[logic].alignment_timeframes;
  const alignment = await services.trends.checkAlignment({ symbol, direction, timeframes });
  if (!alignment.aligned) {
    const message = `${tag} Rejected ${direction} ${symbol} (${logic}): the stored trends ${alignment.detail} do not all agree with ${direction}.`;
    return refuse(message, { logic, alignment });
  }
  return { ok: true, value: { logic, detail: alignment.detail } };
}

/**
 * Runs every check a legacy entry must pass: a logic for its timeframe, stored-trend alignment for that logic,
 * a computed SL/TP, and a non-zero lot size from the sizing service. Nothing is traded here.
 */
export async function planEntry(
  config: TrendLogicConfig,
  services: PluginServices,
  alert: TradableAlert,
): Promise<Checked<EntryPlan>> {
  const routed = await routeAndAlign(config, services, alert);
  if (!routed.ok) return routed;
  const { logic, detail } = routed.value;
  const settings = config.logics[logic];
  const levels = await levelsFor(config, services, alert, settings);
  if (!levels.ok) return levels;
  const { stops, baseStop } = levels.value;
  const sized = await services.riskManagement.calculateLots({
    symbol: alert.symbol,
    entryPrice: stops.entryPrice,
    stopLoss: stops.stopLoss,
    multiplier: settings.lot_multiplier,
  });
  if (!(sized.lots > 0)) {
    const what = `${alert.direction} ${alert.symbol} (${logic})`;
    return refuse(
      `${config.notifications.tag} Rejected ${what}: the lot-sizing service allows 0 lots (${sized.basis}).`,
      {
        logic,
      },
    );
  }
  const plan = {
    alert,
    logic,
    settings,
    alignmentDetail: detail,
    baseStop,
    stops,
    lots: sized.lots,
    lotBasis: sized.basis,
  };
  return { ok: true, value: plan };
}
