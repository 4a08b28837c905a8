import { join } from 'node:path';
import { Journal } from '@zepix/journal';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { BotConfig } from '../config/configSchema.js';
import { configOrThrow, loadConfig } from '../config/loadConfig.js';
import type { LoadedConfig } from '../config/loadConfig.js';
import { summarize } from '../discovery/startupReport.js';
import type { StartupReport } from '../discovery/startupReport.js';
import { EngineClient } from '../engine/EngineClient.js';
import { BotMetrics } from '../metrics/BotMetrics.js';
import { measuredJournal } from '../metrics/instrument.js';
import { checkDataDir, lockDataDir, resolveDataDir } from './dataDir.js';
import type { DataDirLock } from './dataDir.js';
import { checkSecretEnv, loadSecrets } from './secrets.js';
import type { Secrets } from './secrets.js';
import type { BrokerIdentity } from './brokers/createBroker.js';

/** How long the intake thread's bookkeeping writes wait for another process's lock (as long as its intake writes). */
const INTAKE_BOOKKEEPING_WAIT_MS = 100;

/** Where and how to start; each falls back to config, environment, then default. */
export interface StartOptions {
  readonly configPath?: string;
  readonly projectDir?: string;
  readonly dataDir?: string;
  readonly cwd?: string;
  readonly port?: number;
  readonly host?: string;
  readonly logger: Logger;
  /** Environment for secrets and Telegram settings; defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Test hook: milliseconds added to the clock of plugins and trading (holding times, daily resets), read from a
   * shared buffer (one BigInt64) so a test can move the engine thread's clock while it runs.
   */
  readonly clockOffset?: SharedArrayBuffer;
  /** Test hook: journaled alerts in flight to the engine at most (default MAX_IN_FLIGHT); the rest wait in the journal. */
  readonly maxInFlight?: number;
}

/** What the intake knows of the bot: its config and what the engine loaded (filled in when it is ready). */
export interface BotView {
  readonly config: BotConfig;
  readonly configPath: string | undefined;
  readonly dataDir: string;
  readonly report: StartupReport;
  /** Ids of the plugins the engine loaded (none until it is ready). */
  readonly plugins: readonly string[];
  /** The broker the engine trades on. */
  readonly broker: BrokerIdentity;
}

/** A running bot: the intake on this thread, the engine on its worker thread. */
export interface RunningBot {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly secrets: Secrets;
  readonly bot: BotView;
  /** The intake's journal connection (writes requests, serves reads). */
  readonly journal: Journal;
  readonly engine: EngineClient;
  /** Alerts the last run left pending, queued by the engine before any newer alert. */
  readonly recovered: number;
  /** The intake's metrics (the engine keeps its own); undefined when ZEPIX_METRICS=off. */
  readonly metrics: BotMetrics | undefined;
  /** Stops accepting, drains the engine (it closes its databases), then closes the journal. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Spawns the engine thread: it loads plugins and queues the last run's pending rows, then takes the alerts handed
 * to it meanwhile. `ready` says when it has.
 */
function startEngine(options: StartOptions, cwd: string, dataDir: string, env: NodeJS.ProcessEnv, journal: Journal) {
  return EngineClient.start(
    {
      cwd,
      dataDir,
      ...(options.configPath ? { configPath: options.configPath } : {}),
      ...(options.projectDir ? { projectDir: options.projectDir } : {}),
      env: { ...env },
      logLevel: options.logger.level,
      heartbeatMs: 1000,
      ...(options.clockOffset ? { clockOffset: options.clockOffset } : {}),
    },
    { logger: options.logger, journal, ...(options.maxInFlight ? { maxInFlight: options.maxInFlight } : {}) },
  );
}

/**
 * Starts the bot: config and secrets are validated and the data folder checked and locked before anything is
 * created in it; then the journal, the engine thread (plugins, trading, recovery of unfinished alerts) and the HTTP
 * server. The port opens as soon as the journal can take alerts, while the engine still starts: an alert answered
 * 200 is in the journal, which is the engine's queue, and the engine takes every pending row before newer ones.
 * Resolves once the engine is ready too; if it fails to start, the server is closed and the failure thrown.
 */
export async function startBot(options: StartOptions): Promise<RunningBot> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const loaded = configOrThrow(loadConfig({ cwd, ...(options.configPath ? { path: options.configPath } : {}) }));
  checkSecretEnv(env);
  const dataDir = resolveDataDir(cwd, options.dataDir);
  checkDataDir(dataDir);
  const lock = lockDataDir(dataDir);
  try {
    return await startLocked({ options, cwd, dataDir, env, loaded, lock });
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function startLocked(parts: {
  readonly options: StartOptions;
  readonly cwd: string;
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly loaded: LoadedConfig;
  readonly lock: DataDirLock;
}): Promise<RunningBot> {
  const { options, cwd, dataDir, env, lock } = parts;
  const { config, path: configPath } = parts.loaded;
  const secrets = loadSecrets(dataDir, env);
  // ZEPIX_METRICS=off runs without recording anything (the bench measures what metrics cost against it).
  const metrics = env.ZEPIX_METRICS === 'off' ? undefined : new BotMetrics();
  const journal = measuredJournal(
    Journal.open({
      path: join(dataDir, 'zepix_journal.db'),
      synchronous: config.journal.synchronous,
      // Outcomes are written on this thread, which answers webhooks: a lock held by another process makes them
      // wait no longer than an intake write, and OutcomeWriter writes them again once it goes.
      bookkeepingBusyTimeoutMs: INTAKE_BOOKKEEPING_WAIT_MS,
    }),
    metrics,
  );
  // The engine thread loads plugins and databases while this thread loads the HTTP server's modules and listens.
  const started = startEngine(options, cwd, dataDir, env, journal);
  const engine = started.client;
  const view = startingView(config, configPath, dataDir);
  const ready = started.ready.then((info) => Object.assign(view, info) && info);
  // Handled here at once: the engine may fail before anything below awaits it.
  ready.catch(() => undefined);
  let serving: Omit<RunningBot, 'recovered'>;
  try {
    const { serveIntake } = await import('./serveIntake.js');
    serving = await serveIntake({ options, bot: view, journal, engine, secrets, metrics, lock, ready });
  } catch (error) {
    await engine.close();
    await journal.close();
    // The engine's own start-up failure says more than what it caused here.
    await ready;
    throw error;
  }
  try {
    return { ...serving, recovered: (await ready).recovered };
  } catch (error) {
    // Alerts answered 200 meanwhile stay pending in the journal for the next start.
    await serving.close();
    throw error;
  }
}

/** What the intake shows until the engine is ready: no plugins yet, the configured broker. */
function startingView(config: BotConfig, configPath: string | undefined, dataDir: string): BotView {
  return {
    config,
    configPath,
    dataDir,
    report: summarize({ name: '', dir: '', reason: 'the engine is starting' }, []),
    plugins: [],
    broker: { kind: config.broker.kind, account: '', environment: '' },
  };
}
