import { IN_MEMORY_DATA_DIR } from '../BaseLogicPlugin.js';
import type { BaseLogicPlugin, LogicPluginClass, PluginContext } from '../BaseLogicPlugin.js';
import type { PluginDatabaseOpener } from '../database.js';
import { PluginConfigError } from '../errors.js';
import { validatePluginConfig } from '../pluginClass.js';
import type { PluginServices } from '../services.js';
import { noServices } from './noServices.js';
import { openTestDatabase } from './openTestDatabase.js';

/** Options for `createTestPlugin`. */
export interface CreateTestPluginOptions {
  readonly id?: string;
  /** The `plugins.<id>` section, validated exactly as the bot validates it. */
  readonly config?: Record<string, unknown>;
  /** Default: none (each trading service call fails); use createPluginHarness from @zepix/testing for the engine. */
  readonly services?: PluginServices;
  /** Defaults to `:memory:`; pass a folder to test the on-disk database. */
  readonly dataDir?: string;
  /** Opens `plugin.db`; defaults to better-sqlite3 (an optional peer: add it to your devDependencies). */
  readonly openDatabase?: PluginDatabaseOpener;
  readonly enabled?: boolean;
}

/**
 * Builds a plugin the way the bot does (config validated with defaults, child logger, metadata) with an in-memory
 * database and no trading services: for config, validation and lifecycle tests. To see what the plugin trades,
 * use `createPluginHarness` from `@zepix/testing`. Throws PluginConfigError listing every config issue.
 */
export async function createTestPlugin<P extends BaseLogicPlugin>(
  pluginClass: LogicPluginClass & (new (context: PluginContext<never>) => P),
  options: CreateTestPluginOptions = {},
): Promise<P> {
  const id = options.id ?? 'test-plugin';
  const parsed = validatePluginConfig(pluginClass, id, options.config);
  if (!parsed.ok) throw new PluginConfigError(parsed.error.issues, { plugin: id });
  const services = options.services ?? noServices(id);
  const plugin = new pluginClass({
    id,
    config: parsed.value.config as never,
    services,
    logger: services.logger.child({ plugin: id }),
    metadata: { packageName: `@zepix/plugin-${id}`, version: '0.0.0', apiVersion: 1 },
    dataDir: options.dataDir ?? IN_MEMORY_DATA_DIR,
    openDatabase: options.openDatabase ?? openTestDatabase,
    enabled: options.enabled ?? true,
  }) as P;
  await plugin.initialize();
  return plugin;
}
