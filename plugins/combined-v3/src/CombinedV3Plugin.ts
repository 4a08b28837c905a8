import { BaseLogicPlugin, closeSide, continueWith, countPositions, opposite, serviceFailure } from '@zepix/plugin-core';
import type {
  Alert,
  AlertValidation,
  DualOrderResult,
  EntryAlert,
  ExitAlert,
  InfoAlert,
  PluginResult,
  ReversalAlert,
  SqueezeAlert,
  TrendPulseAlert,
} from '@zepix/plugin-core';
import { combinedV3ConfigSchema } from './config.js';
import { COMBINED_V3_SAMPLES } from './samples.js';
import type { CombinedV3Config } from './config.js';
import { planEntry } from './entryPlan.js';
import type { EntryPlan, TradableAlert } from './entryPlan.js';

/** Legs that actually opened, in order. */
function openedLegs(result: DualOrderResult): ('A' | 'B')[] {
  return [...(result.a ? (['A'] as const) : []), ...(result.b ? (['B'] as const) : [])];
}

/**
 * The V3 combined logic for `family: 'v3'` alerts: consensus filter, logic 1/2/3 routing, 4-pillar trend
 * alignment, consensus × logic lot multipliers and the A/B dual order; aggressive signals close the opposite side
 * first, exits stop chains and monitors, squeezes notify.
 */
export class CombinedV3Plugin extends BaseLogicPlugin<CombinedV3Config> {
  static override configSchema = combinedV3ConfigSchema;
  static override sampleAlerts = COMBINED_V3_SAMPLES;
  static override defaultEnabled = true;

  private get tag(): string {
    return this.config.notifications.tag;
  }

  /** Refuses every family but V3, so the other logic plugins get those alerts. */
  override validateAlert(alert: Alert): AlertValidation {
    if (alert.family !== 'v3') {
      return { ok: false, reason: `combined-v3 trades V3 alerts only; this one is ${alert.family}` };
    }
    return { ok: true };
  }

  /** Checks, then (for aggressive signals) closes the opposite side, then opens the dual order. */
  async processEntrySignal(alert: EntryAlert): Promise<PluginResult> {
    return this.enter(alert, true);
  }

  /** Bullish_Exit closes sells, Bearish_Exit closes buys; chains and monitors on the symbol stop too. */
  async processExitSignal(alert: ExitAlert): Promise<PluginResult> {
    const signal = alert.signalType ?? 'exit';
    const closing = await closeSide(this.services, {
      symbol: alert.symbol,
      side: alert.closeSide,
      reason: `${signal} alert`,
    });
    if (!closing.ok) return closing.result;
    const { closed, stoppedChains, cancelledMonitors } = closing.outcome;
    const acted = closed.length + stoppedChains + cancelledMonitors > 0;
    return {
      status: acted ? 'ok' : 'skipped',
      message:
        `${this.tag} ${signal}: closed ${countPositions(closed.length, alert.closeSide)} on ${alert.symbol}, ` +
        `stopped ${stoppedChains} profit chain(s) and cancelled ${cancelledMonitors} re-entry monitor(s).`,
      data: { side: alert.closeSide, closed, stoppedChains, cancelledMonitors, legsOpened: [] },
    };
  }

  /** Closes the side opposite to the new direction (with its chains and monitors), then enters like an entry. */
  async processReversalSignal(alert: ReversalAlert): Promise<PluginResult> {
    const side = opposite(alert.direction);
    const closing = await closeSide(this.services, { symbol: alert.symbol, side, reason: 'reversal alert' });
    if (!closing.ok) return closing.result;
    const { closed } = closing.outcome;
    const entry = await this.enter(alert, false);
    const closedText = `closed ${countPositions(closed.length, side)} on ${alert.symbol}`;
    // Positions were closed even when the new entry is refused, so the reversal as a whole did something.
    const status = entry.status === 'failed' ? 'failed' : closed.length > 0 ? 'ok' : entry.status;
    return {
      status,
      message: `${this.tag} Reversal to ${alert.direction}: ${closedText}; ${continueWith(this.tag, entry.message)}`,
      data: { ...entry.data, closedOpposite: closed, entryStatus: entry.status },
    };
  }

  /** Squeezes become a tagged notification; trend pulses are stored by the bot, so there is nothing to trade. */
  override async onInfoSignal(alert: InfoAlert): Promise<PluginResult | undefined> {
    if (alert.kind === 'squeeze') return this.notifySqueeze(alert);
    if (alert.kind === 'trend_pulse') return Promise.resolve(this.describePulse(alert));
    return Promise.resolve(undefined);
  }

  private async notifySqueeze(alert: SqueezeAlert): Promise<PluginResult> {
    if (!this.config.notifications.squeeze) {
      return { status: 'skipped', message: `${this.tag} Squeeze notifications are turned off.` };
    }
    const detail = alert.message ?? 'a big move is expected, prepare for the breakout';
    const text = `${this.tag} Volatility squeeze on ${alert.symbol} ${alert.timeframe}m: ${detail}`;
    await this.services.telegram.send({ text, kind: 'squeeze' });
    return { status: 'ok', message: `${this.tag} Sent the volatility squeeze notification for ${alert.symbol}.` };
  }

  private describePulse(alert: TrendPulseAlert): PluginResult {
    const changed = alert.changedTimeframes.map((tf) => `${tf}m`).join(', ') || 'none';
    return {
      status: 'skipped',
      message: `${this.tag} Trend pulse on ${alert.symbol} (changed: ${changed}) only updates the bot's trend store, so there is nothing to trade.`,
      data: { changedTimeframes: alert.changedTimeframes },
    };
  }

  private async enter(alert: TradableAlert, allowAggressiveClose: boolean): Promise<PluginResult> {
    const planned = await planEntry(this.config, this.services, alert);
    if (!planned.ok) return planned.result;
    const { plan } = planned;
    let closedOpposite: readonly string[] = [];
    if (allowAggressiveClose && plan.aggressive) {
      const side = opposite(plan.direction);
      const closed = await this.services.orderExecution.closePositions({
        symbol: alert.symbol,
        direction: side,
        reason: `aggressive ${alert.signalType ?? 'entry'} ${plan.direction}`,
      });
      if (!closed.ok) {
        return serviceFailure(
          closed,
          `${this.tag} Did not enter ${plan.direction} ${alert.symbol}: closing the ${side} side first failed`,
          this.planData(plan, []),
        );
      }
      closedOpposite = closed.value.closed;
    }
    return this.placeDual(plan, closedOpposite);
  }

  private async placeDual(plan: EntryPlan, closedOpposite: readonly string[]): Promise<PluginResult> {
    const { alert, settings } = plan;
    const { tp1, tp2 } = alert.levels;
    const result = await this.services.orderExecution.placeDualOrder({
      alert,
      direction: plan.direction,
      legs: settings.legs,
      orderA: { stopLoss: plan.stopLoss, ...(tp2 === undefined ? {} : { takeProfit: tp2 }) },
      orderB: tp1 === undefined ? {} : { takeProfit: tp1 },
      lotMultiplier: plan.multiplier.total,
      onLegFailure: this.config.dual_orders.on_leg_failure,
      lifecycle: {
        profitChain: this.config.dual_orders.profit_chain_on_b && settings.legs !== 'A',
        slHuntWindowMinutes: settings.sl_hunt_window_minutes,
        tpContinuation: settings.tp_continuation,
        exitContinuation: settings.exit_continuation,
        alignmentTimeframes: this.config.trend_alignment.pillars,
      },
    });
    const what = `${plan.direction} ${alert.symbol} via ${plan.logic}`;
    if (!result.ok)
      return serviceFailure(result, `${this.tag} Dual order for ${what} was not placed`, this.planData(plan, []));
    return this.describeDual(plan, result.value, closedOpposite);
  }

  private describeDual(plan: EntryPlan, dual: DualOrderResult, closedOpposite: readonly string[]): PluginResult {
    const legs = openedLegs(dual);
    const data = {
      ...this.planData(plan, legs),
      positions: [dual.a?.id, dual.b?.id].filter(Boolean),
      failures: dual.failures,
      closedOpposite,
    };
    const what = `${plan.direction} ${plan.alert.symbol} via ${plan.logic}`;
    const failed = dual.failures.map((f) => `leg ${f.leg} failed: ${f.reason}`).join('; ');
    if (legs.length === 0)
      return { status: 'rejected', message: `${this.tag} No leg opened for ${what} (${failed}).`, data };
    const closedText = closedOpposite.length > 0 ? `, after closing ${closedOpposite.length} opposite position(s)` : '';
    const failedText = failed ? `; ${failed}` : '';
    return {
      status: 'ok',
      message: `${this.tag} Opened leg ${legs.join(' and ')} for ${what} (consensus ${plan.consensus}, lots ×${plan.multiplier.total}${closedText})${failedText}.`,
      data,
    };
  }

  private planData(plan: EntryPlan, legsOpened: readonly string[]): Record<string, unknown> {
    return {
      logic: plan.logic,
      routeRule: plan.route.rule,
      lotMultiplier: plan.multiplier,
      expectedLots: plan.expectedLots,
      lotBasis: plan.lotBasis,
      legsOpened,
      ...(plan.alignment ? { alignment: plan.alignment } : {}),
    };
  }
}
