/**
 * The logger a plugin receives. The host passes its own (the bot: a pino child bound to `{ plugin: id }`, which
 * satisfies this interface as it is), so plugin-core carries no logger implementation.
 */

/** One log level: a message, or structured fields first and then a message. */
export interface PluginLogFn {
  (message: string): void;
  (fields: object, message?: string): void;
}

/** A structured logger with the usual levels; `child` binds fields to every line it writes. */
export interface PluginLogger {
  trace: PluginLogFn;
  debug: PluginLogFn;
  info: PluginLogFn;
  warn: PluginLogFn;
  error: PluginLogFn;
  fatal: PluginLogFn;
  child(bindings: Record<string, unknown>): PluginLogger;
}
