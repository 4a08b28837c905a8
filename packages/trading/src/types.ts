import type { AnalyticsSummary, Direction, PluginRiskBudget } from '@zepix/plugin-core';
import type { BrokerAdapter } from '@zepix/broker-api';
import type { SymbolBook } from '@zepix/symbols';
import type { Logger } from 'pino';
import type { TradingConfig } from './config.js';

/** The part of the trend store the engine needs: re-entries only fire when the trends agree. */
export interface TrendChecker {
  checkAlignment(options: {
    readonly symbol: string;
    readonly direction: Direction;
    readonly timeframes: readonly number[];
    readonly minAgreeing?: number;
  }): Promise<{ readonly aligned: boolean; readonly agreeing: number; readonly detail: string }>;
}

/** What TradingEngine.open needs. */
export interface TradingEngineOptions {
  /** SQLite file (created with its folder when missing); WAL mode. */
  readonly path: string;
  /** The broker every order goes to; the caller keeps ownership and closes it. */
  readonly broker: BrokerAdapter;
  readonly symbols: SymbolBook;
  readonly config: TradingConfig;
  readonly logger: Logger;
  readonly trends: TrendChecker;
  /** Clock for every timestamp and window; defaults to the system clock. */
  readonly now?: () => Date;
}

/** A price tick as the bot feeds it to `onPrice`. */
export interface Tick {
  readonly symbol: string;
  readonly bid: number;
  readonly ask: number;
  readonly time: string;
}

/** Where an order came from. */
export type TradeOrigin = 'alert' | 'chain' | 'reentry';

/** Life of one order/position row. */
export type TradeState = 'submitting' | 'open' | 'closed' | 'rejected' | 'unknown' | 'failed';

/** One order and the position it became, as the operator sees it. */
export interface TradeRow {
  readonly id: string;
  readonly clientOrderId: string;
  readonly plugin: string;
  readonly symbol: string;
  readonly direction: Direction;
  readonly leg: string;
  readonly origin: TradeOrigin;
  readonly state: TradeState;
  readonly requestedLots: number;
  readonly lots: number;
  readonly entryPrice: number | null;
  readonly stopLoss: number | null;
  readonly takeProfit: number | null;
  readonly brokerTradeId: string | null;
  readonly errorCode: string | null;
  readonly errorReason: string | null;
  readonly reentryLevel: number;
  readonly chainId: string | null;
  readonly chainLevel: number | null;
  readonly realizedPnl: number;
  readonly closePrice: number | null;
  /** Broker close reason: 'sl', 'tp' or 'manual'. */
  readonly closeReason: string | null;
  /** Why a requested close was made (exit alert, booked, operator, …). */
  readonly exitNote: string | null;
  /** Who closed it: the plugin id, 'operator' or 'broker'. */
  readonly closedBy: string | null;
  readonly createdAt: string;
  readonly openedAt: string | null;
  readonly closedAt: string | null;
}

/** Risk state across all plugins, for the REST API and the CLI. */
export interface RiskReport {
  readonly paused: boolean;
  readonly pauseReason: string | null;
  /** Last balance the broker reported (persisted), or null before the first one. */
  readonly balance: number | null;
  readonly tier: number;
  readonly dailyLoss: number;
  readonly dailyRealizedLoss: number;
  readonly dailyLossCap: number;
  readonly lifetimeLoss: number;
  readonly lifetimeRealizedLoss: number;
  readonly lifetimeLossCap: number;
  /** Open losses marked at the latest known prices. */
  readonly openLoss: number;
  readonly dailyResetAt: string;
  readonly openPositions: number;
  readonly openByPlugin: Readonly<Record<string, number>>;
  readonly ordersLastMinute: number;
  readonly blockedReason?: string;
  /** Each plugin with a risk budget: the budget and what it used today. */
  readonly budgets?: Readonly<Record<string, PluginBudgetReport>>;
}

/** One plugin's risk budget beside its use today. */
export interface PluginBudgetReport {
  readonly budget: PluginRiskBudget;
  readonly dailyLoss: number;
  readonly open: number;
  readonly tradesToday: number;
}

/** Performance on one day or one symbol. */
export interface AnalyticsBucket extends AnalyticsSummary {
  readonly key: string;
}

/** Figures for one scope (a plugin or everything). */
export interface AnalyticsScope extends AnalyticsSummary {
  readonly byDay: readonly AnalyticsBucket[];
  readonly bySymbol: readonly AnalyticsBucket[];
}

/** Analytics per plugin and overall. */
export interface AnalyticsReport {
  readonly overall: AnalyticsScope;
  readonly byPlugin: Readonly<Record<string, AnalyticsScope>>;
}

/** One notification waiting for (or done with) delivery. */
export interface OutboxRow {
  readonly id: number;
  readonly plugin: string;
  readonly kind: string;
  readonly text: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  readonly sentAt: string | null;
}
