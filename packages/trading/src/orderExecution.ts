import type { Direction, OrderExecutionService, PlaceOrderOptions, Position, ServiceResult } from '@zepix/plugin-core';
import { clientOrderId } from './clientOrderId.js';
import { brokerUnknown, describeBrokerError } from '@zepix/broker-api';
import { TradingErrorCode, brokerStatus, ok, rejected } from './errors.js';
import type { EngineParts } from './parts.js';
import { toPosition } from './rows.js';

type CloseResult = ServiceResult<{ readonly closed: readonly string[]; readonly realizedPnl: number }>;

const round2 = (value: number) => Math.round(value * 100) / 100;

/** `placeOrder` for one plugin: the alert, plugin and leg make the client order id. */
export function placeOrder(
  parts: EngineParts,
  plugin: string,
  options: PlaceOrderOptions,
): Promise<ServiceResult<Position>> {
  const leg = options.leg ?? 'single';
  const { profitChain, ...rest } = options.lifecycle ?? {};
  // Order B grows a chain unless the plugin says otherwise; profit_booking.enabled = false turns chains off.
  const chain = parts.ctx.config.profit_booking.enabled && (profitChain ?? leg === 'B');
  return parts.orders.place({
    plugin,
    clientOrderId: clientOrderId({ alert: options.alert, plugin, leg }),
    symbol: options.symbol ?? options.alert.symbol,
    direction: options.direction,
    leg,
    origin: 'alert',
    // The order path reads each of these as absent when undefined.
    lots: options.lots,
    lotMultiplier: options.lotMultiplier,
    stopLoss: options.stopLoss,
    takeProfit: options.takeProfit,
    fallbackPrice: options.alert.price,
    lifecycle: { ...rest, profitChain: chain },
  });
}

/**
 * A plugin's exit: stops its chains and cancels its monitors on the symbols concerned, closes its matching
 * positions (never another plugin's), then arms exit continuation where the position asked for it.
 */
export async function closePositions(
  parts: EngineParts,
  plugin: string,
  options: { readonly symbol?: string; readonly direction?: Direction; readonly reason: string },
): Promise<CloseResult> {
  const { ctx } = parts;
  const rows = ctx.positions.open({
    plugin,
    ...(options.symbol ? { symbol: options.symbol } : {}),
    ...(options.direction ? { direction: options.direction } : {}),
  });
  const symbols = options.symbol ? [options.symbol] : [...new Set(rows.map((r) => r.symbol))];
  // Only the closed side's chains and monitors stop: an exit of sells must not end the buys' chains.
  const side = options.direction ? { direction: options.direction } : {};
  for (const symbol of symbols) {
    parts.chains.stop({ plugin, symbol, ...side }, `exit: ${options.reason}`);
    parts.monitors.cancel({ plugin, symbol, ...side }, `exit: ${options.reason}`);
  }
  const outcomes = await parts.closer.closeAll(rows, { by: plugin, note: options.reason, pluginExit: true });
  const closed = outcomes.flatMap((o) => (o.ok ? [String(o.value.positionId)] : []));
  const realizedPnl = round2(outcomes.reduce((sum, o) => sum + (o.ok ? o.value.pnl : 0), 0));
  const failures = outcomes.flatMap((o) => (o.ok ? [] : [o.error]));
  if (failures.length === 0) return ok({ closed, realizedPnl });
  const status = failures.some((f) => f.status === 'unknown') ? 'unknown' : 'rejected';
  const reason = `closed ${closed.length} of ${rows.length} (${closed.join(', ') || 'none'}, P&L $${realizedPnl}); ${failures.map((f) => f.message).join('; ')}`;
  return { ok: false, status, code: TradingErrorCode.CloseFailed, reason };
}

/** Moves a plugin's position's SL/TP at the broker and records the new levels (also used by break-even). */
export async function modifyPosition(
  parts: EngineParts,
  plugin: string,
  options: { readonly positionId: string; readonly stopLoss?: number; readonly takeProfit?: number },
): Promise<ServiceResult<Position>> {
  const { ctx } = parts;
  const row = ctx.positions.byId(Number(options.positionId));
  if (
    row === undefined ||
    row.plugin !== plugin ||
    row.state !== 'open' ||
    // Stryker disable next-line ConditionalExpression: an open row always has its broker trade id (markOpen sets both)
    row.broker_trade_id === null
  ) {
    return rejected(
      TradingErrorCode.NotFound,
      `plugin "${plugin}" has no open position ${options.positionId}. Fix: pass the id of one of its open positions`,
    );
  }
  let result;
  try {
    result = await ctx.broker.modifyTrade({
      tradeId: row.broker_trade_id,
      ...(options.stopLoss === undefined ? {} : { stopLoss: options.stopLoss }),
      ...(options.takeProfit === undefined ? {} : { takeProfit: options.takeProfit }),
    });
  } catch (error) {
    result = brokerUnknown(error instanceof Error ? error.message : String(error));
  }
  if (!result.ok) {
    const detail = describeBrokerError(result.error);
    return {
      ok: false,
      status: brokerStatus(result.error),
      code: TradingErrorCode.ModifyFailed,
      reason: `broker "${ctx.broker.name}" did not modify position ${row.id}: ${detail}. Fix: check the levels against the current price and retry`,
    };
  }
  ctx.positions.setLevels(row.id, result.value.stopLoss ?? null, result.value.takeProfit ?? null);
  const after = ctx.positions.byId(row.id) ?? row;
  return ok(toPosition(after, ctx.quotes.unrealized(after)));
}

/** The order execution service scoped to one plugin. */
export function orderExecutionFor(parts: EngineParts, plugin: string): OrderExecutionService {
  const { ctx } = parts;
  return {
    placeOrder: (options) => placeOrder(parts, plugin, options),
    placeDualOrder: (options) => parts.dual.place(plugin, options),
    closePositions: (options) => closePositions(parts, plugin, options),
    modifyPosition: (options) => modifyPosition(parts, plugin, options),
    getOpenPositions: (options = {}) =>
      Promise.resolve(
        ctx.positions
          .open({
            plugin,
            ...(options.symbol ? { symbol: options.symbol } : {}),
            ...(options.direction ? { direction: options.direction } : {}),
          })
          .map((row) => toPosition(row, ctx.quotes.unrealized(row))),
      ),
  };
}
