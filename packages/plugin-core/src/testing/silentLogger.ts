import type { PluginLogger } from '../logger.js';

const quiet = (): void => undefined;

/** A logger that writes nothing, so test kits need no logger package (plugin-core carries no logger implementation). */
export const silentLogger: PluginLogger = {
  trace: quiet,
  debug: quiet,
  info: quiet,
  warn: quiet,
  error: quiet,
  fatal: quiet,
  child: () => silentLogger,
};
