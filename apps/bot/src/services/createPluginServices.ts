import type { PluginServices, ServiceResult } from '@zepix/plugin-core';
import type { Logger } from 'pino';

/** Code returned by trading services this build of the bot does not provide yet. */
export const SERVICE_UNAVAILABLE = 'ZEPIX_SERVICE_UNAVAILABLE';

function unavailable<T>(service: string): Promise<ServiceResult<T>> {
  return Promise.resolve({
    ok: false,
    status: 'rejected',
    code: SERVICE_UNAVAILABLE,
    reason: `${service} is not available in this build of the bot; no order was placed`,
  });
}

/** What the host shares with every plugin's services. */
export interface ServiceHost {
  readonly now?: () => Date;
}

/**
 * Builds one plugin's services: its own logger and the shared clock, without a trend store. Trading services answer with a clear
 * `rejected` result until a broker is configured, so a plugin never believes an order was placed.
 */
export function createPluginServices(host: ServiceHost = {}): (id: string, logger: Logger) => PluginServices {
  const now = host.now ?? (() => new Date());
  return (_id, logger) => ({
    logger,
    clock: { now },
    orderExecution: {
      placeOrder: () => unavailable('orderExecution.placeOrder'),
      placeDualOrder: () => unavailable('orderExecution.placeDualOrder'),
      closePositions: () => unavailable('orderExecution.closePositions'),
      modifyPosition: () => unavailable('orderExecution.modifyPosition'),
      getOpenPositions: () => Promise.resolve([]),
    },
    riskManagement: {
      checkEntry: () => unavailable('riskManagement.checkEntry'),
      calculateLots: () => Promise.resolve({ lots: 0, basis: 'no broker configured' }),
      getState: () =>
        Promise.resolve({
          paused: true,
          balance: 0,
          tier: 0,
          dailyLoss: 0,
          dailyLossCap: 0,
          lifetimeLoss: 0,
          lifetimeLossCap: 0,
          openPositions: 0,
          blockedReason: 'no broker configured',
        }),
    },
    profitBooking: {
      startChain: () => unavailable('profitBooking.startChain'),
      stopChains: () => unavailable('profitBooking.stopChains'),
      getChains: () => Promise.resolve([]),
    },
    reentry: {
      cancelMonitors: () => unavailable('reentry.cancelMonitors'),
      getMonitors: () => Promise.resolve([]),
    },
    telegram: {
      send: (o) => {
        logger.info({ notification: o.kind ?? 'message' }, o.text);
        return Promise.resolve();
      },
    },
    analytics: {
      getSummary: () => Promise.resolve({ trades: 0, wins: 0, losses: 0, winRate: 0, pnl: 0, maxDrawdown: 0 }),
    },
    market: {
      getPrice: () => Promise.resolve(undefined),
      getSymbolSpec: () => Promise.resolve(undefined),
      toPips: () => Promise.resolve(undefined),
      getSpread: () => Promise.resolve(undefined),
    },
    trends: {
      getTrends: () => Promise.resolve({}),
      getTrend: () => Promise.resolve(undefined),
      checkAlignment: () => Promise.resolve({ aligned: false, agreeing: 0, detail: 'no trend store' }),
    },
  });
}
