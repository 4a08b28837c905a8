/** Stable codes for every error the plugin system raises; match on these, never on messages. */
export const PluginErrorCode = {
  Manifest: 'ZEPIX_PLUGIN_MANIFEST_INVALID',
  Compatibility: 'ZEPIX_PLUGIN_INCOMPATIBLE',
  Import: 'ZEPIX_PLUGIN_IMPORT_FAILED',
  Entry: 'ZEPIX_PLUGIN_ENTRY_INVALID',
  Config: 'ZEPIX_PLUGIN_CONFIG_INVALID',
  Init: 'ZEPIX_PLUGIN_INIT_FAILED',
  Duplicate: 'ZEPIX_PLUGIN_DUPLICATE_ID',
  NotFound: 'ZEPIX_PLUGIN_NOT_FOUND',
  Runtime: 'ZEPIX_PLUGIN_RUNTIME_ERROR',
  Timeout: 'ZEPIX_PLUGIN_TIMEOUT',
} as const;

/** One of the `ZEPIX_PLUGIN_*` codes. */
export type PluginErrorCode = (typeof PluginErrorCode)[keyof typeof PluginErrorCode];

/** Options shared by every plugin error. */
export interface PluginErrorOptions {
  /** The plugin id or package name the error is about, when known. */
  plugin?: string;
  /** What the user can do about it. Appended to the message. */
  hint?: string;
  cause?: unknown;
}

/** Base class of all plugin errors: a stable `code`, the plugin it concerns and a fix hint. */
export class PluginError extends Error {
  readonly code: PluginErrorCode;
  readonly plugin: string | undefined;
  readonly hint: string | undefined;

  constructor(code: PluginErrorCode, message: string, options: PluginErrorOptions = {}) {
    const where = options.plugin ? `plugin "${options.plugin}": ` : '';
    const fix = options.hint ? ` Fix: ${options.hint}` : '';
    super(`${where}${message}${fix}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.plugin = options.plugin;
    this.hint = options.hint;
  }
}

/** The `zepix` field in a plugin's package.json is missing pieces or malformed. */
export class PluginManifestError extends PluginError {
  constructor(message: string, options?: PluginErrorOptions) {
    super(PluginErrorCode.Manifest, message, options);
  }
}

/** The plugin targets another plugin API version or another @zepix/plugin-core range. */
export class PluginCompatibilityError extends PluginError {
  constructor(message: string, options?: PluginErrorOptions) {
    super(PluginErrorCode.Compatibility, message, options);
  }
}

/** Importing the plugin's module threw (a syntax error, a missing dependency, a throw at top level). */
export class PluginImportError extends PluginError {
  constructor(message: string, options?: PluginErrorOptions) {
    super(PluginErrorCode.Import, message, options);
  }
}

/** The export named by `zepix.entry` is missing or is not a Zepix logic plugin class. */
export class PluginEntryError extends PluginError {
  constructor(message: string, options?: PluginErrorOptions) {
    super(PluginErrorCode.Entry, message, options);
  }
}

/** The user's `plugins.<id>` settings do not match the plugin's config schema. */
export class PluginConfigError extends PluginError {
  /** Every problem found, as `path: message`. */
  readonly issues: readonly string[];

  constructor(issues: readonly string[], options?: PluginErrorOptions) {
    super(PluginErrorCode.Config, `invalid config:\n  - ${issues.join('\n  - ')}`, options);
    this.issues = issues;
  }
}

/** The plugin's constructor or `initialize()` threw or timed out. */
export class PluginInitError extends PluginError {
  constructor(message: string, options?: PluginErrorOptions) {
    super(PluginErrorCode.Init, message, options);
  }
}

/** A second plugin tried to register an id that is already taken. */
export class DuplicatePluginError extends PluginError {
  constructor(id: string, options?: PluginErrorOptions) {
    super(PluginErrorCode.Duplicate, `a plugin with id "${id}" is already registered`, {
      hint: 'give each plugin a unique "zepix.id" in its package.json, or remove one of the two packages',
      ...options,
    });
  }
}

/** An alert or command named a plugin id that is not registered. */
export class PluginNotFoundError extends PluginError {
  constructor(id: string, known: readonly string[]) {
    super(PluginErrorCode.NotFound, `no plugin with id "${id}" is registered`, {
      hint: known.length
        ? `use one of: ${known.join(', ')}`
        : 'install a plugin package (pnpm add @zepix/plugin-<id>) and restart',
    });
  }
}

/** A plugin method threw while handling an alert. */
export class PluginRuntimeError extends PluginError {
  constructor(message: string, options?: PluginErrorOptions) {
    super(PluginErrorCode.Runtime, message, options);
  }
}

/** A plugin method did not settle within its time budget. */
export class PluginTimeoutError extends PluginError {
  constructor(message: string, options?: PluginErrorOptions) {
    super(PluginErrorCode.Timeout, message, options);
  }
}

/** Turns anything thrown into a one-line description, without a stack. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
