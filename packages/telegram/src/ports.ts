import type { Result } from '@zepix/result';

/** One notification row as the outbox hands it out; structurally the same as `@zepix/trading`'s OutboxRow. */
export interface OutboxRowLike {
  readonly id: number;
  readonly plugin: string;
  readonly kind: string;
  readonly text: string;
  readonly payload?: Readonly<Record<string, unknown>>;
  readonly createdAt?: string;
  readonly sentAt?: string | null;
}

/** The durable notification outbox the runtime relays: synchronous reads and marks (SQLite). */
export interface OutboxPort {
  pending(limit?: number): readonly OutboxRowLike[];
  markSent(ids: readonly number[]): void;
}

/** Trade direction as the operator sees it. */
export type Direction = 'buy' | 'sell';

/** What `/status` shows. */
export interface OperatorStatus {
  version: string;
  uptimeSeconds: number;
  pluginsLoaded: number;
  pluginsEnabled: number;
  paused: boolean;
  openPositions: number;
  alertsToday: number;
}

/** One plugin row for `/plugins`. */
export interface OperatorPlugin {
  id: string;
  version: string;
  enabled: boolean;
  processed: number;
  failed: number;
}

/** One open position for `/positions`. */
export interface OperatorPosition {
  id: string;
  plugin: string;
  symbol: string;
  direction: Direction;
  lots: number;
  entryPrice: number;
  stopLoss: number | null;
  takeProfit: number | null;
  unrealizedPnl: number;
}

/** One trade for `/trades`. */
export interface OperatorTrade {
  id: string;
  plugin: string;
  symbol: string;
  direction: Direction;
  lots: number;
  entryPrice: number | null;
  closePrice: number | null;
  realizedPnl: number;
  state: string;
  closedAt: string | null;
}

/** Risk state for `/risk`. */
export interface OperatorRisk {
  paused: boolean;
  balance: number | null;
  dailyLoss: number;
  dailyLossCap: number;
  lifetimeLoss: number;
  lifetimeLossCap: number;
  blockedReason?: string;
}

/** One stored trend for `/trends`; `timeframe` in minutes. */
export interface OperatorTrend {
  symbol: string;
  timeframe: number;
  trend: -1 | 0 | 1;
}

/** One profit-booking chain for `/chains`. */
export interface OperatorChain {
  id: string;
  symbol: string;
  direction: Direction;
  level: number;
  openOrders: number;
  bookedPnl: number;
  state: string;
}

/** Overall and per-plugin performance for `/pnl`. */
export interface OperatorPnl {
  trades: number;
  winRate: number;
  pnl: number;
  maxDrawdown: number;
  byPlugin: { plugin: string; trades: number; winRate: number; pnl: number }[];
}

/** One day's result per plugin for `/daily` and the scheduled summary. */
export interface OperatorDaily {
  date: string;
  byPlugin: { plugin: string; trades: number; wins: number; pnl: number }[];
  total: number;
}

/** The host's answer to a command: the value, or a coded error whose message is one sentence for the operator. */
export type OperatorResult<T = undefined> = Result<T>;

/** What the controller can ask of the host bot. Implemented by the host; every method is async and plain data. */
export interface OperatorPort {
  status(): Promise<OperatorStatus>;
  plugins(): Promise<OperatorPlugin[]>;
  setPluginEnabled(id: string, enabled: boolean): Promise<OperatorResult>;
  positions(): Promise<OperatorPosition[]>;
  trades(limit: number): Promise<OperatorTrade[]>;
  closeTrade(id: string): Promise<OperatorResult<{ pnl: number }>>;
  closeAll(): Promise<{ closed: number; failed: number }>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  risk(): Promise<OperatorRisk>;
  trends(symbol?: string): Promise<OperatorTrend[]>;
  chains(): Promise<OperatorChain[]>;
  pnl(): Promise<OperatorPnl>;
  daily(): Promise<OperatorDaily>;
}
