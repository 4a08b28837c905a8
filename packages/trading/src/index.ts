export { clientOrderId, alertKey, chainOrderId, reentryOrderId, MAX_CLIENT_ORDER_ID_LENGTH } from './clientOrderId.js';
export { DEFAULT_RISK_TIERS, RiskTierSchema, TradingConfigSchema } from './config.js';
export type { RiskTier, TradingConfig, TradingConfigInput } from './config.js';
export { orderBStopDistance, symbolClass } from './DualOrders.js';
export { TradingClosedError, TradingErrorCode } from './errors.js';
export type { CloseError, CloseOutcome } from './Closer.js';
export type { ReconcileReport, UnknownBrokerTrade } from './reconcile.js';
export { openPluginDatabase } from './openPluginDatabase.js';
export { lastDailyReset, tierFor } from './riskTiers.js';
export { SCHEMA_VERSION } from './schema.js';
export type { TradingServices } from './servicesFor.js';
export { TradingEngine } from './TradingEngine.js';
export type {
  AnalyticsBucket,
  AnalyticsReport,
  AnalyticsScope,
  OutboxRow,
  PluginBudgetReport,
  RiskReport,
  Tick,
  TradeOrigin,
  TradeRow,
  TradeState,
  TradingEngineOptions,
  TrendChecker,
} from './types.js';
