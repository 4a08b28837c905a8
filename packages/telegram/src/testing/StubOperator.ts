import { err, ok } from '@zepix/result';
import type {
  OperatorChain,
  OperatorDaily,
  OperatorPlugin,
  OperatorPnl,
  OperatorPort,
  OperatorPosition,
  OperatorResult,
  OperatorRisk,
  OperatorStatus,
  OperatorTrade,
  OperatorTrend,
} from '../ports.js';

/** One recorded call on the stub. */
export interface OperatorCall {
  readonly method: keyof OperatorPort;
  readonly args: readonly unknown[];
}

/** The stub's data; tests change it freely. */
export interface StubOperatorData {
  status: OperatorStatus;
  plugins: OperatorPlugin[];
  positions: OperatorPosition[];
  trades: OperatorTrade[];
  risk: OperatorRisk;
  trends: OperatorTrend[];
  chains: OperatorChain[];
  pnl: OperatorPnl;
  daily: OperatorDaily;
}

const position = (id: string, symbol: string, direction: 'buy' | 'sell', pnl: number): OperatorPosition => ({
  id,
  plugin: 'combined-v3',
  symbol,
  direction,
  lots: 0.1,
  entryPrice: symbol === 'XAUUSD' ? 2650.1 : 1.0842,
  stopLoss: symbol === 'XAUUSD' ? 2645 : null,
  takeProfit: symbol === 'XAUUSD' ? 2660 : null,
  unrealizedPnl: pnl,
});

/** Plausible data: two plugins, two open positions, one closed trade. */
export function defaultOperatorData(): StubOperatorData {
  return {
    status: {
      version: '0.1.0',
      uptimeSeconds: 7380,
      pluginsLoaded: 2,
      pluginsEnabled: 1,
      paused: false,
      openPositions: 2,
      alertsToday: 17,
    },
    plugins: [
      { id: 'combined-v3', version: '1.2.0', enabled: true, processed: 40, failed: 1 },
      { id: 'price-action', version: '0.3.1', enabled: false, processed: 3, failed: 0 },
    ],
    positions: [position('12', 'XAUUSD', 'buy', 12.3), position('13', 'EURUSD', 'sell', -4)],
    trades: [
      {
        id: '9',
        plugin: 'combined-v3',
        symbol: 'XAUUSD',
        direction: 'buy',
        lots: 0.1,
        entryPrice: 2640,
        closePrice: 2647,
        realizedPnl: 70,
        state: 'closed',
        closedAt: '2025-01-02T10:00:00.000Z',
      },
    ],
    risk: {
      paused: false,
      balance: 10_000,
      dailyLoss: 25,
      dailyLossCap: 200,
      lifetimeLoss: 120,
      lifetimeLossCap: 1000,
    },
    trends: [
      { symbol: 'XAUUSD', timeframe: 60, trend: 1 },
      { symbol: 'XAUUSD', timeframe: 15, trend: -1 },
      { symbol: 'EURUSD', timeframe: 240, trend: 0 },
    ],
    chains: [{ id: '3', symbol: 'XAUUSD', direction: 'buy', level: 2, openOrders: 2, bookedPnl: 14, state: 'active' }],
    pnl: {
      trades: 10,
      winRate: 0.6,
      pnl: 245.5,
      maxDrawdown: 80,
      byPlugin: [{ plugin: 'combined-v3', trades: 10, winRate: 0.6, pnl: 245.5 }],
    },
    daily: { date: '2025-01-02', byPlugin: [{ plugin: 'combined-v3', trades: 4, wins: 3, pnl: 61.2 }], total: 61.2 },
  };
}

/** An OperatorPort for tests: canned data, every call recorded, any method can be made to throw. */
export class StubOperator implements OperatorPort {
  readonly data: StubOperatorData;
  readonly calls: OperatorCall[] = [];
  /** Methods that throw this error instead of answering. */
  readonly failing = new Map<keyof OperatorPort, Error>();

  constructor(data: Partial<StubOperatorData> = {}) {
    this.data = { ...defaultOperatorData(), ...data };
  }

  /** Calls of one method. */
  callsOf(method: keyof OperatorPort): OperatorCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  #answer<T>(method: keyof OperatorPort, args: unknown[], produce: () => T): Promise<T> {
    this.calls.push({ method, args });
    const error = this.failing.get(method);
    return error ? Promise.reject(error) : Promise.resolve().then(produce);
  }

  status(): Promise<OperatorStatus> {
    return this.#answer('status', [], () => ({ ...this.data.status, paused: this.data.risk.paused }));
  }

  plugins(): Promise<OperatorPlugin[]> {
    return this.#answer('plugins', [], () => this.data.plugins.map((p) => ({ ...p })));
  }

  positions(): Promise<OperatorPosition[]> {
    return this.#answer('positions', [], () => [...this.data.positions]);
  }

  trades(limit: number): Promise<OperatorTrade[]> {
    return this.#answer('trades', [limit], () => this.data.trades.slice(0, limit));
  }

  risk(): Promise<OperatorRisk> {
    return this.#answer('risk', [], () => ({ ...this.data.risk }));
  }

  trends(symbol?: string): Promise<OperatorTrend[]> {
    return this.#answer('trends', [symbol], () => this.data.trends.filter((t) => !symbol || t.symbol === symbol));
  }

  chains(): Promise<OperatorChain[]> {
    return this.#answer('chains', [], () => [...this.data.chains]);
  }

  pnl(): Promise<OperatorPnl> {
    return this.#answer('pnl', [], () => this.data.pnl);
  }

  daily(): Promise<OperatorDaily> {
    return this.#answer('daily', [], () => this.data.daily);
  }

  setPluginEnabled(id: string, enabled: boolean): Promise<OperatorResult> {
    return this.#answer('setPluginEnabled', [id, enabled], (): OperatorResult => {
      const plugin = this.data.plugins.find((p) => p.id === id);
      if (!plugin) return err({ code: 'ZEPIX_PLUGIN_NOT_FOUND', message: `no plugin "${id}"` });
      plugin.enabled = enabled;
      return ok();
    });
  }

  closeTrade(id: string): Promise<OperatorResult<{ pnl: number }>> {
    return this.#answer('closeTrade', [id], (): OperatorResult<{ pnl: number }> => {
      const open = this.data.positions.find((p) => p.id === id);
      if (!open) return err({ code: 'ZEPIX_POSITION_NOT_FOUND', message: `trade ${id} is not open` });
      this.data.positions = this.data.positions.filter((p) => p.id !== id);
      return ok({ pnl: open.unrealizedPnl });
    });
  }

  closeAll(): Promise<{ closed: number; failed: number }> {
    return this.#answer('closeAll', [], () => {
      const closed = this.data.positions.length;
      this.data.positions = [];
      return { closed, failed: 0 };
    });
  }

  pause(): Promise<void> {
    return this.#answer('pause', [], () => {
      this.data.risk.paused = true;
    });
  }

  resume(): Promise<void> {
    return this.#answer('resume', [], () => {
      this.data.risk.paused = false;
    });
  }
}
