import { formatStartupReport } from '../discovery/startupReport.js';
import { startBot } from '../runtime/startBot.js';
import type { StartOptions } from '../runtime/startBot.js';
import { startupBanner } from '../runtime/banner.js';
import type { CommandIo } from './pluginsCommand.js';

/**
 * `zepix start`: runs the bot until SIGINT/SIGTERM. The first signal stops accepting and finishes in-flight work;
 * a second one exits at once.
 */
export async function startCommand(options: StartOptions, io: CommandIo): Promise<number> {
  // Listen before anything is announced: a signal sent right after "zepix started" must find the handler.
  const stopRequested = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  // Everything the bot creates (databases, their -wal/-shm files, secrets) is for its owner's eyes only.
  process.umask(0o077);
  const running = await startBot(options);
  io.out(formatStartupReport(running.bot.report));
  io.out(
    startupBanner({
      url: running.url,
      publicUrl: running.bot.config.server.public_url,
      secrets: running.secrets,
      dataDir: running.bot.dataDir,
      broker: running.bot.broker,
      enabledPlugins: (await running.engine.calls.plugins())
        .filter((status) => status.enabled)
        .map((status) => status.id),
    }),
  );
  options.logger.info(
    { url: running.url, plugins: running.bot.plugins, recovered: running.recovered },
    'zepix started',
  );
  const signal = await stopRequested;
  options.logger.info({ signal }, 'shutting down: finishing in-flight alerts (send the signal again to exit now)');
  const again = () => {
    options.logger.warn('second signal: exiting now');
    process.exit(130);
  };
  process.once('SIGINT', again);
  process.once('SIGTERM', again);
  await running.close();
  options.logger.info('stopped');
  return 0;
}
