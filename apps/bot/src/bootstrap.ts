import { createRequire } from 'node:module';
import { PluginRegistry } from '@zepix/plugin-core';
import type { PluginRegistryOptions } from '@zepix/plugin-core';
import type { Logger } from 'pino';
import type { BotConfig } from './config/configSchema.js';
import { configOrThrow, loadConfig } from './config/loadConfig.js';
import { findHostProject } from './discovery/hostProject.js';
import type { HostProject } from './discovery/hostProject.js';
import type { CreateServices } from './discovery/instantiatePlugin.js';
import { loadPlugins } from './discovery/loadPlugins.js';
import type { StartupReport } from './discovery/startupReport.js';
import { createPluginServices } from './services/createPluginServices.js';
import { resolveDataDir } from './runtime/dataDir.js';

/** Where the bot reads its config, plugins and data from; each falls back to its default. */
export interface BootstrapOptions {
  readonly configPath?: string;
  readonly projectDir?: string;
  readonly dataDir?: string;
  readonly cwd?: string;
  readonly logger: Logger;
  readonly only?: readonly string[];
  readonly createServices?: CreateServices;
  /** Builds the services once the config and data folder are known (the trading runtime needs both). */
  readonly servicesFactory?: (context: {
    readonly config: BotConfig;
    readonly dataDir: string;
  }) => Promise<CreateServices>;
  readonly registryOptions?: PluginRegistryOptions;
}

/** A bot with its plugins loaded, not yet serving. */
export interface Bootstrapped {
  readonly config: BotConfig;
  readonly configPath: string | undefined;
  readonly project: HostProject;
  readonly dataDir: string;
  readonly registry: PluginRegistry;
  readonly report: StartupReport;
}

/** The version of @zepix/plugin-core this bot was installed with; plugins' peer ranges are checked against it. */
export function hostCoreVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('@zepix/plugin-core/package.json') as { version: string }).version;
}

// Kept in runtime/dataDir.ts: `zepix start`'s main thread needs it without loading plugin discovery and trading.
export { resolveDataDir } from './runtime/dataDir.js';

/** Reads config, finds the host project and loads its plugins. Throws BotError only for a bad config or project. */
export async function bootstrap(options: BootstrapOptions): Promise<Bootstrapped> {
  const cwd = options.cwd ?? process.cwd();
  const { config, path } = configOrThrow(
    loadConfig({ cwd, ...(options.configPath ? { path: options.configPath } : {}) }),
  );
  const project = findHostProject({ cwd, ...(options.projectDir ? { projectDir: options.projectDir } : {}) });
  const dataDir = resolveDataDir(cwd, options.dataDir);
  const registry = new PluginRegistry({
    callTimeoutMs: config.plugin_system.call_timeout_ms,
    maxConsecutiveFailures: config.plugin_system.max_consecutive_failures,
    ...options.registryOptions,
  });
  const { report } = await loadPlugins({
    project,
    config,
    coreVersion: hostCoreVersion(),
    dataDir,
    logger: options.logger,
    createServices: options.servicesFactory
      ? await options.servicesFactory({ config, dataDir })
      : (options.createServices ?? createPluginServices()),
    registry,
    ...(options.only ? { only: options.only } : {}),
  });
  return { config, configPath: path, project, dataDir, registry, report };
}
