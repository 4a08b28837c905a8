import type { BrokerTrade, TradeClose } from '@zepix/broker-api';
import type { EngineContext, ExpectedClose } from './context.js';
import { chainMessage, closeMessage, entryMessage, orderProblemMessage, reentryMessage } from './messages.js';
import { monitorFor } from './reentryRules.js';
import { lastDailyReset } from './riskTiers.js';
import { lifecycleOf } from './rows.js';
import type { PositionRow } from './rows.js';

const EPSILON = 1e-9;

/**
 * Records what the broker did, each in one transaction with its lifecycle effects (chain start, strict stop,
 * re-entry monitor) and its outbox rows, so a notification exists exactly when the state change does. These
 * commits skip their own fsync (`txReconcilable`): the fsynced intent and the start-up reconciliation with the
 * broker restore any a power cut loses.
 */
export class Ledger {
  readonly #ctx: EngineContext;

  constructor(ctx: EngineContext) {
    this.#ctx = ctx;
  }

  /** The broker filled the order: the row opens, a chain starts when asked, the entry is announced. */
  recordOpen(rowId: number, trade: BrokerTrade): PositionRow {
    return this.#ctx.txReconcilable(() => {
      const before = this.#ctx.positions.byId(rowId);
      if (before === undefined) throw new Error(`position ${rowId} vanished from the trading database`);
      if (before.state === 'open' || before.state === 'closed') return before;
      this.#ctx.positions.markOpen(rowId, trade);
      const opened = this.#ctx.positions.byId(rowId) ?? before;
      if (lifecycleOf(opened).profitChain === true && opened.origin !== 'chain' && opened.chain_id === null)
        this.#startChain(opened);
      const row = this.#ctx.positions.byId(rowId) ?? opened;
      this.#ctx.outbox.write(entryMessage(row, this.#ctx.symbols));
      return row;
    });
  }

  /** The order was refused, could not be confirmed, or is known never to have reached the broker. */
  recordProblem(rowId: number, state: 'rejected' | 'unknown' | 'failed', code: string, reason: string): PositionRow {
    return this.#ctx.txReconcilable(() => {
      this.#ctx.positions.markState(rowId, state, code, reason);
      const row = this.#ctx.positions.byId(rowId);
      if (row === undefined) throw new Error(`position ${rowId} vanished from the trading database`);
      const kind = state === 'rejected' ? 'order_rejected' : state === 'failed' ? 'order_failed' : 'order_unknown';
      this.#ctx.outbox.write(orderProblemMessage(row, kind, code, reason));
      return row;
    });
  }

  /** Starts a chain from an open position (level 1 = the position itself); returns the chain id. */
  startChain(row: PositionRow): number {
    return this.#ctx.tx(() => this.#startChain(row));
  }

  /** The plugin's realized P&L since the last daily reset, this close included. */
  #dayPnl(plugin: string): number {
    const since = lastDailyReset(this.#ctx.now(), this.#ctx.config.risk.daily_reset_utc).toISOString();
    return Math.round(this.#ctx.closeTotals.since(since, plugin).net * 100) / 100;
  }

  /**
   * A full or partial close, recorded once (the broker reports a requested close as the answer and as an event);
   * false when it was already recorded.
   */
  recordClose(row: PositionRow, close: TradeClose, meta: ExpectedClose): boolean {
    return this.#ctx.txReconcilable(() => {
      if (!this.#ctx.positions.applyClose(row, close, meta)) return false;
      const after = this.#ctx.positions.byId(row.id) ?? row;
      this.#ctx.outbox.write(
        closeMessage(after, close, { ...meta, dayPnl: this.#dayPnl(row.plugin) }, this.#ctx.symbols),
      );
      if (close.remainingLots > EPSILON) return true;
      this.#afterFullClose(after, close, meta);
      return true;
    });
  }

  #afterFullClose(row: PositionRow, close: TradeClose, meta: ExpectedClose): void {
    if (row.chain_id !== null && close.realizedPnl < 0 && this.#ctx.config.profit_booking.strict) {
      const chain = this.#ctx.chains.byId(row.chain_id);
      if (
        chain !== undefined &&
        this.#ctx.chains.finish(
          chain.id,
          'stopped',
          `strict mode: level ${row.chain_level} order ${row.client_order_id} closed at a loss`,
        )
      ) {
        this.#ctx.outbox.write(
          chainMessage(
            chain,
            'chain_stopped',
            `strict mode: level ${row.chain_level} order closed at a loss ($${close.realizedPnl})`,
          ),
        );
      }
    }
    const monitor = monitorFor(
      row,
      { reason: close.reason, closePrice: close.closePrice, pluginExit: meta.pluginExit },
      this.#ctx.config,
      this.#ctx.symbols,
      this.#ctx.now(),
    );
    if (monitor === undefined) return;
    const id = this.#ctx.monitors.insert(monitor);
    const armed = id === undefined ? undefined : this.#ctx.monitors.byId(id);
    if (armed !== undefined) {
      this.#ctx.outbox.write(
        reentryMessage(armed, 'reentry_armed', `trigger ${armed.trigger_price}, until ${armed.expires_at}`),
      );
    }
  }

  #startChain(row: PositionRow): number {
    const existing = this.#ctx.chains.byRoot(row.id);
    if (existing !== undefined) return existing.id;
    const slDistance =
      row.stop_loss === null || row.entry_price === null ? null : Math.abs(row.entry_price - row.stop_loss);
    const chainId = this.#ctx.chains.insert({
      plugin: row.plugin,
      symbol: row.symbol,
      direction: row.direction,
      rootPositionId: row.id,
      rootClientId: row.client_order_id,
      lots: row.lots,
      slDistance,
    });
    this.#ctx.positions.setChain(row.id, chainId, 1);
    return chainId;
  }
}
