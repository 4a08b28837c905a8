import { brokerUnknown, describeBrokerError, err, ok } from '@zepix/broker-api';
import type { BrokerError, BrokerResult, CodedError, Err, Result, TradeClose } from '@zepix/broker-api';
import type { EngineContext, ExpectedClose } from './context.js';
import { TradingErrorCode, brokerStatus } from './errors.js';
import type { Ledger } from './Ledger.js';
import type { Reconciler } from './reconcile.js';
import type { PositionRow } from './rows.js';

/** Why a close did not happen: no such open position, or the broker refused or did not confirm it. */
export interface CloseError extends CodedError {
  readonly code: typeof TradingErrorCode.NotFound | typeof TradingErrorCode.CloseFailed;
  readonly positionId: number;
  /** `unknown` when the broker did not confirm: the position may still close, so check before retrying. */
  readonly status: 'rejected' | 'unknown';
}

/** How one close request ended: the position closed with its realised P/L, or why not. */
export type CloseOutcome = Result<{ readonly positionId: number; readonly pnl: number }, CloseError>;

/** A close refused because the position is not open. */
export function positionNotOpen(positionId: number, message: string): Err<CloseError> {
  return err({ code: TradingErrorCode.NotFound, positionId, status: 'rejected', message });
}

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
      return positionNotOpen(row.id, `position ${row.id} is ${row.state}, not open`);
    }
    // The broker also reports this close as an event; remembering the request lets that event carry its meaning.
    this.#ctx.expectedCloses.set(tradeId, meta);
    try {
      const result = await this.#request(tradeId);
      if (result.ok) {
        this.#ledger.recordClose(row, result.value, meta);
        return ok({ positionId: row.id, pnl: this.#realized(row.id) });
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
    if (after?.state === 'closed') return ok({ positionId: row.id, pnl: after.realized_pnl });
    const detail = describeBrokerError(result.error);
    return err({
      code: TradingErrorCode.CloseFailed,
      positionId: row.id,
      status: brokerStatus(result.error),
      message: `broker "${this.#ctx.broker.name}" did not close position ${row.id} (${row.symbol} ${row.direction}): ${detail}. Fix: retry the close, or close it at the broker`,
    });
  }

  #realized(positionId: number): number {
    return this.#ctx.positions.byId(positionId)?.realized_pnl ?? 0;
  }
}
