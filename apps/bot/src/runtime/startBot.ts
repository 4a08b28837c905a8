import { join } from 'node:path';
import { Journal } from '@zepix/journal';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { resolveDataDir } from '../bootstrap.js';
import type { BotConfig } from '../config/configSchema.js';
import { configOrThrow, loadConfig } from '../config/loadConfig.js';
import type { LoadedConfig } from '../config/loadConfig.js';
import type { StartupReport } from '../discovery/startupReport.js';
import { EngineClient } from '../engine/EngineClient.js';
import { BotMetrics } from '../metrics/BotMetrics.js';
import { measuredJournal } from '../metrics/instrument.js';
import { checkDataDir, lockDataDir } from './dataDir.js';
import type { DataDirLock } from './dataDir.js';
import { checkSecretEnv, loadSecrets } from './secrets.js';
import type { Secrets } from './secrets.js';
import type { BrokerIdentity } from './brokers/createBroker.js';

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
}

/** What the intake knows of the bot: its config and what the engine loaded. */
export interface BotView {
  readonly config: BotConfig;
  readonly configPath: string | undefined;
  readonly dataDir: string;
  readonly report: StartupReport;
  /** Ids of the plugins the engine loaded. */
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

/** Starts the engine thread: it loads plugins and queues the last run's pending rows before answering ready. */
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
    { logger: options.logger, journal },
  );
}

/**
 * Starts the bot: config and secrets are validated and the data folder checked and locked before anything is
 * created in it; then the engine thread (plugins, trading, recovery of unfinished alerts), the journal, then the
 * HTTP server. The port opens once the engine has queued every alert the last run left unfinished.
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
    Journal.open({ path: join(dataDir, 'zepix_journal.db'), synchronous: config.journal.synchronous }),
    metrics,
  );
  // The engine thread loads plugins and databases while this thread loads the HTTP server's modules.
  const starting = startEngine(options, cwd, dataDir, env, journal);
  const serving = import('./serveIntake.js');
  let started: Awaited<ReturnType<typeof startEngine>>;
  try {
    started = await starting;
  } catch (error) {
    await journal.close();
    throw error;
  }
  const { client: engine, ready } = started;
  const bot: BotView = {
    config,
    configPath,
    dataDir,
    report: ready.report,
    plugins: ready.plugins,
    broker: ready.broker,
  };
  const { serveIntake } = await serving;
  return serveIntake({ options, bot, journal, engine, secrets, metrics, lock, recovered: ready.recovered });
}
