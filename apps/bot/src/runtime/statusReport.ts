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

/**
 * What /health shows: no database read, only the journal's write probe (bounded by its short busy timeout), so a
 * locked trading database cannot slow it and a journal that cannot write turns it `degraded` with the reason.
 */
export function healthReport(options: {
  readonly bot: Bootstrapped;
  readonly journal: Journal;
  readonly startedAt: number;
}): { httpStatus: number; body: Record<string, unknown> } {
  const statuses = options.bot.registry.statusAll();
  const journal = options.journal.health();
  return {
    httpStatus: journal.ok ? 200 : 503,
    body: {
      status: journal.ok ? 'ok' : 'degraded',
      ...(journal.ok ? {} : { reasons: [journal.reason] }),
      version: BOT_VERSION,
      uptimeSeconds: Math.round((Date.now() - options.startedAt) / 1000),
      plugins: {
        loaded: statuses.length,
        enabled: statuses.filter((s) => s.enabled).length,
        failedToLoad: options.bot.report.failed,
      },
    },
  };
}
