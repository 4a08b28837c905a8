import { BaseLogicPlugin, closeSide, continueWith, countPositions, opposite, serviceFailure } from '@zepix/plugin-core';
import type {
  Alert,
  AlertValidation,
  Direction,
  EntryAlert,
  ExitAlert,
  InfoAlert,
  LifecycleOptions,
  PluginResult,
  ReversalAlert,
  TrendAlert,
} from '@zepix/plugin-core';
import { trendLogicConfigSchema } from './config.js';
import type { TrendLogicConfig } from './config.js';
import { planEntry } from './entryPlan.js';
import type { EntryPlan, TradableAlert } from './entryPlan.js';
import { PositionLogics } from './positionLogics.js';
import { logicsUsingTrend } from './routing.js';
import { TREND_LOGIC_SAMPLES } from './samples.js';

/** "60m bearish trend on XAUUSD". */
function describeTrend(alert: TrendAlert): string {
  const name = alert.trend === 1 ? 'bullish' : alert.trend === -1 ? 'bearish' : 'neutral';
  return `${alert.timeframe}m ${name} trend on ${alert.symbol}`;
}

/**
 * Legacy logic 1/2/3 for `family: 'legacy'` alerts: 5m → logic1, 15m → logic2, 1h → logic3, each entering only
 * when its stored trends agree (1H = 15M, or 1D = 1H for logic3), with a computed SL/TP and per-logic lot and SL
 * multipliers. Exits, reversals and opposing trend alerts close the plugin's positions on the symbol.
 */
export class TrendLogicPlugin extends BaseLogicPlugin<TrendLogicConfig> {
  static override configSchema = trendLogicConfigSchema;
  static override defaultEnabled = true;
  static override sampleAlerts = TREND_LOGIC_SAMPLES;

  #positions: PositionLogics | undefined;

  private get positions(): PositionLogics {
    this.#positions ??= new PositionLogics(this.db);
    return this.#positions;
  }

  private get tag(): string {
    return this.config.notifications.tag;
  }

  /** Creates the position → logic table before the first alert, so a broken database fails the load, not a trade. */
  override initialize(): Promise<void> {
    void this.positions;
    return Promise.resolve();
  }

  /** Refuses every family but legacy, so the other logic plugins get those alerts. */
  override validateAlert(alert: Alert): AlertValidation {
    if (alert.family !== 'legacy') {
      return { ok: false, reason: `trend-logic trades legacy alerts only; this one is ${alert.family}` };
    }
    return { ok: true };
  }

  /** Routes by timeframe, checks the logic's trend alignment, then opens the order with computed SL/TP. */
  async processEntrySignal(alert: EntryAlert): Promise<PluginResult> {
    return this.enter(alert);
  }

  /** Closes this plugin's `closeSide` positions on the symbol (a bull exit closes sells). */
  async processExitSignal(alert: ExitAlert): Promise<PluginResult> {
    const side = alert.closeSide;
    const closing = await this.close(alert.symbol, side, `${alert.signalType ?? 'exit'} alert`);
    if (!closing.ok) return closing.result;
    const { closed, stoppedChains, cancelledMonitors } = closing.outcome;
    return {
      status: closed.length + stoppedChains + cancelledMonitors > 0 ? 'ok' : 'skipped',
      message: `${this.tag} Exit: closed ${countPositions(closed.length, side)} on ${alert.symbol}, stopped ${stoppedChains} profit chain(s) and cancelled ${cancelledMonitors} re-entry monitor(s).`,
      data: { side, closed, stoppedChains, cancelledMonitors, legsOpened: [] },
    };
  }

  /** Closes the opposite side, then enters the new direction if its logic's trends agree. */
  async processReversalSignal(alert: ReversalAlert): Promise<PluginResult> {
    const side = opposite(alert.direction);
    const closing = await this.close(alert.symbol, side, 'reversal alert');
    if (!closing.ok) return closing.result;
    const { closed } = closing.outcome;
    const entry = await this.enter(alert);
    // Positions were closed even when the new entry is refused, so the reversal as a whole did something.
    const status = entry.status === 'failed' ? 'failed' : closed.length > 0 ? 'ok' : entry.status;
    const closedText = `closed ${countPositions(closed.length, side)} on ${alert.symbol}`;
    return {
      status,
      message: `${this.tag} Reversal to ${alert.direction}: ${closedText}; ${continueWith(this.tag, entry.message)}`,
      data: { ...entry.data, closedOpposite: closed, entryStatus: entry.status },
    };
  }

  /** A trend alert that opposes open positions of the logics reading its timeframe closes them. */
  override async onInfoSignal(alert: InfoAlert): Promise<PluginResult | undefined> {
    if (alert.kind !== 'trend') return undefined;
    return this.closeOnOpposingTrend(alert);
  }

  private async closeOnOpposingTrend(alert: TrendAlert): Promise<PluginResult> {
    const skip = (why: string): PluginResult => ({ status: 'skipped', message: `${this.tag} ${why}` });
    const trendName = describeTrend(alert);
    if (!this.config.close_on_opposite_trend) return skip(`The ${trendName} closes nothing: it is turned off.`);
    if (alert.trend === 0) return skip(`A ${trendName} opposes no position.`);
    const affected = logicsUsingTrend(alert.timeframe, this.config.logics);
    if (affected.length === 0) return skip(`The ${trendName} feeds no logic's alignment, so it closes nothing.`);
    const side: Direction = alert.trend === 1 ? 'sell' : 'buy';
    const open = await this.services.orderExecution.getOpenPositions({ symbol: alert.symbol, direction: side });
    const logicOf = this.positions.logicsOf(open.map((p) => p.id));
    // A position the plugin has no record of is treated as affected: an opposing trend should not be ignored.
    const opposed = open.filter((p) => {
      const logic = logicOf.get(p.id);
      return logic === undefined || affected.includes(logic);
    });
    if (opposed.length === 0) return skip(`The ${trendName} opposes no ${side} position of ${affected.join('/')}.`);
    const closing = await this.close(alert.symbol, side, `opposing ${trendName}`);
    if (!closing.ok) return closing.result;
    const { closed } = closing.outcome;
    return {
      status: 'ok',
      message: `${this.tag} The ${trendName} opposes ${affected.join('/')}: closed ${countPositions(closed.length, side)}.`,
      data: { side, affectedLogics: affected, closed, legsOpened: [] },
    };
  }

  private async close(symbol: string, side: Direction, reason: string) {
    const closing = await closeSide(this.services, { symbol, side, reason });
    if (closing.ok) this.positions.forget(closing.outcome.closed);
    return closing;
  }

  private async enter(alert: TradableAlert): Promise<PluginResult> {
    const planned = await planEntry(this.config, this.services, alert);
    if (!planned.ok) return planned.result;
    return this.config.orders.mode === 'dual' ? this.placeDual(planned.value) : this.placeSingle(planned.value);
  }

  private lifecycle(plan: EntryPlan): LifecycleOptions {
    return {
      slHuntWindowMinutes: plan.settings.sl_hunt_window_minutes,
      tpContinuation: plan.settings.tp_continuation,
      exitContinuation: plan.settings.exit_continuation,
      alignmentTimeframes: plan.settings.alignment_timeframes,
    };
  }

  private async placeSingle(plan: EntryPlan): Promise<PluginResult> {
    const { alert, stops } = plan;
    const result = await this.services.orderExecution.placeOrder({
      alert,
      direction: alert.direction,
      leg: 'single',
      lots: plan.lots,
      stopLoss: stops.stopLoss,
      takeProfit: stops.takeProfit,
      lifecycle: this.lifecycle(plan),
      comment: `trend-logic ${plan.logic}`,
    });
    const what = `${alert.direction} ${alert.symbol} via ${plan.logic}`;
    if (!result.ok)
      return serviceFailure(result, `${this.tag} Order for ${what} was not placed`, this.planData(plan, []));
    this.positions.record([result.value.id], alert.symbol, plan.logic, this.services.clock.now().toISOString());
    return {
      status: 'ok',
      message: `${this.tag} Opened ${what}: ${plan.lots} lots at ${stops.entryPrice}, SL ${stops.stopLoss} (${stops.slPips} pips), TP ${stops.takeProfit}.`,
      data: { ...this.planData(plan, ['single']), positions: [result.value.id] },
    };
  }

  private async placeDual(plan: EntryPlan): Promise<PluginResult> {
    const { alert, stops } = plan;
    const { legs, on_leg_failure: onLegFailure, profit_chain_on_b: chainOnB } = this.config.orders;
    const result = await this.services.orderExecution.placeDualOrder({
      alert,
      direction: alert.direction,
      legs,
      orderA: { stopLoss: stops.stopLoss, takeProfit: stops.takeProfit },
      orderB: { takeProfit: stops.takeProfit },
      lotMultiplier: plan.settings.lot_multiplier,
      onLegFailure,
      lifecycle: { ...this.lifecycle(plan), profitChain: chainOnB && legs !== 'A' },
    });
    const what = `${alert.direction} ${alert.symbol} via ${plan.logic}`;
    if (!result.ok)
      return serviceFailure(result, `${this.tag} Dual order for ${what} was not placed`, this.planData(plan, []));
    const opened = [result.value.a, result.value.b].filter((p) => p !== undefined);
    const legsOpened = opened.map((p) => p.leg);
    this.positions.record(
      opened.map((p) => p.id),
      alert.symbol,
      plan.logic,
      this.services.clock.now().toISOString(),
    );
    const failed = result.value.failures.map((f) => `leg ${f.leg} failed: ${f.reason}`).join('; ');
    const data = {
      ...this.planData(plan, legsOpened),
      positions: opened.map((p) => p.id),
      failures: result.value.failures,
    };
    if (opened.length === 0)
      return { status: 'rejected', message: `${this.tag} No leg opened for ${what} (${failed}).`, data };
    return {
      status: 'ok',
      message: `${this.tag} Opened leg ${legsOpened.join(' and ')} for ${what}: SL ${stops.stopLoss} (${stops.slPips} pips), TP ${stops.takeProfit}${failed ? `; ${failed}` : ''}.`,
      data,
    };
  }

  private planData(plan: EntryPlan, legsOpened: readonly string[]): Record<string, unknown> {
    const { stops, settings } = plan;
    return {
      logic: plan.logic,
      lotMultiplier: settings.lot_multiplier,
      slMultiplier: settings.sl_multiplier,
      lots: plan.lots,
      lotBasis: plan.lotBasis,
      entryPrice: stops.entryPrice,
      stopLoss: stops.stopLoss,
      takeProfit: stops.takeProfit,
      slPips: stops.slPips,
      baseStop: plan.baseStop,
      alignment: plan.alignmentDetail,
      legsOpened,
    };
  }
}
