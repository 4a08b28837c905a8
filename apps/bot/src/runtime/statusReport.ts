import type { Journal } from '@zepix/journal';
import type { StartupReport } from '../discovery/startupReport.js';
import type { EngineHealth } from '../engine/EngineClient.js';
import { BOT_VERSION } from '../version.js';

/** What both reports are built from: nothing here waits for the engine or a database lock. */
export interface StatusSources {
  readonly report: StartupReport;
  readonly engine: EngineHealth;
  readonly startedAt: number;
}

function degradedReason(engine: EngineHealth): string | undefined {
  if (engine.status === 'running') return undefined;
  const what = engine.status === 'stopped' ? 'stopped' : `not reported for ${Math.round(engine.silentMs / 1000)} s`;
  return `the engine has ${what}: alerts are journaled and answered but not traded until it recovers (or the bot restarts)`;
}

/**
 * /health: `ok` while the engine reports in; `degraded` with the reason when it has gone quiet (a plugin spinning,
 * a stuck database) or stopped. Webhooks are still journaled and answered either way.
 */
export function healthReport(sources: StatusSources): Record<string, unknown> {
  const { snapshot, status, silentMs } = sources.engine;
  const reason = degradedReason(sources.engine);
  return {
    status: reason ? 'degraded' : 'ok',
    version: BOT_VERSION,
    uptimeSeconds: Math.round((Date.now() - sources.startedAt) / 1000),
    plugins: { ...snapshot.plugins, failedToLoad: sources.report.failed },
    engine: { status, silentMs },
    ...(reason ? { reason } : {}),
  };
}

/** The figures /api/status shows: the health, the journal's counts and the engine's queues. */
export function statusReport(sources: StatusSources & { readonly journal: Journal }): Record<string, unknown> {
  const { snapshot } = sources.engine;
  return {
    ...healthReport(sources),
    journal: sources.journal.counts(),
    dispatchQueue: snapshot.dispatchQueue,
    retrying: snapshot.retrying,
  };
}
