import type { Journal } from '@zepix/journal';
import type { FastifyInstance } from 'fastify';
import type { BotConfig } from '../config/configSchema.js';
import type { EngineClient, EngineReady } from '../engine/EngineClient.js';
import { BotError, BotErrorCode } from '../errors.js';
import { Intake } from '../intake/Intake.js';
import { PriceGuard } from '../intake/PriceGuard.js';
import type { BotMetrics } from '../metrics/BotMetrics.js';
import { createServer } from '../server/createServer.js';
import type { ServerDeps } from '../server/createServer.js';
import { dashboardAssets } from '../server/dashboardRoutes.js';
import type { DataDirLock } from './dataDir.js';
import type { Secrets } from './secrets.js';
import type { BotView, RunningBot, StartOptions } from './startBot.js';
import { healthReport, statusReport } from './statusReport.js';
import { startIdleCollector } from './idleCollector.js';

/** How long after the port opens the intake registers Prometheus's process and event-loop metrics. */
const DEFAULT_METRICS_AFTER_MS = 1000;

/**
 * The intake's HTTP side, loaded by `startBot` while the engine thread starts (fastify and its schema compiler
 * are the main thread's largest start-up cost): builds the server and opens the port without waiting for the
 * engine. `bot` gains the engine's plugins, report and broker when `ready` resolves.
 */
export async function serveIntake(parts: {
  readonly options: StartOptions;
  readonly bot: BotView;
  readonly journal: Journal;
  readonly engine: EngineClient;
  readonly secrets: Secrets;
  readonly metrics: BotMetrics | undefined;
  readonly lock: DataDirLock;
  readonly ready: Promise<EngineReady>;
}): Promise<Omit<RunningBot, 'recovered'>> {
  const { options, bot, journal, engine, secrets, metrics, lock, ready } = parts;
  const startedAt = Date.now();
  const app = await createServer(serverDeps({ options, bot, journal, engine, secrets, startedAt, metrics, ready }));
  const stopping = { now: false };
  hangUpWhenStopping(app, stopping);
  const collector = collectWhenQuiet(app);
  const address = await listen(app, options, bot.config.server);
  // Prometheus's process and event-loop metrics cost ~30 modules: loaded once the port is open (see BotMetrics).
  const defaults = metrics ? setTimeout(() => metrics.collectDefaults(), DEFAULT_METRICS_AFTER_MS) : undefined;
  defaults?.unref();
  let closing: Promise<void> | undefined;
  // Stop accepting first, then let the engine finish every acknowledged alert, then close the journal.
  const close = () =>
    (closing ??= (async () => {
      stopping.now = true;
      collector.stop();
      clearTimeout(defaults);
      await app.close();
      await engine.close();
      await journal.close();
      lock.release();
    })());
  const url = bot.config.server.public_url ?? address.replace('0.0.0.0', '127.0.0.1');
  ready.then(
    () =>
      void engine.calls
        .notify(`Zepix started: ${bot.plugins.join(', ') || 'no plugins'}; webhook ${url}/webhook`, 'bot_started')
        .catch(() => undefined),
    () => undefined,
  );
  return { app, url, secrets, bot, journal, engine, metrics, close };
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

/** Everything the HTTP server serves, from the opened parts. */
function serverDeps(parts: {
  readonly options: StartOptions;
  readonly bot: BotView;
  readonly journal: Journal;
  readonly engine: EngineClient;
  readonly secrets: Secrets;
  readonly startedAt: number;
  readonly metrics: BotMetrics | undefined;
  readonly ready: Promise<EngineReady>;
}): ServerDeps {
  const { options, bot, journal, engine, secrets, startedAt, metrics, ready } = parts;
  const known: { ids?: ReadonlySet<string> } = {};
  void ready.then(
    (info) => (known.ids = new Set(info.plugins)),
    () => undefined,
  );
  const prices = new PriceGuard(bot.config);
  const intake = new Intake({
    prices,
    journal,
    secret: secrets.webhookSecret,
    config: bot.config,
    logger: options.logger,
    // An alert naming a plugin in the first moments waits for the engine to say which plugins it loaded.
    isKnownPlugin: (id) =>
      known.ids?.has(id) ??
      ready.then(
        () => known.ids?.has(id) ?? false,
        () => false,
      ),
    knownPlugins: () => bot.plugins,
    afterAnswer: (work) => void setImmediate(work),
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
      // Read when asked: the engine fills them in once it is ready.
      get report() {
        return bot.report;
      },
      status,
      engine: engine.calls,
      prices,
      brokerKind: bot.config.broker.kind,
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

/** Returns a burst's garbage once requests have stopped coming (see startIdleCollector). */
function collectWhenQuiet(app: FastifyInstance): { readonly stop: () => void } {
  let lastRequestAt = Date.now();
  app.addHook('onRequest', (_request, _reply, done) => {
    lastRequestAt = Date.now();
    done();
  });
  return startIdleCollector({ lastActivityAt: () => lastRequestAt });
}

async function listen(app: FastifyInstance, options: StartOptions, server: BotConfig['server']): Promise<string> {
  const host = options.host ?? server.host;
  // A bar-close burst opens ~1000 connections at once; Node's default backlog (511) drops some SYNs, costing a 1 s retry.
  return app.listen({ host, port: portFrom(options, server.port), backlog: 4096 });
}
