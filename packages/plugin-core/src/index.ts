export { z } from 'zod';
export { err, ok } from '@zepix/result';
export type { CodedError, Err, Ok, Result } from '@zepix/result';
export { PLUGIN_API_VERSION, PLUGIN_BRAND } from './apiVersion.js';
export type {
  Alert,
  AlertBase,
  AlertFamily,
  AlertKind,
  AlertLevels,
  Direction,
  EntryAlert,
  ExitAlert,
  InfoAlert,
  MtfTrends,
  ReversalAlert,
  SqueezeAlert,
  TrendAlert,
  TrendPulseAlert,
  TrendValue,
} from './alerts.js';
export { isInfoAlert } from './alerts.js';
export { BaseLogicPlugin, IN_MEMORY_DATA_DIR } from './BaseLogicPlugin.js';
export type { LogicPluginClass, PluginContext, SampleAlert } from './BaseLogicPlugin.js';
export type { PluginDatabase, PluginDatabaseOpener, PluginRunResult, PluginStatement } from './database.js';
export type { PluginLogFn, PluginLogger } from './logger.js';
export { closeSide, serviceFailure } from './closeSide.js';
export type { CloseSideOutcome } from './closeSide.js';
export { continueWith, countPositions, opposite, roundHalfUp } from './sides.js';
export { checkCompatibility, resolveWorkspaceRange } from './compatibility.js';
export type { CompatibilityResult } from './compatibility.js';
export {
  DuplicatePluginError,
  PluginCompatibilityError,
  PluginConfigError,
  PluginEntryError,
  PluginError,
  PluginErrorCode,
  PluginImportError,
  PluginInitError,
  PluginManifestError,
  PluginNotFoundError,
  PluginRuntimeError,
  PluginTimeoutError,
  describeError,
} from './errors.js';
export type { PluginErrorOptions } from './errors.js';
export { formatIssues } from './formatIssues.js';
export { PLUGIN_ID_PATTERN, ZepixManifestSchema, authorName, hasZepixManifest, parseManifest } from './manifest.js';
export type { ManifestResult, PluginPackageJson, ZepixManifest } from './manifest.js';
export { HOST_CONFIG_KEYS, checkPluginClass, validatePluginConfig } from './pluginClass.js';
export type { PluginClassCheck, PluginConfigResult, ValidPluginConfig } from './pluginClass.js';
export { PluginRiskBudgetSchema } from './riskBudget.js';
export type { PluginRiskBudget } from './riskBudget.js';
export { PluginRegistry, methodForAlert } from './PluginRegistry.js';
export type { DispatchResult, PluginMethod, PluginRegistryOptions } from './PluginRegistry.js';
export type {
  AlertValidation,
  PluginCounters,
  PluginMetadata,
  PluginResult,
  PluginResultStatus,
  PluginStatus,
  ValidationFailure,
} from './results.js';
export type {
  AnalyticsService,
  AnalyticsSummary,
  BreakEvenOptions,
  ChainStatus,
  Clock,
  DualOrderResult,
  LifecycleOptions,
  PlaceDualOrderOptions,
  RiskState,
  MarketService,
  NotificationService,
  OrderExecutionService,
  OrderLeg,
  PlaceOrderOptions,
  PluginServices,
  Position,
  ProfitBookingService,
  ReentryService,
  RiskManagementService,
  ServiceResult,
  Spread,
  SymbolSpec,
  TrendService,
} from './services.js';
export { TimeoutElapsed, withTimeout } from './withTimeout.js';
