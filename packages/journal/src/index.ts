export { Journal } from './Journal.js';
export { JournalError, JournalErrorCode } from './errors.js';
export { SCHEMA_VERSION } from './schema.js';
export type {
  AcceptedEntry,
  AlertRow,
  AlertRowStatus,
  AlertWithOutcomes,
  AppendResult,
  JournalCounts,
  JournalHealth,
  JournalOptions,
  JournalStats,
  ListOptions,
  OutcomeInput,
  OutcomeRow,
  PluginStateRow,
  RejectedEntry,
} from './types.js';
