import type { Journal } from '@zepix/journal';
import type { StartupReport } from '../discovery/startupReport.js';
import type { EngineHealth } from '../engine/EngineClient.js';
import { BOT_VERSION } from '../version.js';
import type { BrokerIdentity } from './brokers/createBroker.js';

/** What both reports are built from: nothing here waits for the engine or a database lock. */
export interface StatusSources {
  readonly report: StartupReport;
  readonly engine: EngineHealth;
  readonly startedAt: number;
  /** Which broker, account and environment are in use. */
  readonly broker: BrokerIdentity;
}

function degradedReason(engine: EngineHealth): string | undefined {
  if (engine.status === 'running' || engine.status === 'starting') return undefined;
  const what = engine.status === 'stopped' ? 'stopped' : `not reported for ${Math.round(engine.silentMs / 1000)} s`;
  return `the engine has ${what}: alerts are journaled and answered but not traded until it recovers (or the bot restarts)`;
}

/** What /health adds: the journal's write probe (bounded by its short busy timeout), no other database read. */
export interface HealthSources extends StatusSources {
  readonly journal: Journal;
}

/**
 * /health: `ok` while the journal can write and the engine reports in; `starting` (200: alerts are journaled and
 * answered) until the engine has loaded its plugins and takes them. `degraded` with the reasons otherwise:
 * 503 when the journal cannot write (webhooks are answered 503 too), 200 when only the engine has gone quiet (a
 * plugin spinning, a stuck database) or stopped, because webhooks are still journaled and answered then.
 */
export function healthReport(sources: HealthSources): { httpStatus: number; body: Record<string, unknown> } {
  const { snapshot, status, silentMs } = sources.engine;
  const journal = sources.journal.health();
  const engineReason = degradedReason(sources.engine);
  const reasons = [...(journal.ok ? [] : [journal.error.message]), ...(engineReason ? [engineReason] : [])];
  return {
    httpStatus: journal.ok ? 200 : 503,
    body: {
      status: reasons.length > 0 ? 'degraded' : status === 'starting' ? 'starting' : 'ok',
      ...(reasons.length > 0 ? { reasons } : {}),
      version: BOT_VERSION,
      uptimeSeconds: Math.round((Date.now() - sources.startedAt) / 1000),
      plugins: { ...snapshot.plugins, failedToLoad: sources.report.failed },
      engine: { status, silentMs },
      broker: sources.broker,
    },
  };
}

/** The figures /api/status shows: the health, the journal's counts and the engine's queues. */
export function statusReport(sources: HealthSources): Record<string, unknown> {
  const { snapshot } = sources.engine;
  return {
    ...healthReport(sources).body,
    journal: sources.journal.counts(),
    dispatchQueue: snapshot.dispatchQueue,
    retrying: snapshot.retrying,
  };
}
