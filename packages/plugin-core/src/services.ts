import type { Alert, Direction, MtfTrends, TrendValue } from './alerts.js';
import type { PluginLogger } from './logger.js';

/**
 * Service calls answer with a result instead of throwing, so a plugin can always tell a refusal (risk gate,
 * broker rejection) from a bug. `unknown` means the outcome could not be confirmed (a broker timeout); the
 * host reconciles it by client order id, so a plugin must never retry it blindly.
 */
export type ServiceResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly status: 'rejected' | 'unknown'; readonly code: string; readonly reason: string };

/** Which leg of a dual order: A rides the Pine SL to TP2, B uses a fixed-risk SL to TP1. */
export type OrderLeg = 'A' | 'B' | 'single' | `reentry-${number}` | `chain-${number}-${number}`;

/** What happens to a position after it opens, beyond its own SL/TP. */
export interface LifecycleOptions {
  /** Grow a profit-booking chain from this position (normally order B). */
  readonly profitChain?: boolean;
  /** Arm SL-hunt recovery for this many minutes after a stop-loss (0 or absent: off). */
  readonly slHuntWindowMinutes?: number;
  /** Re-enter when price runs on past the take-profit. */
  readonly tpContinuation?: boolean;
  /** Re-enter when price runs on after an exit alert closed the position. */
  readonly exitContinuation?: boolean;
  /** Trend timeframes (minutes) that must agree with the direction before a re-entry. */
  readonly alignmentTimeframes?: readonly number[];
  /** Move the stop-loss to break-even (entry ± `offsetPips`, in the position's favour) once a trigger fires. */
  readonly breakEven?: BreakEvenOptions;
  /** Close the position after it has been open this many minutes (persisted; survives restarts). */
  readonly maxHoldMinutes?: number;
}

/** When and where the engine moves a stop-loss to break-even. Give `afterSiblingTp`, `atPrice`, or both. */
export interface BreakEvenOptions {
  /** Pips beyond the entry, in the position's favour (2 → a buy's SL goes to entry + 2 pips). */
  readonly offsetPips: number;
  /** When the other leg of the same dual order closes at its take-profit. */
  readonly afterSiblingTp?: boolean;
  /** When the price reaches this level (a buy's bid at or above it, a sell's ask at or below it). */
  readonly atPrice?: number;
}

/** A request to open one market position. */
export interface PlaceOrderOptions {
  /** The alert behind the order; with the plugin and leg it derives the client order id. */
  readonly alert: Alert;
  readonly direction: Direction;
  /** Defaults to the alert's symbol. */
  readonly symbol?: string;
  readonly leg?: OrderLeg;
  /** Lots; when omitted the lot-sizing service decides (balance tier or risk-based). */
  readonly lots?: number;
  /** Multiplies the sized lots (per-logic multiplier, consensus multiplier). */
  readonly lotMultiplier?: number;
  readonly stopLoss?: number;
  readonly takeProfit?: number;
  readonly lifecycle?: LifecycleOptions;
  readonly comment?: string;
}

/** A request for the dual order: A (Pine SL, far target) and B (fixed-risk SL, near target). */
export interface PlaceDualOrderOptions {
  readonly alert: Alert;
  readonly direction: Direction;
  readonly symbol?: string;
  /** Which legs to open. */
  readonly legs: 'A' | 'B' | 'both';
  readonly orderA: { readonly stopLoss: number; readonly takeProfit?: number };
  /** B's SL defaults to a fixed-risk distance computed by the risk service. */
  readonly orderB: { readonly stopLoss?: number; readonly takeProfit?: number };
  readonly lotMultiplier?: number;
  /** When one leg fails: keep the other open, or close it so the pair stays whole. */
  readonly onLegFailure?: 'keep-other' | 'close-other';
  readonly lifecycle?: LifecycleOptions;
}

/** A position as a plugin sees it (only its own). */
export interface Position {
  readonly id: string;
  readonly clientOrderId: string;
  readonly plugin: string;
  readonly symbol: string;
  readonly direction: Direction;
  readonly leg: string;
  readonly lots: number;
  readonly entryPrice: number;
  readonly stopLoss?: number;
  readonly takeProfit?: number;
  readonly openedAt: string;
  readonly unrealizedPnl: number;
}

/** The outcome of a dual order: the legs that opened and why any did not. */
export interface DualOrderResult {
  readonly a?: Position;
  readonly b?: Position;
  readonly failures: readonly { readonly leg: 'A' | 'B'; readonly code: string; readonly reason: string }[];
}

/** The one order path: risk gate, intent, broker, result, lifecycle, events. Scoped to the calling plugin. */
export interface OrderExecutionService {
  placeOrder(options: PlaceOrderOptions): Promise<ServiceResult<Position>>;
  placeDualOrder(options: PlaceDualOrderOptions): Promise<ServiceResult<DualOrderResult>>;
  /** Closes this plugin's open positions that match; never another plugin's. */
  closePositions(options: {
    readonly symbol?: string;
    readonly direction?: Direction;
    readonly reason: string;
  }): Promise<ServiceResult<{ readonly closed: readonly string[]; readonly realizedPnl: number }>>;
  modifyPosition(options: {
    readonly positionId: string;
    readonly stopLoss?: number;
    readonly takeProfit?: number;
  }): Promise<ServiceResult<Position>>;
  getOpenPositions(options?: {
    readonly symbol?: string;
    readonly direction?: Direction;
  }): Promise<readonly Position[]>;
}

/** Risk state as the gate sees it. */
export interface RiskState {
  readonly paused: boolean;
  readonly balance: number;
  readonly tier: number;
  readonly dailyLoss: number;
  readonly dailyLossCap: number;
  readonly lifetimeLoss: number;
  readonly lifetimeLossCap: number;
  readonly openPositions: number;
  readonly blockedReason?: string;
}

/** Pre-trade checks, lot sizing and the state behind them. */
export interface RiskManagementService {
  /**
   * Whether an order of these lots would pass the risk gate now: pause, loss caps, and, with the levels given,
   * SL/TP sides, reward:risk and the worst case (open positions and this order at their stop-losses).
   */
  checkEntry(options: {
    readonly symbol: string;
    readonly lots: number;
    /** Defaults to buy. */
    readonly direction?: Direction;
    /** Defaults to the live quote on the side the order fills at. */
    readonly entryPrice?: number;
    readonly stopLoss?: number;
    readonly takeProfit?: number;
  }): Promise<ServiceResult<{ readonly allowed: true }>>;
  /** Lots for an entry: balance tier or risk-based from the SL distance, times multipliers, shrunk as the daily allowance is used. */
  calculateLots(options: {
    readonly symbol: string;
    readonly entryPrice?: number;
    readonly stopLoss?: number;
    readonly multiplier?: number;
  }): Promise<{ readonly lots: number; readonly basis: string }>;
  getState(): Promise<RiskState>;
}

/** A profit-booking chain as a plugin sees it. */
export interface ChainStatus {
  readonly id: string;
  readonly symbol: string;
  readonly direction: Direction;
  readonly level: number;
  readonly openOrders: number;
  readonly bookedPnl: number;
  readonly state: 'active' | 'completed' | 'stopped';
}

/** Profit-booking chains grown from order B. */
export interface ProfitBookingService {
  startChain(options: { readonly positionId: string }): Promise<ServiceResult<{ readonly chainId: string }>>;
  /** Stops this plugin's chains on the symbol; with `direction`, only that side's (an exit of sells keeps the buys' chains). */
  stopChains(options: {
    readonly symbol: string;
    readonly direction?: Direction;
    readonly reason: string;
  }): Promise<ServiceResult<{ readonly stopped: number }>>;
  getChains(options?: { readonly symbol?: string }): Promise<readonly ChainStatus[]>;
}

/** Re-entry monitors after stop-loss, take-profit or exit. */
export interface ReentryService {
  /** Cancels this plugin's armed monitors on the symbol; with `direction`, only that side's. */
  cancelMonitors(options: {
    readonly symbol: string;
    readonly direction?: Direction;
    readonly reason: string;
  }): Promise<ServiceResult<{ readonly cancelled: number }>>;
  getMonitors(options?: { readonly symbol?: string }): Promise<
    readonly {
      readonly id: string;
      readonly symbol: string;
      readonly kind: string;
      readonly level: number;
      readonly expiresAt: string;
    }[]
  >;
}

/** Operator notifications; written to the outbox, never awaited by the order path. */
export interface NotificationService {
  send(options: { readonly text: string; readonly kind?: string }): Promise<void>;
}

/** Performance figures. */
export interface AnalyticsSummary {
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly winRate: number;
  readonly pnl: number;
  readonly maxDrawdown: number;
}

/** Read-only performance figures for this plugin. */
export interface AnalyticsService {
  getSummary(options?: { readonly since?: string }): Promise<AnalyticsSummary>;
}

/** Pip size, pip value and contract size for one symbol. */
export interface SymbolSpec {
  readonly symbol: string;
  readonly pipSize: number;
  /** Value of one pip for one lot, in the account currency. */
  readonly pipValuePerLot: number;
  readonly contractSize: number;
  readonly minStopPips: number;
}

/** Prices and symbol specifications. */
export interface MarketService {
  getPrice(options: { readonly symbol: string }): Promise<{ readonly bid: number; readonly ask: number } | undefined>;
  getSymbolSpec(options: { readonly symbol: string }): Promise<SymbolSpec | undefined>;
  /** Price distance in pips, with the symbol's pip size. */
  toPips(options: { readonly symbol: string; readonly distance: number }): Promise<number | undefined>;
  /** The current bid/ask spread, in price units and in pips; undefined without a price or a symbol spec. */
  getSpread(options: { readonly symbol: string }): Promise<Spread | undefined>;
}

/** A symbol's spread at one moment. */
export interface Spread {
  readonly bid: number;
  readonly ask: number;
  /** ask − bid, in price units. */
  readonly spread: number;
  readonly pips: number;
}

/** The shared trend store, per symbol and timeframe. */
export interface TrendService {
  getTrends(options: { readonly symbol: string }): Promise<MtfTrends>;
  getTrend(options: { readonly symbol: string; readonly timeframe: number }): Promise<TrendValue | undefined>;
  /** Whether every listed timeframe agrees with the direction (1 for buy, -1 for sell). */
  checkAlignment(options: {
    readonly symbol: string;
    readonly direction: Direction;
    readonly timeframes: readonly number[];
    /** How many must agree; defaults to all. */
    readonly minAgreeing?: number;
  }): Promise<{ readonly aligned: boolean; readonly agreeing: number; readonly detail: string }>;
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
  readonly logger: PluginLogger;
}
