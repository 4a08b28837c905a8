import { brokerUnknown, describeBrokerError } from '@zepix/broker-api';
import { isClosedTrade } from '@zepix/broker-api';
import type { BrokerResult, BrokerTrade, ClosedTrade, CloseReason, TradeClose } from '@zepix/broker-api';
import { isZepixOrderId } from './clientOrderId.js';
import type { EngineContext } from './context.js';
import { TradingErrorCode } from './errors.js';
import type { Ledger } from './Ledger.js';
import type { PositionRow } from './rows.js';

/**
 * A trade the broker holds open that no live Zepix position manages: opened by hand or by another program on the
 * same account, one Zepix recorded as closed or failed, or (after a power cut) one whose row was lost with the
 * trading database's last commits.
 */
export interface UnknownBrokerTrade {
  readonly tradeId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly direction: BrokerTrade['direction'];
  readonly lots: number;
  readonly openPrice: number;
  /** The state of the Zepix row with this trade's ids, when one exists but is no longer live (closed, failed…). */
  readonly zepixState?: string;
  /** The client order id has the shape Zepix gives its orders: most likely an order cut off by a crash. */
  readonly zepixClientId: boolean;
}

const LIVE_STATES: ReadonlySet<string> = new Set(['submitting', 'unknown', 'open']);

/** Counts from a start-up reconciliation, and the broker's open trades Zepix does not know. */
export interface ReconcileReport {
  readonly checked: number;
  readonly opened: number;
  readonly closed: number;
  readonly failed: number;
  readonly stillUnknown: number;
  /** Left alone: Zepix never modifies or closes them, but they count in the account's balance and equity. */
  readonly unknownAtBroker: readonly UnknownBrokerTrade[];
}

type Lookup = BrokerResult<BrokerTrade | ClosedTrade | undefined>;

/** A broker close reason for a trade that closed while Zepix was not listening: SL or TP when the price says so. */
export function inferCloseReason(row: PositionRow, closePrice: number): CloseReason {
  const sign = row.direction === 'buy' ? 1 : -1;
  const tolerance = Math.abs(closePrice) * 1e-9;
  // Stryker disable ArithmeticOperator,EqualityOperator: sign is ±1, and with a tolerance above zero the level itself is inside the band either way
  if (row.stop_loss !== null && (closePrice - row.stop_loss) * sign <= tolerance) return 'sl';
  if (row.take_profit !== null && (closePrice - row.take_profit) * sign >= -tolerance) return 'tp';
  // Stryker restore ArithmeticOperator,EqualityOperator
  return 'manual';
}

/**
 * The last close of a trade the broker reports closed. Brokers report the whole trade (its first lots, its P&L over
 * every close), so what the row has recorded already (partial closes) is taken off: only the rest closes now.
 */
function asClose(row: PositionRow, trade: ClosedTrade): TradeClose {
  return {
    tradeId: trade.tradeId,
    clientOrderId: trade.clientOrderId,
    symbol: trade.symbol,
    direction: trade.direction,
    closedLots: row.lots,
    remainingLots: 0,
    openPrice: trade.openPrice,
    closePrice: trade.closePrice,
    realizedPnl: Math.round((trade.realizedPnl - row.realized_pnl) * 100) / 100,
    reason: inferCloseReason(row, trade.closePrice),
    closedAt: trade.closedAt,
  };
}

/**
 * Settles orders whose outcome is not confirmed by asking the broker for their client order id: found open →
 * open, found closed → open then closed, not found → failed. Nothing is ever resent.
 */
export class Reconciler {
  readonly #ctx: EngineContext;
  readonly #ledger: Ledger;

  constructor(ctx: EngineContext, ledger: Ledger) {
    this.#ctx = ctx;
    this.#ledger = ledger;
  }

  /** Settles one 'submitting' or 'unknown' row; returns it as it now stands. */
  async reconcile(row: PositionRow): Promise<PositionRow> {
    const found = await this.#lookup(row.client_order_id);
    if (!found.ok) {
      const reason = describeBrokerError(found.error);
      this.#ctx.logger.warn(
        { clientOrderId: row.client_order_id, reason },
        'reconciliation could not reach the broker; will retry at start-up',
      );
      if (row.state === 'submitting') {
        return this.#ledger.recordProblem(
          row.id,
          'unknown',
          TradingErrorCode.BrokerUnknown,
          `outcome not confirmed and the broker lookup failed (${reason}); reconciled again at the next start-up`,
        );
      }
      // Stryker disable next-line LogicalOperator: rows are never deleted, so byId finds it
      return this.#ctx.positions.byId(row.id) ?? row;
    }
    const trade = found.value;
    if (trade === undefined) {
      return this.#ledger.recordProblem(
        row.id,
        'failed',
        TradingErrorCode.OrderFailed,
        `the broker has no trade with client order id ${row.client_order_id}, so the order never reached it; it is not resent. Fix: check the broker's order history, then send a new alert if the trade is still wanted`,
      );
    }
    const opened = this.#ledger.recordOpen(row.id, { ...trade, unrealizedPnl: 0 });
    // Stryker disable next-line ConditionalExpression: the closes table refuses a close without a price (INSERT OR IGNORE), so an open trade records nothing either way
    if (isClosedTrade(trade))
      this.#ledger.recordClose(opened, asClose(opened, trade), {
        by: 'broker',
        note: 'closed at the broker before Zepix confirmed it',
        pluginExit: false,
      });
    return this.#ctx.positions.byId(row.id) ?? opened;
  }

  /** Start-up: settles every unconfirmed row, then records closes the broker made while Zepix was down. */
  async startup(): Promise<ReconcileReport> {
    let opened = 0;
    let closed = 0;
    let failed = 0;
    let stillUnknown = 0;
    // Rows a call of this engine is placing or settling right now are that call's to finish (the operator's sync
    // runs while orders are being placed).
    const unresolved = this.#ctx.positions.unresolved().filter((row) => !this.#ctx.inFlight.has(row.client_order_id));
    for (const row of unresolved) {
      const after = await this.reconcile(row);
      if (after.state === 'open') opened++;
      else if (after.state === 'closed') closed++;
      else if (after.state === 'failed') failed++;
      else stillUnknown++;
    }
    // A row just settled above was looked up already: each row is asked about and counted once.
    const settled = new Set(unresolved.map((row) => row.id));
    const open = this.#ctx.positions.open().filter((row) => !settled.has(row.id));
    for (const row of open) if (await this.syncOpen(row)) closed++;
    const unknownAtBroker = await this.unknownAtBroker();
    return { checked: unresolved.length + open.length, opened, closed, failed, stillUnknown, unknownAtBroker };
  }

  /** The broker's open trades that match no live row by trade id or client order id; none when it cannot say. */
  async unknownAtBroker(): Promise<UnknownBrokerTrade[]> {
    let held: BrokerResult<readonly BrokerTrade[]>;
    try {
      held = await this.#ctx.broker.openTrades();
    } catch (error) {
      held = brokerUnknown(error instanceof Error ? error.message : String(error));
    }
    if (!held.ok) {
      const reason = describeBrokerError(held.error);
      this.#ctx.logger.warn(
        { reason },
        "could not list the broker's open trades to look for trades Zepix does not manage",
      );
      return [];
    }
    const positions = this.#ctx.positions;
    const unknown: UnknownBrokerTrade[] = [];
    for (const { tradeId, clientOrderId: id, symbol, direction, lots, openPrice } of held.value) {
      const row = positions.byTradeId(tradeId) ?? positions.byClientOrderId(id);
      if (row !== undefined && LIVE_STATES.has(row.state)) continue;
      const trade = {
        tradeId,
        clientOrderId: id,
        symbol,
        direction,
        lots,
        openPrice,
        zepixClientId: isZepixOrderId(id),
      };
      unknown.push(row === undefined ? trade : { ...trade, zepixState: row.state });
    }
    return unknown;
  }

  /** Records the close of an open row the broker no longer holds; true when it had closed. */
  async syncOpen(row: PositionRow): Promise<boolean> {
    const found = await this.#lookup(row.client_order_id);
    if (!found.ok || found.value === undefined || !isClosedTrade(found.value)) return false;
    return this.#ledger.recordClose(row, asClose(row, found.value), {
      by: 'broker',
      note: 'closed at the broker while Zepix was down',
      pluginExit: false,
    });
  }

  async #lookup(clientOrderId: string): Promise<Lookup> {
    try {
      return await this.#ctx.broker.findByClientOrderId(clientOrderId);
    } catch (error) {
      return brokerUnknown(error instanceof Error ? error.message : String(error));
    }
  }
}
