import type { Direction, EntryAlert, PluginResult, PluginServices, ReversalAlert } from '@zepix/plugin-core';
import { checkPillars } from './alignment.js';
import type { AlignmentResult } from './alignment.js';
import type { CombinedV3Config, LogicId, LogicSettings } from './config.js';
import { checkConsensus, isAggressive, stopLossProblem } from './filters.js';
import { lotMultiplier } from './lots.js';
import type { LotMultiplier } from './lots.js';
import { routeToLogic } from './routing.js';
import type { Route } from './routing.js';

/** An alert that opens a position: an entry, or the entry half of a reversal. */
export type TradableAlert = EntryAlert | ReversalAlert;

/** Everything decided before any order is sent. */
export interface EntryPlan {
  readonly alert: TradableAlert;
  readonly direction: Direction;
  readonly stopLoss: number;
  readonly consensus: number;
  readonly route: Route;
  readonly logic: LogicId;
  readonly settings: LogicSettings;
  readonly multiplier: LotMultiplier;
  readonly alignment?: AlignmentResult;
  readonly expectedLots: number;
  readonly lotBasis: string;
  readonly aggressive: boolean;
}

const rejected = (message: string, data: Record<string, unknown> = {}): PluginResult => ({
  status: 'rejected',
  message,
  data: { legsOpened: [], ...data },
});

type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly result: PluginResult };

/** Consensus filter, then the stop-loss: the two checks that need nothing but the alert. */
function checkSignal(config: CombinedV3Config, alert: TradableAlert): Checked<{ consensus: number; stopLoss: number }> {
  const { tag } = config.notifications;
  const { direction, symbol } = alert;
  const consensus = checkConsensus(alert.consensusScore, alert.signalType, direction, config.consensus);
  if (!consensus.ok) {
    const data = { consensusScore: consensus.score, requiredConsensus: consensus.required };
    return { ok: false, result: rejected(`${tag} Rejected ${direction} ${symbol}: ${consensus.reason}.`, data) };
  }
  const problem = stopLossProblem(direction, alert.price, alert.levels.sl);
  if (problem !== undefined || alert.levels.sl === undefined) {
    return { ok: false, result: rejected(`${tag} Rejected ${direction} ${symbol}: ${problem ?? 'no stop-loss'}.`) };
  }
  return { ok: true, value: { consensus: consensus.score, stopLoss: alert.levels.sl } };
}

/** The 4-pillar trend check, when required; a misaligned entry becomes a rejection with the detail. */
async function checkTrend(
  config: CombinedV3Config,
  services: PluginServices,
  alert: TradableAlert,
  context: { readonly what: string; readonly data: Record<string, unknown> },
): Promise<Checked<AlignmentResult | undefined>> {
  if (!config.require_trend_alignment) return { ok: true, value: undefined };
  const alignment = await checkPillars({
    trends: services.trends,
    symbol: alert.symbol,
    direction: alert.direction,
    alertTrends: alert.kind === 'entry' ? alert.mtfTrends : undefined,
    settings: config.trend_alignment,
  });
  if (alignment.aligned) return { ok: true, value: alignment };
  const { tag } = config.notifications;
  const need = `${config.trend_alignment.min_agreeing} of ${config.trend_alignment.pillars.length}`;
  const message = `${tag} Rejected ${context.what}: only ${alignment.agreeing} trend pillars agree and ${need} must (${alignment.detail}).`;
  return { ok: false, result: rejected(message, { ...context.data, alignment }) };
}

/** Previews the lots with the total multiplier; a zero size (risk allowance used up) is refused before any close. */
async function previewLots(
  config: CombinedV3Config,
  services: PluginServices,
  request: { readonly alert: TradableAlert; readonly stopLoss: number; readonly multiplier: number },
  context: { readonly what: string; readonly data: Record<string, unknown> },
): Promise<Checked<{ readonly lots: number; readonly basis: string }>> {
  const { alert, stopLoss, multiplier } = request;
  const entryPrice = alert.price === undefined ? {} : { entryPrice: alert.price };
  const sized = await services.riskManagement.calculateLots({
    symbol: alert.symbol,
    ...entryPrice,
    stopLoss,
    multiplier,
  });
  if (sized.lots > 0) return { ok: true, value: sized };
  const message = `${config.notifications.tag} Rejected ${context.what}: the lot-sizing service allows 0 lots (${sized.basis}).`;
  return { ok: false, result: rejected(message, { ...context.data, lotBasis: sized.basis }) };
}

/**
 * Runs every check an entry must pass, cheapest first: consensus, stop-loss, routing, 4-pillar trend alignment,
 * then a lot preview from the sizing service. Nothing is traded here; a rejection carries the numbers behind it.
 */
export async function planEntry(
  config: CombinedV3Config,
  services: PluginServices,
  alert: TradableAlert,
): Promise<{ readonly ok: true; readonly plan: EntryPlan } | { readonly ok: false; readonly result: PluginResult }> {
  const signal = checkSignal(config, alert);
  if (!signal.ok) return signal;
  const { consensus, stopLoss } = signal.value;
  const route = routeToLogic(alert.signalType, alert.timeframe, config.routing);
  const settings = config.logics[route.logic];
  const multiplier = lotMultiplier({
    consensusScore: consensus,
    logicMultiplier: settings.lot_multiplier,
    positionMultiplier: alert.kind === 'entry' ? alert.positionMultiplier : undefined,
    lots: config.lots,
  });
  const context = {
    what: `${alert.direction} ${alert.symbol} (${route.logic})`,
    data: { logic: route.logic, routeRule: route.rule, lotMultiplier: multiplier },
  };
  const trend = await checkTrend(config, services, alert, context);
  if (!trend.ok) return trend;
  const sized = await previewLots(config, services, { alert, stopLoss, multiplier: multiplier.total }, context);
  if (!sized.ok) return sized;
  const plan: EntryPlan = {
    alert,
    direction: alert.direction,
    stopLoss,
    consensus,
    route,
    logic: route.logic,
    settings,
    multiplier,
    ...(trend.value ? { alignment: trend.value } : {}),
    expectedLots: sized.value.lots,
    lotBasis: sized.value.basis,
    aggressive: isAggressive(alert.signalType, consensus, config.aggressive_reversal),
  };
  return { ok: true, plan };
}
