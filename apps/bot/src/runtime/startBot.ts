import { join } from 'node:path';
import { Journal } from '@zepix/journal';
import type { PaperBroker } from '@zepix/paper-broker';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { bootstrap, resolveDataDir } from '../bootstrap.js';
import type { Bootstrapped } from '../bootstrap.js';
import type { BotConfig } from '../config/configSchema.js';
import { Dispatcher } from '../dispatch/Dispatcher.js';
import { BotError, BotErrorCode } from '../errors.js';
import { Intake } from '../intake/Intake.js';
import { BotMetrics } from '../metrics/BotMetrics.js';
import { measuredBroker, measuredJournal, measuredServices } from '../metrics/instrument.js';
import { tradingSources } from '../metrics/tradingSources.js';
import { Router } from '../routing/Router.js';
import { createServer } from '../server/createServer.js';
import { dashboardAssets } from '../server/dashboardRoutes.js';
import type { ServerDeps } from '../server/createServer.js';
import { TrendStore } from '../trends/TrendStore.js';
import { createOperatorPort } from './createOperatorPort.js';
import { startNotifier } from './notifier.js';
import type { Notifier } from './notifier.js';
import { loadSecrets } from './secrets.js';
import { TradingRuntime } from './TradingRuntime.js';
import type { Secrets } from './secrets.js';
import { applyPersistedStates, recoverPending } from './recovery.js';
import { openShadowRuntime, shadowPluginIds, shadowReport } from './shadow.js';
import { statusReport } from './statusReport.js';

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
}

/** A running bot. */
export interface RunningBot {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly secrets: Secrets;
  readonly bot: Bootstrapped;
  readonly journal: Journal;
  readonly dispatcher: Dispatcher;
  readonly trading: TradingRuntime;
  readonly shadow: TradingRuntime | undefined;
  readonly notifier: Notifier;
  readonly recovered: number;
  /** Undefined when ZEPIX_METRICS=off. */
  readonly metrics: BotMetrics | undefined;
  /** Stops accepting, finishes in-flight work, closes every database. Safe to call twice. */
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

/** What `openCore` opened: plugins with their trading runtime, the journal and the trend store. */
interface Core {
  readonly bot: Bootstrapped;
  readonly trading: TradingRuntime;
  /** The shadow plugins' own paper trading, when any plugin has mode "shadow". */
  readonly shadow: TradingRuntime | undefined;
  readonly journal: Journal;
  readonly trends: TrendStore;
}

/** Loads plugins over the trading runtime, then opens the journal and restores persisted plugin states. */
async function openCore(
  options: StartOptions,
  cwd: string,
  dataDir: string,
  holder: { notifier?: Notifier },
  metrics: BotMetrics | undefined,
): Promise<Core> {
  const trends = new TrendStore(join(dataDir, 'zepix_trends.db'));
  const late: { journal?: Journal; trading?: TradingRuntime; shadow?: TradingRuntime } = {};
  const clock = { now: () => new Date() };
  const bot = await bootstrap({
    ...options,
    cwd,
    dataDir,
    servicesFactory: async ({ config }) => {
      const opening = { dataDir, config, trends, logger: options.logger };
      const measureBroker = (broker: PaperBroker) => measuredBroker(broker, metrics);
      const trading = await TradingRuntime.open({ ...opening, measureBroker });
      const shadow = await openShadowRuntime({ ...opening, live: trading, measureBroker });
      Object.assign(late, { trading, shadow });
      const shadowIds = new Set(shadowPluginIds(config));
      return (id, logger) =>
        measuredServices(((shadowIds.has(id) && shadow) || trading).servicesFor(id, logger, clock), id, metrics);
    },
    registryOptions: {
      onCircuitOpen: (plugin, last) => {
        options.logger.error({ plugin: plugin.id, lastError: last.message }, 'plugin disabled by its circuit breaker');
        late.journal?.setPluginState(plugin.id, false, `circuit breaker: ${last.message}`);
        holder.notifier?.notify(
          `Plugin ${plugin.id} was disabled by its circuit breaker: ${last.message}`,
          'plugin_disabled',
        );
      },
    },
  });
  const trading = late.trading;
  if (!trading) throw new Error('the trading runtime did not open');
  if (bot.report.blocking.length > 0) {
    await Promise.all([trading.close(), late.shadow?.close(), bot.registry.shutdownAll()]);
    trends.close();
    const ids = bot.report.blocking.map((r) => r.id ?? r.package).join(', ');
    throw new BotError(BotErrorCode.RequiredPluginFailed, `required plugin(s) failed to load: ${ids}`, {
      hint: 'fix the failures in the startup report, or set plugins.<id>.required to false to start without them',
    });
  }
  const journal = measuredJournal(
    Journal.open({ path: join(dataDir, 'zepix_journal.db'), synchronous: bot.config.journal.synchronous }),
    metrics,
  );
  late.journal = journal;
  applyPersistedStates(bot.registry, journal, options.logger);
  return { bot, trading, shadow: late.shadow, journal, trends };
}

/**
 * Starts the bot: plugins, journal, recovery of unfinished alerts, notifications, then the HTTP server. The port
 * opens only after every alert left unfinished by the last run has been dispatched.
 */
export async function startBot(options: StartOptions): Promise<RunningBot> {
  const cwd = options.cwd ?? process.cwd();
  const dataDir = resolveDataDir(cwd, options.dataDir);
  const env = options.env ?? process.env;
  const holder: { notifier?: Notifier } = {};
  // ZEPIX_METRICS=off runs without recording anything (the bench measures what metrics cost against it).
  const metrics = env.ZEPIX_METRICS === 'off' ? undefined : new BotMetrics();
  const { bot, trading, shadow, journal, trends } = await openCore(options, cwd, dataDir, holder, metrics);
  metrics?.observe(tradingSources(trading, bot.config.trading.risk));
  const secrets = loadSecrets(dataDir, env);
  const router = new Router(bot.config.routing.rules, bot.config.plugin_system.fallback_plugin);
  const dispatcher = new Dispatcher({
    registry: bot.registry,
    journal,
    router,
    trends,
    logger: options.logger,
    onPrice: (symbol, mid) => trading.feedPrice({ symbol, mid }),
    shadowPlugins: shadowPluginIds(bot.config),
  });
  const recovered = await recoverPending(journal, dispatcher, options.logger);
  const startedAt = Date.now();
  const persistState = (id: string, enabled: boolean, reason: string) => journal.setPluginState(id, enabled, reason);
  const notifier = await startNotifier({
    config: bot.config,
    env,
    dataDir,
    logger: options.logger,
    outbox: trading.engine.outbox,
    operator: () =>
      createOperatorPort({
        registry: bot.registry,
        journal,
        trading,
        shadow,
        trends,
        startedAt,
        onPluginState: persistState,
      }),
  });
  holder.notifier = notifier;
  const status = () => statusReport({ bot, journal, dispatcher, startedAt });
  const app = await createServer(
    serverDeps({ options, bot, journal, trading, shadow, trends, dispatcher, secrets, status, metrics }),
  );
  const address = await listen(app, options, bot.config.server);
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await app.close();
      await dispatcher.idle();
      notifier.notify('Zepix is stopping.', 'bot_stopped');
      await notifier.stop();
      await bot.registry.shutdownAll();
      await trading.close();
      await shadow?.close();
      await journal.close();
      trends.close();
    })());
  const url = bot.config.server.public_url ?? address.replace('0.0.0.0', '127.0.0.1');
  notifier.notify(
    `Zepix started: ${bot.registry.ids().join(', ') || 'no plugins'}; webhook ${url}/webhook`,
    'bot_started',
  );
  return { app, url, secrets, bot, journal, dispatcher, trading, shadow, recovered, notifier, metrics, close };
}

/** Everything the HTTP server serves, from the opened parts. */
function serverDeps(parts: {
  readonly options: StartOptions;
  readonly bot: Bootstrapped;
  readonly journal: Journal;
  readonly trading: TradingRuntime;
  readonly shadow: TradingRuntime | undefined;
  readonly trends: TrendStore;
  readonly dispatcher: Dispatcher;
  readonly secrets: Secrets;
  readonly status: () => Record<string, unknown>;
  readonly metrics: BotMetrics | undefined;
}): ServerDeps {
  const { options, bot, journal, trading, shadow, trends, dispatcher, secrets, status, metrics } = parts;
  const intake = new Intake({
    journal,
    secret: secrets.webhookSecret,
    config: bot.config,
    logger: options.logger,
    isKnownPlugin: (id) => bot.registry.has(id),
    knownPlugins: () => bot.registry.ids(),
  });
  return {
    config: bot.config,
    logger: options.logger,
    dashboard: dashboardAssets(options.logger),
    ...(metrics ? { metrics: { metrics, apiToken: secrets.apiToken, metricsToken: secrets.metricsToken } } : {}),
    health: () => {
      const { version, uptimeSeconds, plugins } = status();
      return { status: 'ok', version, uptimeSeconds, plugins };
    },
    webhook: {
      intake,
      dispatcher,
      config: bot.config,
      secret: secrets.webhookSecret,
      onDispatchError: (error, id) => options.logger.error({ err: error, journalId: id }, 'dispatch failed'),
    },
    api: {
      apiToken: secrets.apiToken,
      journal,
      registry: bot.registry,
      report: bot.report,
      dispatcher,
      trends,
      status,
      trading,
      shadow: () => {
        const shadowIds = shadowPluginIds(bot.config);
        const liveIds = bot.registry.ids().filter((id) => !shadowIds.includes(id));
        return shadowReport({ live: trading, shadow, shadowIds, liveIds });
      },
    },
  };
}

async function listen(app: FastifyInstance, options: StartOptions, server: BotConfig['server']): Promise<string> {
  const host = options.host ?? server.host;
  // A bar-close burst opens ~1000 connections at once; Node's default backlog (511) drops some SYNs, costing a 1 s retry.
  return app.listen({ host, port: portFrom(options, server.port), backlog: 4096 });
}
