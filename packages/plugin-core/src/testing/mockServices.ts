import { pino } from 'pino';
import type { MtfTrends } from '../alerts.js';
import type { PluginServices, Position, ServiceResult } from '../services.js';

/** One recorded service call. */
export interface ServiceCall {
  readonly service: string;
  readonly method: string;
  readonly options: unknown;
}

/** Services plus everything the plugin asked of them. */
export interface MockServices extends PluginServices {
  readonly calls: ServiceCall[];
  /** Calls to one service method, in order. */
  callsTo(service: keyof PluginServices, method: string): unknown[];
  /** Sets what the trend service answers for a symbol. */
  setTrends(symbol: string, trends: MtfTrends): void;
}

/**
 * In-memory services for plugin tests: orders fill at the requested price, every call is recorded, nothing
 * leaves the process. Pass `now` to pin the clock.
 */
export function mockServices(options: { readonly now?: Date; readonly plugin?: string } = {}): MockServices {
  const calls: ServiceCall[] = [];
  const trends = new Map<string, MtfTrends>();
  const positions: Position[] = [];
  const plugin = options.plugin ?? 'test';
  const clockNow = options.now;
  const record = <T>(service: string, method: string, opts: unknown, value: T): Promise<T> => {
    calls.push({ service, method, options: opts });
    return Promise.resolve(value);
  };
  const ok = <T>(value: T): ServiceResult<T> => ({ ok: true, value });

  return {
    calls,
    callsTo: (service, method) =>
      calls.filter((c) => c.service === service && c.method === method).map((c) => c.options),
    setTrends: (symbol, value) => trends.set(symbol, value),
    orderExecution: {
      placeOrder: (o) => {
        const position: Position = {
          id: `pos-${positions.length + 1}`,
          clientOrderId: `test-${positions.length + 1}`,
          plugin,
          symbol: o.symbol,
          direction: o.direction,
          lots: o.lots ?? 0.01,
          entryPrice: o.alert.price ?? 0,
          ...(o.stopLoss === undefined ? {} : { stopLoss: o.stopLoss }),
          ...(o.takeProfit === undefined ? {} : { takeProfit: o.takeProfit }),
          openedAt: (clockNow ?? new Date()).toISOString(),
          unrealizedPnl: 0,
        };
        positions.push(position);
        return record('orderExecution', 'placeOrder', o, ok(position));
      },
      closePositions: (o) => {
        const closing = positions.filter(
          (p) => (!o.symbol || p.symbol === o.symbol) && (!o.direction || p.direction === o.direction),
        );
        for (const p of closing) positions.splice(positions.indexOf(p), 1);
        return record('orderExecution', 'closePositions', o, ok({ closed: closing.map((p) => p.id) }));
      },
      modifyPosition: (o) => {
        const found = positions.find((p) => p.id === o.positionId);
        const result: ServiceResult<Position> = found
          ? ok({ ...found, ...o })
          : { ok: false, status: 'rejected', code: 'ZEPIX_POSITION_NOT_FOUND', reason: `no position ${o.positionId}` };
        return record('orderExecution', 'modifyPosition', o, result);
      },
      getOpenPositions: (o) =>
        record(
          'orderExecution',
          'getOpenPositions',
          o,
          positions.filter((p) => !o?.symbol || p.symbol === o.symbol),
        ),
    },
    riskManagement: {
      checkEntry: (o) => record('riskManagement', 'checkEntry', o, ok({ allowed: true as const })),
      getState: () =>
        record('riskManagement', 'getState', undefined, {
          paused: false,
          dailyLoss: 0,
          dailyLossCap: 100,
          lifetimeLoss: 0,
          lifetimeLossCap: 500,
        }),
    },
    profitBooking: {
      startChain: (o) => record('profitBooking', 'startChain', o, ok({ chainId: `chain-${o.positionId}` })),
      stopChains: (o) => record('profitBooking', 'stopChains', o, ok({ stopped: 0 })),
    },
    reentry: {
      armMonitor: (o) => record('reentry', 'armMonitor', o, ok({ monitorId: `monitor-${o.positionId}` })),
      cancelMonitors: (o) => record('reentry', 'cancelMonitors', o, ok({ cancelled: 0 })),
    },
    telegram: { send: (o) => record('telegram', 'send', o, undefined) },
    analytics: {
      getSummary: (o) => record('analytics', 'getSummary', o, { trades: 0, winRate: 0, pnl: 0, maxDrawdown: 0 }),
    },
    market: {
      getPrice: (o) => record('market', 'getPrice', o, undefined),
      getSymbolSpec: (o) => record('market', 'getSymbolSpec', o, undefined),
    },
    trends: {
      getTrends: (o) => record('trends', 'getTrends', o, trends.get(o.symbol) ?? {}),
      getTrend: (o) => record('trends', 'getTrend', o, (trends.get(o.symbol) ?? {})[o.timeframe]),
    },
    clock: { now: () => clockNow ?? new Date() },
    logger: pino({ level: 'silent' }),
  };
}
