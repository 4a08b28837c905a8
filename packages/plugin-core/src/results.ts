import type { CodedError } from '@zepix/result';

/** A failed validation: the code, every problem found (as `path: message`) and the same joined as the message. */
export interface ValidationFailure extends CodedError {
  readonly issues: readonly string[];
}

/** How a plugin call ended. */
export type PluginResultStatus = 'ok' | 'skipped' | 'rejected' | 'failed';

/** What a plugin method returns: a status, one readable sentence, and optional details for the journal. */
export interface PluginResult {
  readonly status: PluginResultStatus;
  readonly message: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Answer from `validateAlert`: accept, or refuse with a reason. */
export type AlertValidation = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Per-plugin counters, kept by the registry and shown in the status. */
export interface PluginCounters {
  processed: number;
  ok: number;
  skipped: number;
  rejected: number;
  failed: number;
  consecutiveFailures: number;
  lastError?: { readonly code: string; readonly message: string; readonly at: string };
  lastAlertAt?: string;
}

/** Package facts shown to the operator: from package.json and the manifest. */
export interface PluginMetadata {
  readonly packageName: string;
  readonly version: string;
  readonly description?: string;
  readonly author?: string;
  readonly apiVersion: number;
}

/** A plugin's state for status pages and commands. */
export interface PluginStatus {
  readonly id: string;
  readonly enabled: boolean;
  readonly metadata: PluginMetadata;
  readonly databasePath: string;
  readonly databaseOpen: boolean;
  readonly counters: Readonly<PluginCounters>;
}
