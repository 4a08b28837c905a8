/** Stable codes for errors the bot itself raises (plugins have their own `ZEPIX_PLUGIN_*` codes). */
export const BotErrorCode = {
  ConfigNotFound: 'ZEPIX_CONFIG_NOT_FOUND',
  ConfigInvalid: 'ZEPIX_CONFIG_INVALID',
  ProjectNotFound: 'ZEPIX_PROJECT_NOT_FOUND',
  RequiredPluginFailed: 'ZEPIX_REQUIRED_PLUGIN_FAILED',
  Usage: 'ZEPIX_USAGE',
  Scaffold: 'ZEPIX_SCAFFOLD_FAILED',
  Unreachable: 'ZEPIX_BOT_UNREACHABLE',
  DataDirUnusable: 'ZEPIX_DATA_DIR_UNUSABLE',
  AlreadyRunning: 'ZEPIX_ALREADY_RUNNING',
  EngineFailed: 'ZEPIX_ENGINE_FAILED',
  EngineUnavailable: 'ZEPIX_ENGINE_UNAVAILABLE',
  /** The journal's own code, passed on when an engine command could not save because another process held it. */
  JournalLocked: 'ZEPIX_JOURNAL_LOCKED',
  BrokerRefused: 'ZEPIX_BROKER_REFUSED',
  SqliteBindingMissing: 'ZEPIX_SQLITE_BINDING_MISSING',
  ReplayInput: 'ZEPIX_REPLAY_INPUT_INVALID',
} as const;

/** One of the bot's error codes. */
export type BotErrorCode = (typeof BotErrorCode)[keyof typeof BotErrorCode];

/** An error the operator can fix: a code, what went wrong, and what to do. */
export class BotError extends Error {
  readonly code: BotErrorCode;
  readonly hint: string | undefined;

  constructor(code: BotErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(options.hint ? `${message}\nFix: ${options.hint}` : message, { cause: options.cause });
    this.name = 'BotError';
    this.code = code;
    this.hint = options.hint;
  }
}

/** The engine thread failed a command or did not answer; the API answers with `statusCode`. */
export class EngineError extends BotError {
  readonly statusCode: number;

  constructor(
    code: typeof BotErrorCode.EngineFailed | typeof BotErrorCode.EngineUnavailable | typeof BotErrorCode.JournalLocked,
    message: string,
    options: { hint?: string; statusCode?: number } = {},
  ) {
    super(code, message, options);
    this.name = 'EngineError';
    this.statusCode = options.statusCode ?? 503;
  }
}
