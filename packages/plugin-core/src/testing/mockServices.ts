import { pino } from 'pino';
import type { Direction, MtfTrends } from '../alerts.js';
import type { PluginServices, Position, ServiceResult, SymbolSpec } from '../services.js';

/** One recorded service call. */
export interface ServiceCall {
  readonly service: string;
  readonly method: string;
  readonly options: unknown;
}

/** Services plus everything the plugin asked of them. */
export interface MockServices extends PluginServices {
  readonly calls: ServiceCall[];
  /** Open positions the mock holds, in opening order. */
  readonly positions: Position[];
  /** Calls to one service method, in order. */
  callsTo(service: keyof PluginServices, method: string): unknown[];
  /** Sets what the trend service answers for a symbol. */
  setTrends(symbol: string, trends: MtfTrends): void;
  /** Makes the next order calls answer `rejected` with this reason (until cleared with undefined). */
  rejectOrders(reason: string | undefined): void;
  /** Sets what the market service answers for a symbol's price (and so its spread). */
  setPrice(symbol: string, price: { readonly bid: number; readonly ask: number } | undefined): void;
}

const SPECS: Readonly<Record<string, SymbolSpec>> = {
  XAUUSD: { symbol: 'XAUUSD', pipSize: 0.01, pipValuePerLot: 1, contractSize: 100, minStopPips: 20 },
  EURUSD: { symbol: 'EURUSD', pipSize: 0.0001, pipValuePerLot: 10, contractSize: 100_000, minStopPips: 5 },
  GBPUSD: { symbol: 'GBPUSD', pipSize: 0.0001, pipValuePerLot: 10, contractSize: 100_000, minStopPips: 5 },
  NZDUSD: { symbol: 'NZDUSD', pipSize: 0.0001, pipValuePerLot: 10, contractSize: 100_000, minStopPips: 5 },
  AUDUSD: { symbol: 'AUDUSD', pipSize: 0.0001, pipValuePerLot: 10, contractSize: 100_000, minStopPips: 5 },
  USDJPY: { symbol: 'USDJPY', pipSize: 0.01, pipValuePerLot: 9.1, contractSize: 100_000, minStopPips: 5 },
  GBPJPY: { symbol: 'GBPJPY', pipSize: 0.01, pipValuePerLot: 9.1, contractSize: 100_000, minStopPips: 5 },
};

const sign = (direction: Direction) => (direction === 'buy' ? 1 : -1);

/**
 * In-memory services for plugin tests: orders fill at the alert's price, positions are kept per plugin, every
 * call is recorded, nothing leaves the process. Pass `now` to pin the clock.
 */
export function mockServices(options: { readonly now?: Date; readonly plugin?: string } = {}): MockServices {
  const calls: ServiceCall[] = [];
  const trends = new Map<string, MtfTrends>();
  const prices = new Map<string, { readonly bid: number; readonly ask: number }>();
  const positions: Position[] = [];
  const plugin = options.plugin ?? 'test';
  const now = () => options.now ?? new Date();
  let rejection: string | undefined;
  const record = <T>(service: string, method: string, opts: unknown, value: T): Promise<T> => {
    calls.push({ service, method, options: opts });
    return Promise.resolve(value);
  };
  const ok = <T>(value: T): ServiceResult<T> => ({ ok: true, value });
  const rejected = <T>(reason: string): ServiceResult<T> => ({
    ok: false,
    status: 'rejected',
    code: 'ZEPIX_MOCK_REJECTED',
    reason,
  });
  const open = (o: {
    alert: { symbol: string; price?: number };
    symbol?: string;
    direction: Direction;
    leg?: string;
    lots?: number;
    lotMultiplier?: number;
    stopLoss?: number;
    takeProfit?: number;
  }): Position => {
    const position: Position = {
      id: `pos-${positions.length + 1}`,
      clientOrderId: `test-${plugin}-${positions.length + 1}`,
      plugin,
      symbol: o.symbol ?? o.alert.symbol,
      direction: o.direction,
      leg: o.leg ?? 'single',
      lots: Math.round((o.lots ?? 0.01) * (o.lotMultiplier ?? 1) * 100) / 100,
      entryPrice: o.alert.price ?? 0,
      ...(o.stopLoss === undefined ? {} : { stopLoss: o.stopLoss }),
      ...(o.takeProfit === undefined ? {} : { takeProfit: o.takeProfit }),
      openedAt: now().toISOString(),
      unrealizedPnl: 0,
    };
    positions.push(position);
    return position;
  };

  return {
    calls,
    positions,
    callsTo: (service, method) =>
      calls.filter((c) => c.service === service && c.method === method).map((c) => c.options),
    setTrends: (symbol, value) => trends.set(symbol, value),
    rejectOrders: (reason) => {
      rejection = reason;
    },
    setPrice: (symbol, price) => {
      if (price === undefined) prices.delete(symbol);
      else prices.set(symbol, price);
    },
    orderExecution: {
      placeOrder: (o) =>
        record('orderExecution', 'placeOrder', o, rejection ? rejected<Position>(rejection) : ok(open(o))),
      placeDualOrder: (o) => {
        if (rejection) return record('orderExecution', 'placeDualOrder', o, rejected(rejection));
        const a = o.legs === 'B' ? undefined : open({ ...o, leg: 'A', ...o.orderA });
        const b = o.legs === 'A' ? undefined : open({ ...o, leg: 'B', ...o.orderB });
        return record(
          'orderExecution',
          'placeDualOrder',
          o,
          ok({ ...(a ? { a } : {}), ...(b ? { b } : {}), failures: [] }),
        );
      },
      closePositions: (o) => {
        const closing = positions.filter(
          (p) => (!o.symbol || p.symbol === o.symbol) && (!o.direction || p.direction === o.direction),
        );
        for (const p of closing) positions.splice(positions.indexOf(p), 1);
        return record('orderExecution', 'closePositions', o, ok({ closed: closing.map((p) => p.id), realizedPnl: 0 }));
      },
      modifyPosition: (o) => {
        const found = positions.find((p) => p.id === o.positionId);
        const result: ServiceResult<Position> = found
          ? ok({ ...found, ...o })
          : rejected(`no position ${o.positionId}`);
        return record('orderExecution', 'modifyPosition', o, result);
      },
      getOpenPositions: (o) =>
        record(
          'orderExecution',
          'getOpenPositions',
          o,
          positions.filter(
            (p) => (!o?.symbol || p.symbol === o.symbol) && (!o?.direction || p.direction === o.direction),
          ),
        ),
    },
    riskManagement: {
      checkEntry: (o) => record('riskManagement', 'checkEntry', o, ok({ allowed: true as const })),
      calculateLots: (o) =>
        record('riskManagement', 'calculateLots', o, {
          lots: Math.round(0.01 * (o.multiplier ?? 1) * 100) / 100 || 0.01,
          basis: 'mock: 0.01 × multiplier',
        }),
      getState: () =>
        record('riskManagement', 'getState', undefined, {
          paused: false,
          balance: 5000,
          tier: 5000,
          dailyLoss: 0,
          dailyLossCap: 100,
          lifetimeLoss: 0,
          lifetimeLossCap: 500,
          openPositions: positions.length,
        }),
    },
    profitBooking: {
      startChain: (o) => record('profitBooking', 'startChain', o, ok({ chainId: `chain-${o.positionId}` })),
      stopChains: (o) => record('profitBooking', 'stopChains', o, ok({ stopped: 0 })),
      getChains: (o) => record('profitBooking', 'getChains', o, []),
    },
    reentry: {
      cancelMonitors: (o) => record('reentry', 'cancelMonitors', o, ok({ cancelled: 0 })),
      getMonitors: (o) => record('reentry', 'getMonitors', o, []),
    },
    telegram: { send: (o) => record('telegram', 'send', o, undefined) },
    analytics: {
      getSummary: (o) =>
        record('analytics', 'getSummary', o, { trades: 0, wins: 0, losses: 0, winRate: 0, pnl: 0, maxDrawdown: 0 }),
    },
    market: {
      getPrice: (o) => record('market', 'getPrice', o, prices.get(o.symbol)),
      getSymbolSpec: (o) => record('market', 'getSymbolSpec', o, SPECS[o.symbol]),
      toPips: (o) => {
        const spec = SPECS[o.symbol];
        return record('market', 'toPips', o, spec ? Math.round((o.distance / spec.pipSize) * 10) / 10 : undefined);
      },
      getSpread: (o) => {
        const spec = SPECS[o.symbol];
        const price = prices.get(o.symbol);
        if (!spec || !price) return record('market', 'getSpread', o, undefined);
        const spread = Math.round((price.ask - price.bid) * 1e8) / 1e8;
        const pips = Math.round((spread / spec.pipSize) * 10) / 10;
        return record('market', 'getSpread', o, { ...price, spread, pips });
      },
    },
    trends: {
      getTrends: (o) => record('trends', 'getTrends', o, trends.get(o.symbol) ?? {}),
      getTrend: (o) => record('trends', 'getTrend', o, (trends.get(o.symbol) ?? {})[o.timeframe]),
      checkAlignment: (o) => {
        const stored = trends.get(o.symbol) ?? {};
        const agreeing = o.timeframes.filter((tf) => stored[tf] === sign(o.direction)).length;
        const needed = o.minAgreeing ?? o.timeframes.length;
        const detail = o.timeframes.map((tf) => `${tf}:${stored[tf] ?? '?'}`).join(' ');
        return record('trends', 'checkAlignment', o, { aligned: agreeing >= needed, agreeing, detail });
      },
    },
    clock: { now },
    logger: pino({ level: 'silent' }),
  };
}
