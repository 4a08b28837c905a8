import { bootstrap } from '../bootstrap.js';
import type { BootstrapOptions } from '../bootstrap.js';
import { formatStartupReport } from '../discovery/startupReport.js';
import { checkUpdates, formatUpdates, registryUrl } from './checkUpdates.js';

/** Output sink, so tests and the CLI share one implementation. */
export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/**
 * `zepix plugins`: the discovered plugins with their installed version and state, and the startup report; with
 * `checkUpdates`, also the newest published version each plugin's range takes (one registry request per plugin).
 * Returns the exit code.
 */
export async function pluginsCommand(
  options: BootstrapOptions & { readonly json?: boolean; readonly checkUpdates?: boolean },
  io: CommandIo,
): Promise<number> {
  const bot = await bootstrap(options);
  try {
    const registry = registryUrl();
    const updates = options.checkUpdates
      ? await checkUpdates(bot.report, bot.project.dependencies, registry)
      : undefined;
    if (options.json) {
      const plugins = bot.registry.statusAll();
      io.out(JSON.stringify({ report: bot.report, plugins, ...(updates ? { updates } : {}) }, null, 2));
    } else {
      io.out(formatStartupReport(bot.report));
      if (bot.configPath) io.out(`config: ${bot.configPath}`);
      if (updates) io.out(formatUpdates(updates, registry));
    }
    return bot.report.blocking.length > 0 ? 1 : 0;
  } finally {
    await bot.registry.shutdownAll();
  }
}
