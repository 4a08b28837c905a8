import type { BrokerEvent, TradeClose } from '@zepix/broker-api';
import { createContext } from './context.js';
import type { EngineContext } from './context.js';
import { TradingClosedError } from './errors.js';
import { positionNotOpen } from './Closer.js';
import type { CloseOutcome } from './Closer.js';
import { systemMessage, unknownTradesMessage } from './messages.js';
import { createParts } from './parts.js';
import type { EngineParts } from './parts.js';
import type { ReconcileReport, UnknownBrokerTrade } from './reconcile.js';
import { toTradeRow } from './rows.js';
import { openDatabase, tradingDbSynchronous } from './schema.js';
import { servicesFor } from './servicesFor.js';
import type { TradingServices } from './servicesFor.js';
import type { ChainStatus, PluginRiskBudget } from '@zepix/plugin-core';
import type { AnalyticsReport, OutboxRow, RiskReport, Tick, TradeRow, TradingEngineOptions } from './types.js';

/**
 * The trading services over one SQLite database and one broker. Open it with `TradingEngine.open`, hand each
 * plugin `servicesFor(id)`, and call `onPrice` for every tick after feeding it to the broker: the engine does
 * not act on the broker's own 'price' events (it only remembers them as the latest quote), so each tick drives
 * chains and re-entry monitors exactly once.
 */
export class TradingEngine {
  /** Notifications for the Telegram layer: read `pending`, deliver, then `markSent`. */
  readonly outbox: { pending(limit?: number): OutboxRow[]; markSent(ids: readonly number[]): void };
  readonly #ctx: EngineContext;
  readonly #parts: EngineParts;
  readonly #unsubscribe: () => void;
  #ticks: Promise<void> = Promise.resolve();
  #closed = false;
  #startup: ReconcileReport | undefined;

  private constructor(options: TradingEngineOptions) {
    this.#ctx = createContext(openDatabase(options.path, tradingDbSynchronous(options.broker)), options);
    this.#parts = createParts(this.#ctx);
    const outbox = this.#ctx.outbox;
    this.outbox = { pending: (limit = 100) => outbox.pending(limit), markSent: (ids) => outbox.markSent(ids) };
    this.#unsubscribe = options.broker.onEvent((event) => this.#onBrokerEvent(event));
  }

  /** Opens the database (schema, WAL), subscribes to broker events and reconciles unconfirmed orders by client order id. */
  static async open(options: TradingEngineOptions): Promise<TradingEngine> {
    const engine = new TradingEngine(options);
    try {
      engine.#startup = await engine.#parts.reconciler.startup();
      engine.#announceUnknown(engine.#startup.unknownAtBroker);
      // Positions held past their time while the bot was down close now, not at the next tick.
      await engine.sweep();
      options.logger.info({ reconcile: engine.#startup }, 'trading engine open');
      return engine;
    } catch (error) {
      await engine.close();
      throw error;
    }
  }

  /** Tells the operator (log and notification) about broker trades no live Zepix position manages. */
  #announceUnknown(trades: readonly UnknownBrokerTrade[]): void {
    if (trades.length === 0) return;
    const message = unknownTradesMessage(this.#ctx.broker.name, trades);
    this.#ctx.logger.warn({ unknownAtBroker: trades }, message.text);
    this.#ctx.outbox.write(message);
  }

  /** What the start-up reconciliation found. */
  get startupReport(): ReconcileReport | undefined {
    return this.#startup;
  }

  /** The services for one plugin; every call is scoped to it. `riskBudget` is its `plugins.<id>.risk`. */
  servicesFor(plugin: string, options: { readonly riskBudget?: PluginRiskBudget } = {}): TradingServices {
    this.#open();
    if (options.riskBudget !== undefined) this.#parts.budgets.set(plugin, options.riskBudget);
    return servicesFor(this.#parts, plugin);
  }

  /**
   * Applies the position rules (maximum holding time, break-even) to every open position that has one. Runs at
   * open and on every tick; call it on a timer too so holding times expire while no prices arrive.
   */
  sweep(): Promise<void> {
    this.#open();
    const run = this.#ticks.then(() => this.#parts.rules.sweep(this.#parts));
    this.#ticks = run.catch((error: unknown) => this.#ctx.logger.error({ err: error }, 'position rule sweep failed'));
    return run;
  }

  /** Drives profit chains and re-entry monitors with one tick; ticks are handled one at a time, in order. */
  onPrice(tick: Tick): Promise<void> {
    this.#open();
    this.#ctx.quotes.update(tick);
    const run = this.#ticks.then(() => this.#tick(tick));
    this.#ticks = run.catch((error: unknown) =>
      this.#ctx.logger.error({ err: error, symbol: tick.symbol }, 'tick handling failed'),
    );
    return run;
  }

  /** Orders and positions, oldest first; `state` narrows to open or closed ones. */
  listTrades(
    options: { readonly plugin?: string; readonly symbol?: string; readonly state?: 'open' | 'closed' } = {},
  ): TradeRow[] {
    this.#open();
    return this.#ctx.positions.list(options).map(toTradeRow);
  }

  /** Open positions with their P&L at the latest prices (0 for a symbol with no price yet). */
  openTrades(options: { readonly plugin?: string } = {}): (TradeRow & { readonly unrealizedPnl: number })[] {
    this.#open();
    return this.#ctx.positions
      .open(options.plugin === undefined ? {} : { plugin: options.plugin })
      .map((row) => ({ ...toTradeRow(row), unrealizedPnl: this.#ctx.quotes.unrealized(row) }));
  }

  /** Risk figures from the database, the last reported balance and the latest prices. */
  riskState(): RiskReport {
    this.#open();
    const { gate } = this.#parts;
    const balance = gate.lastBalance();
    const figures = gate.figures(balance ?? 0);
    const pause = gate.pauseState();
    const blocked = gate.capRefusal(figures, false);
    const openByPlugin: Record<string, number> = {};
    for (const row of this.#ctx.positions.open()) openByPlugin[row.plugin] = (openByPlugin[row.plugin] ?? 0) + 1;
    return {
      paused: pause.paused,
      pauseReason: pause.reason,
      balance: balance ?? null,
      tier: figures.tier.balance,
      dailyLoss: figures.dailyLoss,
      dailyRealizedLoss: figures.dailyRealized,
      dailyLossCap: figures.tier.daily_loss_cap,
      lifetimeLoss: figures.lifetimeLoss,
      lifetimeRealizedLoss: figures.lifetimeRealized,
      lifetimeLossCap: figures.tier.lifetime_loss_cap,
      openLoss: figures.openLoss,
      dailyResetAt: figures.resetAt.toISOString(),
      openPositions: Object.values(openByPlugin).reduce((a, b) => a + b, 0),
      openByPlugin,
      ordersLastMinute: this.#ctx.positions.countOrdersSince(
        new Date(this.#ctx.now().getTime() - 60_000).toISOString(),
      ),
      ...(blocked === undefined ? {} : { blockedReason: blocked.reason }),
      budgets: this.#parts.budgets.report(figures.resetAt),
    };
  }

  /** Blocks new entries (persisted across restarts); exits still work. */
  pause(reason: string): void {
    this.#open();
    this.#parts.gate.pause('operator', reason);
  }

  /** Allows new entries again. */
  resume(): void {
    this.#open();
    this.#parts.gate.resume('operator');
  }

  /** Counts lifetime losses afresh from now (after the operator has reviewed a lifetime-cap trip). */
  resetLifetimeLoss(reason: string): void {
    this.#open();
    this.#parts.gate.resetLifetime('operator', reason);
  }

  /** Panic: pauses trading, stops every chain and monitor, and closes every open position of every plugin. */
  async closeAll(options: { readonly reason: string }): Promise<{ closed: number; failed: number }> {
    this.#open();
    const { ctx, gate, chains, monitors, closer } = this.#parts;
    const note = `operator close-all: ${options.reason}`;
    ctx.state.audit('operator', 'close_all', { reason: options.reason });
    gate.pause('operator', note);
    chains.stop({}, note);
    monitors.cancel({}, note);
    const outcomes = await closer.closeAll(ctx.positions.open(), { by: 'operator', note, pluginExit: false });
    const closed = outcomes.filter((o) => o.ok).length;
    const failed = outcomes.length - closed;
    ctx.tx(() => {
      ctx.state.audit('operator', 'close_all_done', { closed, failed });
      ctx.outbox.write(
        systemMessage(
          'operator',
          'close_all',
          `CLOSE-ALL: ${closed} closed, ${failed} failed (${options.reason}); trading paused`,
          { closed, failed, reason: options.reason },
        ),
      );
    });
    return { closed, failed };
  }

  /** Operator close of one open position, whoever owns it; audited and notified like any close. */
  async closeTrade(options: { readonly id: string; readonly reason: string }): Promise<CloseOutcome> {
    this.#open();
    const { ctx, closer } = this.#parts;
    const row = ctx.positions.open().find((r) => String(r.id) === options.id);
    if (!row) {
      return positionNotOpen(
        Number(options.id),
        `no open position with id ${options.id}; zepix trades --state open lists them`,
      );
    }
    ctx.state.audit('operator', 'close_trade', { id: options.id, reason: options.reason });
    return closer.close(row, { by: 'operator', note: `operator: ${options.reason}`, pluginExit: false });
  }

  /** Every plugin's profit chains, optionally for one symbol (the operator's view). */
  chains(options: { readonly symbol?: string } = {}): ChainStatus[] {
    this.#open();
    return this.#parts.chains.status(undefined, options.symbol);
  }

  /** Trades, wins, losses, win rate, P&L and max drawdown, per plugin and overall, by day and by symbol. */
  analytics(options: { readonly plugin?: string } = {}): AnalyticsReport {
    this.#open();
    return this.#parts.analytics.report(options);
  }

  /** Reconciles unconfirmed orders and missed closes again (the operator's "sync with broker"). */
  reconcile(): Promise<ReconcileReport> {
    this.#open();
    return this.#parts.reconciler.startup();
  }

  /** Stops listening to the broker, waits for the tick in progress and closes the database; the broker stays open. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe();
    await this.#ticks;
    this.#ctx.db.close();
  }

  async #tick(tick: Tick): Promise<void> {
    if (this.#closed) return;
    await this.#parts.chains.onTick(tick);
    if (this.#closed) return;
    await this.#parts.monitors.onTick(tick);
    if (this.#closed) return;
    await this.#parts.rules.sweep(this.#parts, tick);
  }

  #onBrokerEvent(event: BrokerEvent): void {
    if (this.#closed) return;
    try {
      if (event.type === 'price') this.#ctx.quotes.update(event.tick);
      else this.#onClose(event.close);
    } catch (error) {
      this.#ctx.logger.error(
        { err: error, event },
        'broker event could not be recorded; the next reconciliation picks it up',
      );
    }
  }

  #onClose(close: TradeClose): void {
    const row =
      this.#ctx.positions.byTradeId(close.tradeId) ?? this.#ctx.positions.byClientOrderId(close.clientOrderId);
    if (row === undefined) {
      this.#ctx.logger.debug({ tradeId: close.tradeId }, 'close of a trade Zepix does not own; ignored');
      return;
    }
    const meta = this.#ctx.expectedCloses.get(close.tradeId) ?? { by: 'broker', note: null, pluginExit: false };
    this.#parts.ledger.recordClose(row, close, meta);
  }

  #open(): void {
    if (this.#closed) throw new TradingClosedError();
  }
}
