import { BaseLogicPlugin, closeSide, serviceFailure } from '@zepix/plugin-core';
import type {
  Alert,
  AlertValidation,
  Direction,
  DualOrderResult,
  EntryAlert,
  ExitAlert,
  InfoAlert,
  PluginResult,
  ReversalAlert,
} from '@zepix/plugin-core';
import type { V6Config } from './config.js';
import { runFilters } from './filters.js';
import { marketState } from './levels.js';
import { planOrder } from './orderPlan.js';
import { PulseStore, pulseCounts } from './pulses.js';

const opposite = (direction: Direction): Direction => (direction === 'buy' ? 'sell' : 'buy');

/**
 * The shared V6 price-action logic: one chart timeframe, the entry filters (ADX, confidence, spread, trend pulse,
 * market state, alignment), the configured legs, and exits by side. Each V6 plugin package subclasses it with
 * its own `configSchema` defaults and `riskBudget`.
 */
export abstract class V6Plugin extends BaseLogicPlugin<V6Config> {
  #pulses: PulseStore | undefined;

  private get tag(): string {
    return this.config.notifications.tag;
  }

  /** Pulse counts in the plugin's own database, opened on first use. */
  protected get pulses(): PulseStore {
    this.#pulses ??= new PulseStore(this.db);
    return this.#pulses;
  }

  /** V6 alerts only; the other families belong to other plugins. */
  override validateAlert(alert: Alert): AlertValidation {
    if (alert.family !== 'v6')
      return { ok: false, reason: `${this.id} trades V6 alerts only; this one is ${alert.family}` };
    return { ok: true };
  }

  /** Filters, then closes this plugin's opposite side on the symbol (a reversal), then places the legs. */
  async processEntrySignal(alert: EntryAlert): Promise<PluginResult> {
    return this.#notMine(alert) ?? (await this.#enter(alert, true));
  }

  /** EXIT_* closes this plugin's positions of the alert's `closeSide` on the symbol. */
  async processExitSignal(alert: ExitAlert): Promise<PluginResult> {
    const skip = this.#notMine(alert);
    if (skip) return skip;
    const { symbol, closeSide: side, signalType: signal = 'exit' } = alert;
    const closing = await closeSide(this.services, { symbol, side, reason: `${signal} alert` });
    if (!closing.ok) return closing.result;
    const { closed } = closing.outcome;
    const message = `${this.tag} ${signal}: closed ${closed.length} ${side} position(s) on ${symbol}.`;
    return { status: closed.length > 0 ? 'ok' : 'skipped', message, data: { side, closed } };
  }

  /** An exit of the other side (whatever the filters say), then an entry. */
  async processReversalSignal(alert: ReversalAlert): Promise<PluginResult> {
    const skip = this.#notMine(alert);
    if (skip) return skip;
    const side = opposite(alert.direction);
    const closing = await closeSide(this.services, { symbol: alert.symbol, side, reason: 'reversal alert' });
    if (!closing.ok) return closing.result;
    const entry = await this.#enter({ ...alert, kind: 'entry' }, false);
    const closed = closing.outcome.closed.length;
    return {
      status: closed > 0 && entry.status === 'rejected' ? 'ok' : entry.status,
      message: `${this.tag} Reversal: closed ${closed} ${side} position(s); ${entry.message}`,
      data: { ...entry.data, closedOpposite: closing.outcome.closed },
    };
  }

  /** Remembers V6 TREND_PULSE counts; the filters read them. */
  override onInfoSignal(alert: InfoAlert): Promise<PluginResult | undefined> {
    if (alert.kind !== 'trend_pulse') return Promise.resolve(undefined);
    const counts = pulseCounts(alert);
    if (counts === undefined) return Promise.resolve(undefined);
    this.pulses.record({
      symbol: alert.symbol,
      timeframe: alert.timeframe,
      ...counts,
      at: this.services.clock.now().toISOString(),
    });
    const state = marketState(counts.bulls, counts.bears);
    return Promise.resolve({
      status: 'ok',
      message: `${this.tag} Trend pulse ${alert.symbol} ${alert.timeframe}m: ${counts.bulls} bullish, ${counts.bears} bearish (${state}).`,
      data: { ...counts, state },
    });
  }

  /** Another timeframe or symbol is skipped with the reason. */
  #notMine(alert: Alert): PluginResult | undefined {
    const { timeframe, symbols } = this.config;
    if (alert.timeframe !== timeframe)
      return {
        status: 'skipped',
        message: `${this.tag} ${alert.timeframe}m alert skipped: ${this.id} trades the ${timeframe}m chart.`,
      };
    if (!symbols.includes(alert.symbol))
      return {
        status: 'skipped',
        message: `${this.tag} ${alert.symbol} skipped: ${this.id} trades ${symbols.join(', ')} (symbols).`,
      };
    return undefined;
  }

  async #enter(alert: EntryAlert, closeOpposite: boolean): Promise<PluginResult> {
    const verdicts = await runFilters(alert, { config: this.config, services: this.services, pulses: this.pulses });
    const refusal = verdicts.find((v) => !v.ok);
    const what = `${alert.direction} ${alert.symbol}`;
    if (refusal && !refusal.ok)
      return {
        status: 'rejected',
        message: `${this.tag} No ${what}: ${refusal.reason}.`,
        data: { filter: refusal.filter },
      };
    const spec = await this.services.market.getSymbolSpec({ symbol: alert.symbol });
    const plan = planOrder(alert, this.config, spec?.pipSize ?? 0.0001);
    if (!plan.ok)
      return {
        status: 'rejected',
        message: `${this.tag} No ${what}: ${plan.error.message}.`,
        data: { filter: 'levels' },
      };
    let closedOpposite: readonly string[] = [];
    if (closeOpposite) {
      const side = opposite(alert.direction);
      const closing = await closeSide(this.services, {
        symbol: alert.symbol,
        side,
        reason: `reversal to ${alert.direction}`,
      });
      if (!closing.ok) return closing.result;
      closedOpposite = closing.outcome.closed;
    }
    const result = await this.services.orderExecution.placeDualOrder(plan.value);
    if (!result.ok) return serviceFailure(result, `${this.tag} ${what} was not placed`, { closedOpposite });
    return this.#describe(
      alert,
      result.value,
      closedOpposite,
      verdicts.map((v) => (v.ok ? v.note : '')),
    );
  }

  #describe(
    alert: EntryAlert,
    dual: DualOrderResult,
    closedOpposite: readonly string[],
    notes: string[],
  ): PluginResult {
    const legs = [dual.a, dual.b].filter((p) => p !== undefined);
    const data = {
      legs: legs.map((p) => ({ leg: p.leg, lots: p.lots, stopLoss: p.stopLoss, takeProfit: p.takeProfit })),
      closedOpposite,
      failures: dual.failures,
    };
    const failed = dual.failures.map((f) => `leg ${f.leg}: ${f.reason}`).join('; ');
    const closed =
      closedOpposite.length > 0 ? ` after closing ${closedOpposite.length} ${opposite(alert.direction)}` : '';
    return {
      status: 'ok',
      message: `${this.tag} Opened ${legs.map((p) => `${p.leg} ${p.lots} lots`).join(' and ')} ${alert.direction} ${alert.symbol}${closed} (${notes.join(', ')})${failed ? `; ${failed}` : ''}.`,
      data,
    };
  }
}
