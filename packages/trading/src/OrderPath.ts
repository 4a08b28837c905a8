import { brokerUnknown, isBrokerRejection } from '@zepix/broker-api';
import type { Direction, LifecycleOptions, Position, ServiceResult } from '@zepix/plugin-core';
import type { BrokerResult, BrokerTrade } from '@zepix/broker-api';
import type { EngineContext } from './context.js';
import { TradingErrorCode, ok, rejected, unknownResult } from './errors.js';
import type { Ledger } from './Ledger.js';
import type { PluginBudgets } from './PluginBudgets.js';
import type { LotSizer } from './LotSizer.js';
import { entryPrice } from './Quotes.js';
import type { Reconciler } from './reconcile.js';
import type { Refusal, RiskGate } from './RiskGate.js';
import { toPosition } from './rows.js';
import type { PositionRow } from './rows.js';
import type { TradeOrigin } from './types.js';

/** One order as it enters the one order path (plugin orders, dual legs, chain orders and re-entries alike). */
export interface OrderRequest {
  readonly plugin: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly direction: Direction;
  readonly leg: string;
  readonly origin: TradeOrigin;
  readonly lots?: number;
  readonly lotMultiplier?: number;
  readonly stopLoss?: number;
  readonly takeProfit?: number;
  /** SL/TP as distances from the expected fill, when no absolute level is given. */
  readonly stopDistance?: number;
  readonly takeDistance?: number;
  /** With no SL or stop distance: the SL at this dollar loss for the sized lots (order B's fixed risk). */
  readonly stopRiskUsd?: number;
  readonly lifecycle?: LifecycleOptions;
  readonly reentryLevel?: number;
  readonly chain?: { readonly id: number; readonly level: number };
  /** Used when the broker has no price (the alert's own price). */
  readonly fallbackPrice?: number;
}

interface Levels {
  readonly entry: number;
  readonly stopLoss: number | null;
  readonly takeProfit: number | null;
}

/** An intent written and ready to send. */
interface IntentPrepared {
  readonly rowId: number;
  readonly lots: number;
  readonly levels: Levels;
}

type Prepared =
  | ({ kind: 'intent' } & IntentPrepared)
  | { kind: 'existing'; row: PositionRow }
  | { kind: 'refused'; refusal: Refusal };

const round = (value: number) => Math.round(value * 1e8) / 1e8;

/**
 * The one order path: dedup by client order id → risk gate → lot sizing → intent → broker → result →
 * lifecycle and outbox. Every order of every plugin, chain and re-entry goes through `place`.
 */
export class OrderPath {
  readonly #ctx: EngineContext;
  readonly #gate: RiskGate;
  readonly #sizer: LotSizer;
  readonly #ledger: Ledger;
  readonly #reconciler: Reconciler;
  readonly #budgets: PluginBudgets;

  constructor(
    ctx: EngineContext,
    parts: { gate: RiskGate; sizer: LotSizer; ledger: Ledger; reconciler: Reconciler; budgets: PluginBudgets },
  ) {
    this.#ctx = ctx;
    this.#budgets = parts.budgets;
    this.#gate = parts.gate;
    this.#sizer = parts.sizer;
    this.#ledger = parts.ledger;
    this.#reconciler = parts.reconciler;
  }

  /** Places one order, or answers with what an earlier delivery of the same order ended as. */
  async place(request: OrderRequest): Promise<ServiceResult<Position>> {
    const existing = this.#ctx.positions.byClientOrderId(request.clientOrderId);
    if (existing !== undefined) return this.#outcomeOfExisting(existing);
    const invalid = this.#validate(request);
    if (invalid !== undefined) return rejected(invalid.code, invalid.reason);
    const tick = await this.#ctx.quotes.fresh(request.symbol);
    const entry = tick === undefined ? request.fallbackPrice : entryPrice(request.direction, tick);
    if (entry === undefined) {
      return rejected(
        TradingErrorCode.NoPrice,
        `no price for ${request.symbol} from the broker and the alert carries none. Fix: feed prices to the broker (or send alerts with a price) before trading ${request.symbol}`,
      );
    }
    const balance = await this.#gate.prepare();
    if (balance === undefined) {
      return rejected(
        TradingErrorCode.NoAccount,
        `the broker "${this.#ctx.broker.name}" did not report an account balance and none is known yet, so risk cannot be checked. Fix: check the broker connection`,
      );
    }
    const prepared = this.#prepare(request, this.#levels(request, entry), balance);
    if (prepared.kind === 'existing') return this.#outcomeOfExisting(prepared.row);
    if (prepared.kind === 'refused') return rejected(prepared.refusal.code, prepared.refusal.reason);
    return this.#submit(prepared, request);
  }

  #validate(request: OrderRequest): Refusal | undefined {
    if (this.#ctx.symbols.get(request.symbol) === undefined) {
      return {
        code: TradingErrorCode.UnknownSymbol,
        reason: `no symbol spec for "${request.symbol}"; known: ${this.#ctx.symbols.symbols().join(', ')}. Fix: add it under symbols in the config or map it with intake.symbol_map`,
      };
    }
    const lots = request.lots;
    const multiplier = request.lotMultiplier ?? 1;
    if (
      (lots !== undefined && !(lots > 0 && Number.isFinite(lots))) ||
      !(multiplier > 0 && Number.isFinite(multiplier))
    ) {
      return {
        code: TradingErrorCode.InvalidLots,
        reason: `lots ${lots} × multiplier ${multiplier} is not a positive size. Fix: pass positive lots and lotMultiplier, or omit lots to let lot sizing decide`,
      };
    }
    return undefined;
  }

  #levels(request: OrderRequest, entry: number): Levels {
    const sign = request.direction === 'buy' ? 1 : -1;
    const stopLoss =
      request.stopLoss ?? (request.stopDistance === undefined ? null : round(entry - sign * request.stopDistance));
    const takeProfit =
      request.takeProfit ??
      // Stryker disable next-line ConditionalExpression: a NaN take-profit is stored as NULL and passes the gate like none
      (request.takeDistance === undefined ? null : round(entry + sign * request.takeDistance));
    return { entry, stopLoss, takeProfit };
  }

  /** The SL that loses `riskUsd` on `lots`, as the original sizes order B: $ risk / (lots × pip value) pips. */
  #riskStop(request: OrderRequest, levels: Levels, lots: number, riskUsd: number): Levels {
    const { symbols } = this.#ctx;
    // To a tenth of a pip, the finest price step brokers quote.
    const pips = Math.round((riskUsd / (lots * symbols.pipValuePerLot(request.symbol))) * 10) / 10;
    const sign = request.direction === 'buy' ? 1 : -1;
    return { ...levels, stopLoss: round(levels.entry - sign * symbols.fromPips(request.symbol, pips)) };
  }

  /** The gate, lot sizing and the intent row in one synchronous transaction, so no two orders race the counters. */
  #prepare(request: OrderRequest, priced: Levels, balance: number): Prepared {
    let levels = priced;
    return this.#ctx.tx((): Prepared => {
      const existing = this.#ctx.positions.byClientOrderId(request.clientOrderId);
      if (existing !== undefined) return { kind: 'existing', row: existing };
      const figures = this.#gate.figures(balance);
      // Every order is sized by the one sizer (smart lot included), then checked at its worst case with those lots.
      const sizing = {
        symbol: request.symbol,
        ...(levels.stopLoss === null ? {} : { slDistance: Math.abs(levels.entry - levels.stopLoss) }),
        multiplier: request.lotMultiplier ?? 1,
      };
      const sized =
        request.lots === undefined
          ? this.#sizer.size(sizing, figures).lots
          : this.#sizer.given({ ...sizing, lots: request.lots }, figures).lots;
      // A plugin's max_lot budget caps the size before the gate checks it, so the worst case is the real one.
      const lots = this.#budgets.capLots(request.plugin, request.symbol, sized) ?? sized;
      if (request.stopRiskUsd !== undefined && levels.stopLoss === null)
        levels = this.#riskStop(request, levels, lots, request.stopRiskUsd);
      const refusal = this.#gate.checkEntry(
        {
          plugin: request.plugin,
          origin: request.origin,
          symbol: request.symbol,
          direction: request.direction,
          lots,
          ...levels,
        },
        figures,
      );
      if (refusal !== undefined) return { kind: 'refused', refusal };
      const rowId = this.#ctx.positions.insertIntent({
        clientOrderId: request.clientOrderId,
        plugin: request.plugin,
        symbol: request.symbol,
        direction: request.direction,
        leg: request.leg,
        origin: request.origin,
        lots,
        stopLoss: levels.stopLoss,
        takeProfit: levels.takeProfit,
        lifecycleJson: JSON.stringify(request.lifecycle ?? {}),
        reentryLevel: request.reentryLevel ?? 0,
        chainId: request.chain?.id ?? null,
        chainLevel: request.chain?.level ?? null,
        createdAt: this.#ctx.now().toISOString(),
      });
      // Stryker disable next-line StringLiteral: place() tells the kinds apart by the other two
      return { kind: 'intent', rowId, lots, levels };
    });
  }

  async #submit(prepared: IntentPrepared, request: OrderRequest): Promise<ServiceResult<Position>> {
    this.#ctx.inFlight.add(request.clientOrderId);
    try {
      return await this.#submitOnce(prepared, request);
    } finally {
      this.#ctx.inFlight.delete(request.clientOrderId);
    }
  }

  async #submitOnce({ rowId, lots, levels }: IntentPrepared, request: OrderRequest): Promise<ServiceResult<Position>> {
    let result: BrokerResult<BrokerTrade>;
    try {
      result = await this.#ctx.broker.placeMarketOrder({
        clientOrderId: request.clientOrderId,
        symbol: request.symbol,
        direction: request.direction,
        lots,
        ...(levels.stopLoss === null ? {} : { stopLoss: levels.stopLoss }),
        ...(levels.takeProfit === null ? {} : { takeProfit: levels.takeProfit }),
      });
    } catch (error) {
      result = brokerUnknown(`placeMarketOrder threw: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (result.ok) return ok(this.#position(this.#ledger.recordOpen(rowId, result.value)));
    if (isBrokerRejection(result)) {
      const reason = `broker "${this.#ctx.broker.name}" rejected the order: ${result.error.brokerCode}: ${result.error.message}. Fix: correct what the broker names, then send a new alert`;
      this.#ledger.recordProblem(rowId, 'rejected', TradingErrorCode.BrokerRejected, reason);
      return rejected(TradingErrorCode.BrokerRejected, reason);
    }
    const unknown = this.#ledger.recordProblem(
      rowId,
      'unknown',
      TradingErrorCode.BrokerUnknown,
      `outcome not confirmed: ${result.error.message}`,
    );
    return this.#outcome(await this.#reconciler.reconcile(unknown), true);
  }

  /**
   * A 'submitting' row no call of this engine is placing was stranded: the broker answered but its fill could not
   * be written (a full disk, a lock held too long). Like 'unknown', only the broker can say what happened.
   */
  async #outcomeOfExisting(row: PositionRow): Promise<ServiceResult<Position>> {
    const stranded = row.state === 'submitting' && !this.#ctx.inFlight.has(row.client_order_id);
    if (row.state !== 'unknown' && !stranded) return this.#outcome(row, false);
    if (!stranded) return this.#outcome(await this.#reconciler.reconcile(row), true);
    // Held as in flight while the broker is asked, so a second delivery meanwhile waits its turn as "in flight".
    this.#ctx.inFlight.add(row.client_order_id);
    try {
      return this.#outcome(await this.#reconciler.reconcile(row), true);
    } finally {
      this.#ctx.inFlight.delete(row.client_order_id);
    }
  }

  // The `??` fallbacks below guard nullable columns: recordProblem always stores a code and reason with these states.
  #outcome(row: PositionRow, justReconciled: boolean): ServiceResult<Position> {
    switch (row.state) {
      case 'open':
      case 'closed':
        return ok(this.#position(row));
      // Stryker disable next-line ConditionalExpression: falling through to 'failed' answers a rejected row the same way
      case 'rejected':
        // Stryker disable next-line LogicalOperator,StringLiteral: recordProblem stored this very code and a reason
        return rejected(row.error_code ?? TradingErrorCode.BrokerRejected, row.error_reason ?? 'rejected');
      case 'failed':
        return justReconciled
          ? unknownResult(
              TradingErrorCode.BrokerUnknown,
              `the broker did not confirm the order and has no trade with client order id ${row.client_order_id}; it was not placed and is not resent. Fix: do not retry blindly; send a new alert if the trade is still wanted`,
            )
          : // Stryker disable next-line LogicalOperator,StringLiteral: recordProblem stored this very code and a reason
            rejected(row.error_code ?? TradingErrorCode.OrderFailed, row.error_reason ?? 'failed');
      case 'unknown': {
        // Stryker disable next-line StringLiteral: recordProblem stored a reason
        const reason = row.error_reason ?? 'outcome not confirmed';
        return unknownResult(
          TradingErrorCode.BrokerUnknown,
          `${reason}. Do not retry: the engine reconciles client order id ${row.client_order_id} with the broker`,
        );
      }
      case 'submitting':
        return unknownResult(
          TradingErrorCode.InFlight,
          `order ${row.client_order_id} is being placed right now; its outcome is not known yet. Do not retry: the same alert cannot order twice`,
        );
    }
  }

  #position(row: PositionRow): Position {
    return toPosition(row, this.#ctx.quotes.unrealized(row));
  }
}
