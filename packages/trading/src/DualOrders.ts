import type { DualOrderResult, PlaceDualOrderOptions, Position, ServiceResult } from '@zepix/plugin-core';
import type { SymbolBook } from '@zepix/symbols';
import { clientOrderId } from './clientOrderId.js';
import type { Closer } from './Closer.js';
import type { TradingConfig } from './config.js';
import type { EngineContext } from './context.js';
import { TradingErrorCode, ok } from './errors.js';
import type { OrderPath, OrderRequest } from './OrderPath.js';

type Leg = 'A' | 'B';
type Failure = DualOrderResult['failures'][number] & { status: 'rejected' | 'unknown' };

/** The symbol class that picks order B's default SL: metals, JPY-quoted pairs, other FX. */
export function symbolClass(symbol: string, symbols: SymbolBook): 'metal' | 'jpy' | 'fx' {
  if (/^X(AU|AG|PT|PD)/.test(symbol)) return 'metal';
  return symbols.get(symbol)?.quoteCurrency === 'JPY' ? 'jpy' : 'fx';
}

/** Order B's default SL distance in price units: `b_sl_pips_by_symbol`, else the symbol class's `b_sl_pips`. */
export function orderBStopDistance(symbol: string, config: TradingConfig, symbols: SymbolBook): number {
  const { b_sl_pips: byClass, b_sl_pips_by_symbol: bySymbol } = config.dual_orders;
  return symbols.fromPips(symbol, bySymbol[symbol] ?? byClass[symbolClass(symbol, symbols)]);
}

/**
 * The dual order: A rides the Pine SL to TP2, B uses a fixed-risk SL to TP1 and grows a profit chain. Each leg
 * goes through the one order path with its own client order id; a failed leg is handled by `onLegFailure`.
 */
export class DualOrders {
  readonly #ctx: EngineContext;
  readonly #orders: OrderPath;
  readonly #closer: Closer;

  constructor(ctx: EngineContext, orders: OrderPath, closer: Closer) {
    this.#ctx = ctx;
    this.#orders = orders;
    this.#closer = closer;
  }

  /** Places the requested legs for `plugin`. */
  async place(plugin: string, options: PlaceDualOrderOptions): Promise<ServiceResult<DualOrderResult>> {
    const legs: Leg[] = options.legs === 'both' ? ['A', 'B'] : [options.legs];
    const opened: Partial<Record<Leg, Position>> = {};
    const failures: Failure[] = [];
    for (const leg of legs) {
      const result = await this.#orders.place(this.#request(plugin, leg, options));
      if (result.ok) opened[leg] = result.value;
      else failures.push({ leg, code: result.code, reason: result.reason, status: result.status });
    }
    const policy = options.onLegFailure ?? this.#ctx.config.dual_orders.on_leg_failure;
    if (failures.length > 0 && policy === 'close-other') await this.#closeSurvivors(opened, failures);
    if (opened.A === undefined && opened.B === undefined) return this.#allFailed(failures);
    return ok({
      ...(opened.A ? { a: opened.A } : {}),
      ...(opened.B ? { b: opened.B } : {}),
      failures: failures.map(({ leg, code, reason }) => ({ leg, code, reason })),
    });
  }

  #request(plugin: string, leg: Leg, options: PlaceDualOrderOptions): OrderRequest {
    const symbol = options.symbol ?? options.alert.symbol;
    const { profitChain, ...reentry } = options.lifecycle ?? {};
    const base = {
      plugin,
      clientOrderId: clientOrderId({ alert: options.alert, plugin, leg }),
      symbol,
      direction: options.direction,
      leg,
      origin: 'alert' as const,
      ...(options.lotMultiplier === undefined ? {} : { lotMultiplier: options.lotMultiplier }),
      ...(options.alert.price === undefined ? {} : { fallbackPrice: options.alert.price }),
    };
    if (leg === 'A') {
      const { stopLoss, takeProfit } = options.orderA;
      return {
        ...base,
        stopLoss,
        ...(takeProfit === undefined ? {} : { takeProfit }),
        lifecycle: { ...reentry, profitChain: false },
      };
    }
    const { stopLoss, takeProfit } = options.orderB;
    const chain = this.#ctx.config.profit_booking.enabled && (profitChain ?? true);
    return {
      ...base,
      ...(stopLoss !== undefined
        ? { stopLoss }
        : this.#ctx.config.dual_orders.b_sl_mode === 'risk_usd'
          ? { stopRiskUsd: this.#ctx.config.dual_orders.b_risk_usd }
          : { stopDistance: orderBStopDistance(symbol, this.#ctx.config, this.#ctx.symbols) }),
      ...(takeProfit === undefined ? {} : { takeProfit }),
      lifecycle: { ...reentry, profitChain: chain },
    };
  }

  async #closeSurvivors(opened: Partial<Record<Leg, Position>>, failures: Failure[]): Promise<void> {
    const failed = failures.map((f) => f.leg).join(', ');
    for (const leg of ['A', 'B'] as const) {
      const position = opened[leg];
      if (position === undefined) continue;
      const row = this.#ctx.positions.byId(Number(position.id));
      if (row === undefined) continue;
      const outcome = await this.#closer.close(row, {
        by: row.plugin,
        note: `dual order: leg ${failed} failed, closed by policy close-other`,
        pluginExit: false,
      });
      if (outcome.ok) {
        delete opened[leg];
        failures.push({
          leg,
          code: TradingErrorCode.DualLegFailed,
          reason: `closed because leg ${failed} failed (onLegFailure 'close-other')`,
          status: 'rejected',
        });
      }
    }
  }

  #allFailed(failures: readonly Failure[]): ServiceResult<DualOrderResult> {
    const status = failures.some((f) => f.status === 'unknown') ? 'unknown' : 'rejected';
    const first = failures.find((f) => f.code !== TradingErrorCode.DualLegFailed) ?? failures[0];
    const reason = failures.map((f) => `leg ${f.leg}: ${f.code}: ${f.reason}`).join('; ');
    return {
      ok: false,
      status,
      code: first?.code ?? TradingErrorCode.DualLegFailed,
      reason: `no leg of the dual order is open. ${reason}`,
    };
  }
}
