export { TelegramRuntime } from './TelegramRuntime.js';
export type { NotifyOptions, TelegramRuntimeOptions } from './TelegramRuntime.js';
// The config schema and settings: their explicit list is in config.ts (`@zepix/telegram/config`).
export * from './config.js';
export type {
  Direction,
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
  OutboxPort,
  OutboxRowLike,
} from './ports.js';
export { TelegramError, TelegramErrorCode } from './errors.js';
export { AuditLog } from './AuditLog.js';
export type { AuditEntry, AuditOutcome } from './AuditLog.js';
export { roleForKind } from './routing.js';
export { COMMANDS, botCommands } from './commands/registry.js';
export type { CommandSpec } from './commands/types.js';
