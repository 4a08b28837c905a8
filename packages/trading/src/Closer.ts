import { brokerUnknown, describeBrokerError } from '@zepix/broker-api';
import type { BrokerError, BrokerResult, Err, TradeClose } from '@zepix/broker-api';
import type { EngineContext, ExpectedClose } from './context.js';
import { TradingErrorCode, brokerStatus } from './errors.js';
import type { Ledger } from './Ledger.js';
import type { Reconciler } from './reconcile.js';
import type { PositionRow } from './rows.js';

/** How one close request ended. */
export type CloseOutcome =
  | { readonly ok: true; readonly positionId: number; readonly pnl: number }
  | {
      readonly ok: false;
      readonly positionId: number;
      readonly status: 'rejected' | 'unknown';
      readonly code: string;
      readonly reason: string;
    };

/** Closes positions at the broker and records the result once. Exits never pass the risk gate. */
export class Closer {
  readonly #ctx: EngineContext;
  readonly #ledger: Ledger;
  readonly #reconciler: Reconciler;

  constructor(ctx: EngineContext, ledger: Ledger, reconciler: Reconciler) {
    this.#ctx = ctx;
    this.#ledger = ledger;
    this.#reconciler = reconciler;
  }

  /** Closes one open position in full. */
  async close(row: PositionRow, meta: ExpectedClose): Promise<CloseOutcome> {
    const tradeId = row.broker_trade_id;
    if (row.state !== 'open' || tradeId === null) {
      return {
        ok: false,
        positionId: row.id,
        status: 'rejected',
        code: TradingErrorCode.NotFound,
        reason: `position ${row.id} is ${row.state}, not open`,
      };
    }
    // The broker also reports this close as an event; remembering the request lets that event carry its meaning.
    this.#ctx.expectedCloses.set(tradeId, meta);
    try {
      const result = await this.#request(tradeId);
      if (result.ok) {
        this.#ledger.recordClose(row, result.value, meta);
        return { ok: true, positionId: row.id, pnl: this.#realized(row.id) };
      }
      return await this.#afterFailure(row, result);
    } finally {
      this.#ctx.expectedCloses.delete(tradeId);
    }
  }

  /** Closes each row in turn; returns every outcome. */
  async closeAll(rows: readonly PositionRow[], meta: ExpectedClose): Promise<CloseOutcome[]> {
    const outcomes: CloseOutcome[] = [];
    for (const row of rows) outcomes.push(await this.close(row, meta));
    return outcomes;
  }

  async #request(tradeId: string): Promise<BrokerResult<TradeClose>> {
    try {
      return await this.#ctx.broker.closeTrade({ tradeId });
    } catch (error) {
      return brokerUnknown(`closeTrade threw: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** A refused or unconfirmed close may still have happened (an SL fired first): ask the broker before failing. */
  async #afterFailure(row: PositionRow, result: Err<BrokerError>): Promise<CloseOutcome> {
    await this.#reconciler.syncOpen(row);
    const after = this.#ctx.positions.byId(row.id);
    if (after?.state === 'closed') return { ok: true, positionId: row.id, pnl: after.realized_pnl };
    const detail = describeBrokerError(result.error);
    return {
      ok: false,
      positionId: row.id,
      status: brokerStatus(result.error),
      code: TradingErrorCode.CloseFailed,
      reason: `broker "${this.#ctx.broker.name}" did not close position ${row.id} (${row.symbol} ${row.direction}): ${detail}. Fix: retry the close, or close it at the broker`,
    };
  }

  #realized(positionId: number): number {
    return this.#ctx.positions.byId(positionId)?.realized_pnl ?? 0;
  }
}
