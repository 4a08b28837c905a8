import { PluginErrorCode, checkPluginClass, describeError, validatePluginConfig } from '@zepix/plugin-core';
import type {
  BaseLogicPlugin,
  PluginMetadata,
  PluginRiskBudget,
  PluginServices,
  ZepixManifest,
} from '@zepix/plugin-core';
import { openPluginDatabase } from '@zepix/trading';
import type { Logger } from 'pino';
import type { BotConfig, PluginSection } from '../config/configSchema.js';
import { importPluginModule } from './importPluginModule.js';
import type { DependencyPackage } from './readDependencyPackage.js';
import type { LoadStage } from './startupReport.js';

/** Builds one plugin's services; `riskBudget` is its `plugins.<id>.risk` laid over the class's defaults. */
export type CreateServices = (
  id: string,
  logger: Logger,
  options?: { readonly riskBudget: PluginRiskBudget },
) => PluginServices;

/** Inputs for the import → entry → config → construct stages. */
export interface InstantiateOptions {
  readonly dep: DependencyPackage;
  readonly manifest: ZepixManifest;
  readonly metadata: PluginMetadata;
  readonly config: BotConfig;
  readonly dataDir: string;
  readonly logger: Logger;
  readonly createServices: CreateServices;
}

/** A constructed plugin, or the stage that failed. */
export type InstantiateResult =
  | { readonly ok: true; readonly plugin: BaseLogicPlugin }
  | {
      readonly ok: false;
      readonly stage: LoadStage;
      readonly code: string;
      readonly message: string;
      readonly hint: string;
    };

/** Imports the plugin module, checks the entry class by brand, validates its config and constructs it. */
export async function instantiatePlugin(options: InstantiateOptions): Promise<InstantiateResult> {
  const { dep, manifest } = options;
  const imported = await importPluginModule(dep);
  if (!imported.ok) {
    const { reason, hint } = imported;
    return { ok: false, stage: 'import', code: PluginErrorCode.Import, message: reason, hint };
  }
  const cls = checkPluginClass(imported.module[manifest.entry]);
  if (!cls.ok) {
    const exported = Object.keys(imported.module).join(', ') || 'nothing';
    return {
      ok: false,
      stage: 'entry',
      code: PluginErrorCode.Entry,
      message: `export "${manifest.entry}" ${cls.error.message}`,
      hint: `set "zepix.entry" to the exported class that extends BaseLogicPlugin (the module exports: ${exported})`,
    };
  }
  const section: PluginSection = options.config.plugins[manifest.id] ?? { required: false };
  const parsed = validatePluginConfig(cls.value, manifest.id, section);
  if (!parsed.ok) {
    return {
      ok: false,
      stage: 'config',
      code: PluginErrorCode.Config,
      message: parsed.error.message,
      hint: `correct plugins.${manifest.id} in zepix.config.json (see the plugin's README for its settings)`,
    };
  }
  const logger = options.logger.child({ plugin: manifest.id });
  try {
    const plugin = new cls.value({
      id: manifest.id,
      config: parsed.value.config as never,
      services: options.createServices(manifest.id, logger, { riskBudget: parsed.value.riskBudget }),
      logger,
      metadata: options.metadata,
      dataDir: options.dataDir,
      openDatabase: openPluginDatabase,
      ...(section.enabled === undefined ? {} : { enabled: section.enabled }),
    });
    return { ok: true, plugin };
  } catch (error) {
    return {
      ok: false,
      stage: 'init',
      code: PluginErrorCode.Init,
      message: `constructor threw: ${describeError(error)}`,
      hint: 'keep the constructor free of I/O; do set-up work in initialize()',
    };
  }
}
