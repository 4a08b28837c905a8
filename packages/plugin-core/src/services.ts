import type { Logger } from 'pino';
import type { Alert, Direction, MtfTrends, TrendValue } from './alerts.js';

/**
 * Service calls answer with a result instead of throwing, so a plugin can always tell a refusal (risk gate,
 * broker rejection) from a bug. `unknown` means the outcome could not be confirmed (a broker timeout); the
 * host reconciles it, so a plugin must never retry it blindly.
 */
export type ServiceResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly status: 'rejected' | 'unknown'; readonly code: string; readonly reason: string };

/** Which leg of a dual order: A rides the Pine SL to TP2, B uses a fixed-risk SL to TP1. */
export type OrderLeg = 'A' | 'B' | 'single';

/** A request to open a market position. */
export interface PlaceOrderOptions {
  /** The alert behind the order; with the plugin and leg it derives the client order id. */
  readonly alert: Alert;
  readonly symbol: string;
  readonly direction: Direction;
  readonly leg?: OrderLeg;
  /** Lots; when omitted the lot-sizing service decides. */
  readonly lots?: number;
  readonly stopLoss?: number;
  readonly takeProfit?: number;
  readonly comment?: string;
}

/** A position as a plugin sees it (only its own). */
export interface Position {
  readonly id: string;
  readonly clientOrderId: string;
  readonly plugin: string;
  readonly symbol: string;
  readonly direction: Direction;
  readonly lots: number;
  readonly entryPrice: number;
  readonly stopLoss?: number;
  readonly takeProfit?: number;
  readonly openedAt: string;
  readonly unrealizedPnl: number;
}

/** The one order path: risk gate, intent, broker, result, lifecycle, events. */
export interface OrderExecutionService {
  placeOrder(options: PlaceOrderOptions): Promise<ServiceResult<Position>>;
  closePositions(options: {
    readonly symbol?: string;
    readonly direction?: Direction;
    readonly reason: string;
  }): Promise<ServiceResult<{ readonly closed: readonly string[] }>>;
  modifyPosition(options: {
    readonly positionId: string;
    readonly stopLoss?: number;
    readonly takeProfit?: number;
  }): Promise<ServiceResult<Position>>;
  getOpenPositions(options?: { readonly symbol?: string }): Promise<readonly Position[]>;
}

/** Pre-trade checks and the state behind them. */
export interface RiskManagementService {
  checkEntry(options: {
    readonly symbol: string;
    readonly lots: number;
  }): Promise<ServiceResult<{ readonly allowed: true }>>;
  getState(): Promise<{
    readonly paused: boolean;
    readonly dailyLoss: number;
    readonly dailyLossCap: number;
    readonly lifetimeLoss: number;
    readonly lifetimeLossCap: number;
  }>;
}

/** Profit-booking chains grown from order B. */
export interface ProfitBookingService {
  startChain(options: { readonly positionId: string }): Promise<ServiceResult<{ readonly chainId: string }>>;
  stopChains(options: {
    readonly symbol: string;
    readonly reason: string;
  }): Promise<ServiceResult<{ readonly stopped: number }>>;
}

/** Re-entry monitors after stop-loss, take-profit or exit. */
export interface ReentryService {
  armMonitor(options: {
    readonly positionId: string;
    readonly kind: 'sl_hunt' | 'tp_continuation' | 'exit_continuation';
    readonly windowMinutes: number;
  }): Promise<ServiceResult<{ readonly monitorId: string }>>;
  cancelMonitors(options: { readonly symbol: string }): Promise<ServiceResult<{ readonly cancelled: number }>>;
}

/** Operator notifications; queued through the outbox, never awaited by the order path. */
export interface NotificationService {
  send(options: { readonly text: string; readonly kind?: string }): Promise<void>;
}

/** Read-only performance figures. */
export interface AnalyticsService {
  getSummary(options?: { readonly since?: string }): Promise<{
    readonly trades: number;
    readonly winRate: number;
    readonly pnl: number;
    readonly maxDrawdown: number;
  }>;
}

/** Pip size, pip value and contract size for one symbol. */
export interface SymbolSpec {
  readonly symbol: string;
  readonly pipSize: number;
  readonly pipValuePerLot: number;
  readonly contractSize: number;
  readonly minStopPips: number;
}

/** Prices and symbol specifications. */
export interface MarketService {
  getPrice(options: { readonly symbol: string }): Promise<{ readonly bid: number; readonly ask: number } | undefined>;
  getSymbolSpec(options: { readonly symbol: string }): Promise<SymbolSpec | undefined>;
}

/** The shared trend store, per symbol and timeframe. */
export interface TrendService {
  getTrends(options: { readonly symbol: string }): Promise<MtfTrends>;
  getTrend(options: { readonly symbol: string; readonly timeframe: number }): Promise<TrendValue | undefined>;
}

/** Time, injectable so tests can move it. */
export interface Clock {
  now(): Date;
}

/** Everything a plugin may call. The host builds one instance per plugin, scoped to that plugin. */
export interface PluginServices {
  readonly orderExecution: OrderExecutionService;
  readonly riskManagement: RiskManagementService;
  readonly profitBooking: ProfitBookingService;
  readonly reentry: ReentryService;
  readonly telegram: NotificationService;
  readonly analytics: AnalyticsService;
  readonly market: MarketService;
  readonly trends: TrendService;
  readonly clock: Clock;
  readonly logger: Logger;
}
