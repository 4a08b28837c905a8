import type { ChainStatus, Direction, ServiceResult } from '@zepix/plugin-core';
import type { ChainRow } from './ChainStore.js';
import { chainOrderId } from './clientOrderId.js';
import type { Closer } from './Closer.js';
import type { EngineContext } from './context.js';
import { TradingErrorCode, ok, rejected } from './errors.js';
import type { Ledger } from './Ledger.js';
import { chainMessage } from './messages.js';
import type { OrderPath } from './OrderPath.js';
import type { PositionRow } from './rows.js';
import type { Tick } from './types.js';

const LIVE = new Set([
  'open',
  // Stryker disable next-line StringLiteral: the start-up reconciliation settles every 'submitting' row before the first tick, and a tick's own orders are settled before it ends
  'submitting',
  'unknown',
]);

/**
 * Profit-booking chains grown from order B. Level 1 is the root order; level n opens `levels[n-1]` orders
 * (1, 2, 4, 8, 16) once every order of level n-1 has closed with at least one booked. An order is booked (closed
 * by the engine) when its profit reaches `target_usd`. Everything is in the database, so `onTick` resumes
 * chains after a restart.
 */
export class ProfitChains {
  readonly #ctx: EngineContext;
  readonly #orders: OrderPath;
  readonly #closer: Closer;
  readonly #ledger: Ledger;

  constructor(ctx: EngineContext, parts: { orders: OrderPath; closer: Closer; ledger: Ledger }) {
    this.#ctx = ctx;
    this.#orders = parts.orders;
    this.#closer = parts.closer;
    this.#ledger = parts.ledger;
  }

  /** Starts a chain from one of the plugin's open positions (idempotent: an existing chain is returned). */
  start(plugin: string, positionId: string): ServiceResult<{ chainId: string }> {
    const row = this.#ctx.positions.byId(Number(positionId));
    if (row === undefined || row.plugin !== plugin || row.state !== 'open') {
      return rejected(
        TradingErrorCode.NotFound,
        `plugin "${plugin}" has no open position ${positionId}. Fix: pass the id of one of its open positions`,
      );
    }
    if (row.origin === 'chain')
      return rejected(
        TradingErrorCode.ChainExists,
        `position ${positionId} is itself an order of chain ${row.chain_id}`,
      );
    return ok({ chainId: String(this.#ledger.startChain(row)) });
  }

  /** Stops active chains (of one plugin, symbol and/or side when given); orders already open stay and are still booked. */
  stop(filter: { plugin?: string; symbol?: string; direction?: Direction }, reason: string): number {
    return this.#ctx.tx(() => {
      let stopped = 0;
      for (const chain of this.#ctx.chains.list({ ...filter, state: 'active' })) {
        if (!this.#ctx.chains.finish(chain.id, 'stopped', reason)) continue;
        this.#ctx.outbox.write(chainMessage(chain, 'chain_stopped', reason));
        stopped++;
      }
      return stopped;
    });
  }

  /** The plugin's chains, newest last. */
  status(plugin: string | undefined, symbol?: string): ChainStatus[] {
    return this.#ctx.chains.list({ plugin, symbol }).map((chain) => {
      const figures = this.#ctx.chains.figures(chain.id);
      return {
        id: String(chain.id),
        symbol: chain.symbol,
        direction: chain.direction,
        level: chain.level,
        openOrders: figures.openOrders,
        bookedPnl: figures.bookedPnl,
        state: chain.state,
      };
    });
  }

  /** Books orders at the target, then moves finished levels on. */
  async onTick(tick: Tick): Promise<void> {
    await this.#book(tick);
    for (const chain of this.#ctx.chains.list({ symbol: tick.symbol, state: 'active' })) await this.#advance(chain);
  }

  async #book(tick: Tick): Promise<void> {
    const target = this.#ctx.config.profit_booking.target_usd;
    // Every tick runs this: only chained positions are read, not every open one of the symbol.
    const due = this.#ctx.positions
      .openInChains(tick.symbol)
      .filter((row) => this.#ctx.quotes.unrealized(row, tick) >= target);
    for (const row of due) {
      const outcome = await this.#closer.close(row, {
        by: 'engine',
        note: `booked at ≥ $${target} (chain #${row.chain_id} level ${row.chain_level})`,
        pluginExit: false,
      });
      if (!outcome.ok)
        this.#ctx.logger.warn(
          { positionId: row.id, code: outcome.error.code, reason: outcome.error.message },
          'booking close failed; retried on the next tick',
        );
    }
  }

  async #advance(chain: ChainRow): Promise<void> {
    const expected = chain.level === 1 ? 1 : (this.#ctx.config.profit_booking.levels[chain.level - 1] ?? 0);
    const rows = this.#ctx.positions.chainLevel(chain.id, chain.level);
    const broken = rows.find((r) => r.state === 'rejected' || r.state === 'failed');
    if (broken !== undefined)
      return this.#finish(
        chain,
        'stopped',
        `level ${chain.level} order ${broken.client_order_id} did not open (${broken.error_code})`,
      );
    if (rows.length < expected) return this.#openLevel(chain, expected);
    if (rows.some((r) => LIVE.has(r.state))) return;
    this.#levelDone(chain, rows);
    // Still active only if it moved up a level (a stop by the plugin in the meantime leaves it stopped).
    const after = this.#ctx.chains.byId(chain.id);
    // Stryker disable next-line OptionalChaining: chains are never deleted
    if (after?.state === 'active')
      await this.#openLevel(after, this.#ctx.config.profit_booking.levels[after.level - 1] ?? 0);
  }

  /** Every order of the level has closed: stop, complete, or move up one level. */
  #levelDone(chain: ChainRow, rows: readonly PositionRow[]): void {
    const booked = rows.filter((r) => r.realized_pnl > 0).length;
    if (booked === 0) return this.#finish(chain, 'stopped', `level ${chain.level} closed without profit`);
    const { levels, enabled_levels: enabled } = this.#ctx.config.profit_booking;
    const last = Math.min(enabled, levels.length);
    const total = this.#ctx.chains.figures(chain.id).bookedPnl;
    if (chain.level >= last) return this.#finish(chain, 'completed', `all ${last} levels done, booked $${total}`);
    const next = chain.level + 1;
    this.#ctx.tx(() => {
      this.#ctx.chains.setLevel(chain.id, next);
      this.#ctx.outbox.write(
        chainMessage(
          { ...chain, level: next },
          'chain_level_up',
          `level ${chain.level} booked (${booked}/${rows.length}); opening level ${next} with ${levels[next - 1]} orders; booked so far $${total}`,
        ),
      );
    });
  }

  async #openLevel(chain: ChainRow, count: number): Promise<void> {
    for (let n = 1; n <= count; n++) {
      const result = await this.#orders.place({
        plugin: chain.plugin,
        clientOrderId: chainOrderId(chain.root_client_id, chain.level, n),
        symbol: chain.symbol,
        direction: chain.direction,
        leg: `chain-${chain.level}-${n}`,
        origin: 'chain',
        lots: chain.lots,
        ...(chain.sl_distance === null ? {} : { stopDistance: chain.sl_distance }),
        chain: { id: chain.id, level: chain.level },
      });
      if (!result.ok && result.status === 'rejected')
        return this.#finish(
          chain,
          'stopped',
          `level ${chain.level} order ${n} refused: ${result.code}: ${result.reason}`,
        );
      if (!result.ok) return;
    }
  }

  #finish(chain: ChainRow, state: 'completed' | 'stopped', reason: string): void {
    this.#ctx.tx(() => {
      if (this.#ctx.chains.finish(chain.id, state, reason)) {
        this.#ctx.outbox.write(
          chainMessage(chain, state === 'completed' ? 'chain_completed' : 'chain_stopped', reason),
        );
      }
    });
  }
}
