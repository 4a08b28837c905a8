import type {
  Direction,
  MarketService,
  NotificationService,
  PluginServices,
  ProfitBookingService,
  ReentryService,
  RiskManagementService,
  RiskState,
  ServiceResult,
} from '@zepix/plugin-core';
import { TradingErrorCode, ok, rejected } from './errors.js';
import { orderExecutionFor } from './orderExecution.js';
import { entryPrice } from './Quotes.js';
import type { EngineParts } from './parts.js';

/** The services the trading engine provides; the bot adds `trends`, `clock` and `logger`. */
export type TradingServices = Omit<PluginServices, 'trends' | 'clock' | 'logger'>;

async function checkEntry(
  parts: EngineParts,
  plugin: string,
  options: Parameters<RiskManagementService['checkEntry']>[0],
): Promise<ServiceResult<{ readonly allowed: true }>> {
  const { ctx, gate } = parts;
  const { symbol, lots } = options;
  const direction = options.direction ?? 'buy';
  if (ctx.symbols.get(symbol) === undefined) {
    return rejected(
      TradingErrorCode.UnknownSymbol,
      `no symbol spec for "${symbol}". Fix: add it under symbols in the config`,
    );
  }
  const balance = await gate.prepare();
  if (balance === undefined) {
    return rejected(
      TradingErrorCode.NoAccount,
      `the broker "${ctx.broker.name}" reported no balance and none is known. Fix: check the broker connection`,
    );
  }
  if (!(lots > 0 && Number.isFinite(lots))) {
    return rejected(TradingErrorCode.InvalidLots, `lots ${lots} is not a positive size. Fix: pass positive lots`);
  }
  const tick = options.entryPrice === undefined ? await ctx.quotes.fresh(symbol) : undefined;
  const entry = options.entryPrice ?? (tick === undefined ? undefined : entryPrice(direction, tick));
  const check = {
    plugin,
    origin: 'alert' as const,
    symbol,
    direction,
    lots: ctx.symbols.normalizeLots(symbol, lots),
    ...(entry === undefined ? {} : { entry }),
    ...(options.stopLoss === undefined ? {} : { stopLoss: options.stopLoss }),
    ...(options.takeProfit === undefined ? {} : { takeProfit: options.takeProfit }),
  };
  const refusal = ctx.tx(() => gate.checkEntry(check, gate.figures(balance)));
  return refusal === undefined ? ok({ allowed: true as const }) : rejected(refusal.code, refusal.reason);
}

async function calculateLots(
  parts: EngineParts,
  options: Parameters<RiskManagementService['calculateLots']>[0],
): Promise<{ lots: number; basis: string }> {
  const { ctx, gate, sizer } = parts;
  if (ctx.symbols.get(options.symbol) === undefined) return { lots: 0, basis: `no symbol spec for ${options.symbol}` };
  const balance = await gate.prepare();
  if (balance === undefined) {
    return {
      lots: ctx.symbols.normalizeLots(options.symbol, 0),
      basis: 'no account balance known; the symbol minimum',
    };
  }
  const entry =
    options.entryPrice ?? (options.stopLoss === undefined ? undefined : (await ctx.quotes.fresh(options.symbol))?.bid);
  const slDistance =
    entry === undefined || options.stopLoss === undefined ? undefined : Math.abs(entry - options.stopLoss);
  const request = {
    symbol: options.symbol,
    ...(slDistance === undefined ? {} : { slDistance }),
    multiplier: options.multiplier ?? 1,
  };
  return sizer.size(request, gate.figures(balance));
}

async function riskState(parts: EngineParts, plugin: string): Promise<RiskState> {
  const { ctx, gate } = parts;
  const balance = (await gate.prepare()) ?? 0;
  const figures = gate.figures(balance);
  const blocked = gate.capRefusal(figures, false);
  return {
    paused: gate.pauseState().paused,
    balance,
    tier: figures.tier.balance,
    dailyLoss: figures.dailyLoss,
    dailyLossCap: figures.tier.daily_loss_cap,
    lifetimeLoss: figures.lifetimeLoss,
    lifetimeLossCap: figures.tier.lifetime_loss_cap,
    openPositions: ctx.positions.countOpen(plugin),
    ...(blocked === undefined ? {} : { blockedReason: blocked.reason }),
  };
}

function riskFor(parts: EngineParts, plugin: string): RiskManagementService {
  return {
    checkEntry: (options) => checkEntry(parts, plugin, options),
    calculateLots: (options) => calculateLots(parts, options),
    getState: () => riskState(parts, plugin),
  };
}

/** The plugin's chains or monitors on one symbol, and on one side when the plugin names it. */
function sideFilter(
  plugin: string,
  options: { readonly symbol: string; readonly direction?: Direction },
): { plugin: string; symbol: string; direction?: Direction } {
  return { plugin, symbol: options.symbol, ...(options.direction ? { direction: options.direction } : {}) };
}

function profitBookingFor(parts: EngineParts, plugin: string): ProfitBookingService {
  return {
    startChain: (options) => Promise.resolve(parts.chains.start(plugin, options.positionId)),
    stopChains: (options) =>
      Promise.resolve(ok({ stopped: parts.chains.stop(sideFilter(plugin, options), options.reason) })),
    getChains: (options = {}) => Promise.resolve(parts.chains.status(plugin, options.symbol)),
  };
}

function reentryFor(parts: EngineParts, plugin: string): ReentryService {
  return {
    cancelMonitors: (options) =>
      Promise.resolve(ok({ cancelled: parts.monitors.cancel(sideFilter(plugin, options), options.reason) })),
    getMonitors: (options = {}) => Promise.resolve(parts.monitors.list(plugin, options.symbol)),
  };
}

function telegramFor(parts: EngineParts, plugin: string): NotificationService {
  return {
    send(options) {
      parts.ctx.outbox.write({ plugin, kind: options.kind ?? 'plugin', text: options.text, payload: {} });
      return Promise.resolve();
    },
  };
}

function marketFor(parts: EngineParts): MarketService {
  const { ctx } = parts;
  return {
    async getPrice(options) {
      const tick = await ctx.quotes.fresh(options.symbol);
      return tick === undefined ? undefined : { bid: tick.bid, ask: tick.ask };
    },
    getSymbolSpec(options) {
      const spec = ctx.symbols.get(options.symbol);
      if (spec === undefined) return Promise.resolve(undefined);
      return Promise.resolve({
        symbol: spec.symbol,
        pipSize: spec.pipSize,
        pipValuePerLot: ctx.symbols.pipValuePerLot(spec.symbol),
        contractSize: spec.contractSize,
        minStopPips: spec.minStopPips,
      });
    },
    toPips(options) {
      if (ctx.symbols.get(options.symbol) === undefined) return Promise.resolve(undefined);
      return Promise.resolve(ctx.symbols.toPips(options.symbol, options.distance));
    },
    async getSpread(options) {
      if (ctx.symbols.get(options.symbol) === undefined) return undefined;
      const tick = await ctx.quotes.fresh(options.symbol);
      if (tick === undefined) return undefined;
      const spread = Math.round((tick.ask - tick.bid) * 1e8) / 1e8;
      return { bid: tick.bid, ask: tick.ask, spread, pips: ctx.symbols.toPips(options.symbol, spread) };
    },
  };
}

/** Every trading service, scoped to `plugin`: it sees, changes and closes only its own positions. */
export function servicesFor(parts: EngineParts, plugin: string): TradingServices {
  return {
    orderExecution: orderExecutionFor(parts, plugin),
    riskManagement: riskFor(parts, plugin),
    profitBooking: profitBookingFor(parts, plugin),
    reentry: reentryFor(parts, plugin),
    telegram: telegramFor(parts, plugin),
    analytics: {
      getSummary: (options = {}) =>
        Promise.resolve(parts.analytics.summary({ plugin, ...(options.since ? { since: options.since } : {}) })),
    },
    market: marketFor(parts),
  };
}
