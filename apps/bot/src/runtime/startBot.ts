import { join } from 'node:path';
import { Journal } from '@zepix/journal';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { resolveDataDir } from '../bootstrap.js';
import type { BotConfig } from '../config/configSchema.js';
import { loadConfig } from '../config/loadConfig.js';
import type { StartupReport } from '../discovery/startupReport.js';
import { EngineClient } from '../engine/EngineClient.js';
import { BotError, BotErrorCode } from '../errors.js';
import { Intake } from '../intake/Intake.js';
import { PriceGuard } from '../intake/PriceGuard.js';
import { BotMetrics } from '../metrics/BotMetrics.js';
import { measuredJournal } from '../metrics/instrument.js';
import { createServer } from '../server/createServer.js';
import { dashboardAssets } from '../server/dashboardRoutes.js';
import type { ServerDeps } from '../server/createServer.js';
import { checkDataDir, lockDataDir } from './dataDir.js';
import type { DataDirLock } from './dataDir.js';
import { checkSecretEnv, loadSecrets } from './secrets.js';
import type { Secrets } from './secrets.js';
import type { BrokerIdentity } from './brokers/createBroker.js';
import { healthReport, statusReport } from './statusReport.js';

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

function portFrom(options: StartOptions, configured: number): number {
  const raw = options.port ?? process.env.ZEPIX_PORT;
  if (raw === undefined) return configured;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new BotError(BotErrorCode.ConfigInvalid, `ZEPIX_PORT "${String(raw)}" is not a port number`, {
      hint: 'use a whole number from 1 to 65535, e.g. ZEPIX_PORT=8000',
    });
  }
  return port;
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
  const loaded = loadConfig({ cwd, ...(options.configPath ? { path: options.configPath } : {}) });
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
  readonly loaded: ReturnType<typeof loadConfig>;
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
  let started: Awaited<ReturnType<typeof startEngine>>;
  try {
    started = await startEngine(options, cwd, dataDir, env, journal);
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
  const startedAt = Date.now();
  const app = await createServer(serverDeps({ options, bot, journal, engine, secrets, startedAt, metrics }));
  const stopping = { now: false };
  hangUpWhenStopping(app, stopping);
  const address = await listen(app, options, config.server);
  let closing: Promise<void> | undefined;
  // Stop accepting first, then let the engine finish every acknowledged alert, then close the journal.
  const close = () =>
    (closing ??= (async () => {
      stopping.now = true;
      await app.close();
      await engine.close();
      await journal.close();
      lock.release();
    })());
  const url = config.server.public_url ?? address.replace('0.0.0.0', '127.0.0.1');
  void engine.calls
    .notify(`Zepix started: ${bot.plugins.join(', ') || 'no plugins'}; webhook ${url}/webhook`, 'bot_started')
    .catch(() => undefined);
  return { app, url, secrets, bot, journal, engine, recovered: ready.recovered, metrics, close };
}

/** Everything the HTTP server serves, from the opened parts. */
function serverDeps(parts: {
  readonly options: StartOptions;
  readonly bot: BotView;
  readonly journal: Journal;
  readonly engine: EngineClient;
  readonly secrets: Secrets;
  readonly startedAt: number;
  readonly metrics: BotMetrics | undefined;
}): ServerDeps {
  const { options, bot, journal, engine, secrets, startedAt, metrics } = parts;
  const known = new Set(bot.plugins);
  const prices = new PriceGuard(bot.config);
  const intake = new Intake({
    prices,
    journal,
    secret: secrets.webhookSecret,
    config: bot.config,
    logger: options.logger,
    isKnownPlugin: (id) => known.has(id),
    knownPlugins: () => bot.plugins,
  });
  const sources = () => ({ report: bot.report, engine: engine.health(), startedAt, journal, broker: bot.broker });
  const status = () => statusReport(sources());
  return {
    config: bot.config,
    logger: options.logger,
    health: () => healthReport(sources()),
    dashboard: dashboardAssets(options.logger),
    ...(metrics
      ? {
          metrics: {
            metrics,
            engineText: () => engine.calls.metrics(),
            apiToken: secrets.apiToken,
            // The environment's token wins over the config's, as every ZEPIX_* setting does.
            metricsToken: secrets.metricsToken ?? bot.config.server.metrics_token,
          },
        }
      : {}),
    webhook: {
      intake,
      engine,
      config: bot.config,
      secret: secrets.webhookSecret,
    },
    api: {
      apiToken: secrets.apiToken,
      journal,
      report: bot.report,
      status,
      engine: engine.calls,
      prices,
      brokerKind: bot.broker.kind,
    },
  };
}

/**
 * Answers sent while stopping carry `Connection: close`: a keep-alive connection that was busy when the stop began
 * would otherwise stay open (and hold the stop) until its keep-alive timeout.
 */
function hangUpWhenStopping(app: FastifyInstance, stopping: { readonly now: boolean }): void {
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (stopping.now) void reply.header('connection', 'close');
    done(null, payload);
  });
}

async function listen(app: FastifyInstance, options: StartOptions, server: BotConfig['server']): Promise<string> {
  const host = options.host ?? server.host;
  // A bar-close burst opens ~1000 connections at once; Node's default backlog (511) drops some SYNs, costing a 1 s retry.
  return app.listen({ host, port: portFrom(options, server.port), backlog: 4096 });
}
