import { bootstrap } from '../bootstrap.js';
import type { BootstrapOptions } from '../bootstrap.js';
import { formatStartupReport } from '../discovery/startupReport.js';

/** Output sink, so tests and the CLI share one implementation. */
export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** `zepix plugins`: the discovered plugins with version and state, and the startup report. Returns the exit code. */
export async function pluginsCommand(
  options: BootstrapOptions & { readonly json?: boolean },
  io: CommandIo,
): Promise<number> {
  const bot = await bootstrap(options);
  try {
    if (options.json) {
      const plugins = bot.registry.statusAll();
      io.out(JSON.stringify({ report: bot.report, plugins }, null, 2));
    } else {
      io.out(formatStartupReport(bot.report));
      if (bot.configPath) io.out(`config: ${bot.configPath}`);
    }
    return bot.report.blocking.length > 0 ? 1 : 0;
  } finally {
    await bot.registry.shutdownAll();
  }
}
