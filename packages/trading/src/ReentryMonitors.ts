import type { Direction, LifecycleOptions } from '@zepix/plugin-core';
import { reentryOrderId } from './clientOrderId.js';
import type { EngineContext } from './context.js';
import { reentryMessage } from './messages.js';
import type { MonitorRow } from './MonitorStore.js';
import type { OrderPath } from './OrderPath.js';
import { isTriggered } from './reentryRules.js';
import type { Tick } from './types.js';

/** A monitor as a plugin sees it. */
export interface MonitorView {
  readonly id: string;
  readonly symbol: string;
  readonly kind: string;
  readonly level: number;
  readonly expiresAt: string;
}

/**
 * Re-entry monitors: armed by the Ledger when a position closes (SL hunt, TP continuation, exit continuation),
 * persisted, and driven by `onTick`. A triggered monitor re-enters through the one order path only when the
 * trend timeframes agree; while they disagree it stays armed until its window ends.
 */
export class ReentryMonitors {
  readonly #ctx: EngineContext;
  readonly #orders: OrderPath;
  readonly #busy = new Set<number>();

  constructor(ctx: EngineContext, orders: OrderPath) {
    this.#ctx = ctx;
    this.#orders = orders;
  }

  /** Cancels armed monitors (of one plugin, symbol and/or side when given); returns how many. */
  cancel(filter: { plugin?: string; symbol?: string; direction?: Direction }, reason: string): number {
    return this.#ctx.tx(() => {
      let cancelled = 0;
      for (const monitor of this.#ctx.monitors.armed(filter))
        if (this.#ctx.monitors.resolve(monitor.id, 'cancelled', reason)) cancelled++;
      return cancelled;
    });
  }

  /** The plugin's armed monitors. */
  list(plugin: string, symbol?: string): MonitorView[] {
    return this.#ctx.monitors
      .armed({ plugin, ...(symbol === undefined ? {} : { symbol }) })
      .map((m) => ({ id: String(m.id), symbol: m.symbol, kind: m.kind, level: m.level, expiresAt: m.expires_at }));
  }

  /** Expires old monitors, then takes the triggered ones on this symbol. */
  async onTick(tick: Tick): Promise<void> {
    this.#ctx.monitors.expire(this.#ctx.now().toISOString());
    for (const monitor of this.#ctx.monitors.armed({ symbol: tick.symbol })) {
      if (!isTriggered(monitor, tick) || this.#busy.has(monitor.id)) continue;
      this.#busy.add(monitor.id);
      try {
        await this.#take(monitor);
      } finally {
        this.#busy.delete(monitor.id);
      }
    }
  }

  async #take(monitor: MonitorRow): Promise<void> {
    const lifecycle = JSON.parse(monitor.lifecycle_json) as LifecycleOptions;
    if (!(await this.#aligned(monitor, lifecycle))) return;
    if (this.#ctx.monitors.byId(monitor.id)?.state !== 'armed') return;
    const source = this.#ctx.positions.byId(monitor.source_position_id);
    if (source === undefined) return;
    const result = await this.#orders.place({
      plugin: monitor.plugin,
      clientOrderId: reentryOrderId(source.client_order_id, monitor.level),
      symbol: monitor.symbol,
      direction: monitor.direction,
      leg: `reentry-${monitor.level}`,
      origin: 'reentry',
      lots: monitor.lots,
      ...(monitor.sl_distance === null ? {} : { stopDistance: monitor.sl_distance }),
      ...(monitor.tp_distance === null ? {} : { takeDistance: monitor.tp_distance }),
      lifecycle,
      reentryLevel: monitor.level,
    });
    // An unconfirmed order stays armed: the next trigger finds it by client order id instead of ordering again.
    if (!result.ok && result.status === 'unknown') return;
    this.#ctx.tx(() => {
      if (result.ok) {
        if (this.#ctx.monitors.resolve(monitor.id, 'taken', `position ${result.value.id}`, Number(result.value.id))) {
          this.#ctx.outbox.write(
            reentryMessage(
              monitor,
              'reentry_taken',
              `entered at ${result.value.entryPrice}, SL ${result.value.stopLoss ?? 'none'}, TP ${result.value.takeProfit ?? 'none'}, lots ${result.value.lots}`,
            ),
          );
        }
      } else if (this.#ctx.monitors.resolve(monitor.id, 'failed', `${result.code}: ${result.reason}`)) {
        this.#ctx.outbox.write(reentryMessage(monitor, 'reentry_failed', `${result.code}: ${result.reason}`));
      }
    });
  }

  async #aligned(monitor: MonitorRow, lifecycle: LifecycleOptions): Promise<boolean> {
    const timeframes = lifecycle.alignmentTimeframes ?? [];
    if (timeframes.length === 0) return true;
    try {
      const check = await this.#ctx.trends.checkAlignment({
        symbol: monitor.symbol,
        direction: monitor.direction,
        timeframes,
      });
      if (!check.aligned)
        this.#ctx.logger.debug(
          { monitorId: monitor.id, detail: check.detail },
          're-entry triggered but trends disagree; still armed',
        );
      return check.aligned;
    } catch (error) {
      this.#ctx.logger.warn({ err: error, monitorId: monitor.id }, 'trend alignment check failed; monitor stays armed');
      return false;
    }
  }
}
