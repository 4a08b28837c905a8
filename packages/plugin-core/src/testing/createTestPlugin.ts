import { pino } from 'pino';
import { IN_MEMORY_DATA_DIR } from '../BaseLogicPlugin.js';
import type { BaseLogicPlugin, LogicPluginClass, PluginContext } from '../BaseLogicPlugin.js';
import { PluginConfigError } from '../errors.js';
import { validatePluginConfig } from '../pluginClass.js';
import type { PluginServices } from '../services.js';
import { noServices } from './noServices.js';

/** Options for `createTestPlugin`. */
export interface CreateTestPluginOptions {
  readonly id?: string;
  /** The `plugins.<id>` section, validated exactly as the bot validates it. */
  readonly config?: Record<string, unknown>;
  /** Default: none (each trading service call fails); use createPluginHarness from @zepix/testing for the engine. */
  readonly services?: PluginServices;
  /** Defaults to `:memory:`; pass a folder to test the on-disk database. */
  readonly dataDir?: string;
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
  if (!parsed.ok) throw new PluginConfigError(parsed.issues, { plugin: id });
  const plugin = new pluginClass({
    id,
    config: parsed.config as never,
    services: options.services ?? noServices(id),
    logger: pino({ level: 'silent' }).child({ plugin: id }),
    metadata: { packageName: `@zepix/plugin-${id}`, version: '0.0.0', apiVersion: 1 },
    dataDir: options.dataDir ?? IN_MEMORY_DATA_DIR,
    enabled: options.enabled ?? true,
  }) as P;
  await plugin.initialize();
  return plugin;
}
