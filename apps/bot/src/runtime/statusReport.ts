import type { Journal } from '@zepix/journal';
import type { Bootstrapped } from '../bootstrap.js';
import type { Dispatcher } from '../dispatch/Dispatcher.js';
import { BOT_VERSION } from '../version.js';

/** The figures /health and /api/status show. */
export function statusReport(options: {
  readonly bot: Bootstrapped;
  readonly journal: Journal;
  readonly dispatcher: Dispatcher;
  readonly startedAt: number;
}): Record<string, unknown> {
  const statuses = options.bot.registry.statusAll();
  return {
    version: BOT_VERSION,
    uptimeSeconds: Math.round((Date.now() - options.startedAt) / 1000),
    plugins: {
      loaded: statuses.length,
      enabled: statuses.filter((s) => s.enabled).length,
      failedToLoad: options.bot.report.failed,
    },
    journal: options.journal.counts(),
    dispatchQueue: options.dispatcher.pending,
  };
}
