import { join } from 'node:path';
import { Journal } from '@zepix/journal';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { bootstrap, resolveDataDir } from '../bootstrap.js';
import type { Bootstrapped } from '../bootstrap.js';
import { Dispatcher } from '../dispatch/Dispatcher.js';
import { BotError, BotErrorCode } from '../errors.js';
import { Intake } from '../intake/Intake.js';
import { Router } from '../routing/Router.js';
import { createServer } from '../server/createServer.js';
import { TrendStore } from '../trends/TrendStore.js';
import { OutboxRelay } from './OutboxRelay.js';
import { loadSecrets } from './secrets.js';
import { TradingRuntime } from './TradingRuntime.js';
import type { Secrets } from './secrets.js';
import { applyPersistedStates, recoverPending } from './recovery.js';
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
  readonly recovered: number;
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

/**
 * Starts the bot: plugins, journal, recovery of unfinished alerts, then the HTTP server. The port opens only
 * after every alert left unfinished by the last run has been dispatched.
 */
export async function startBot(options: StartOptions): Promise<RunningBot> {
  const cwd = options.cwd ?? process.cwd();
  const dataDir = resolveDataDir(cwd, options.dataDir);
  const trends = new TrendStore(join(dataDir, 'zepix_trends.db'));
  const holder: { journal?: Journal; trading?: TradingRuntime } = {};
  const clock = { now: () => new Date() };
  const bot = await bootstrap({
    ...options,
    cwd,
    dataDir,
    servicesFactory: async ({ config }) => {
      const trading = await TradingRuntime.open({ dataDir, config, trends, logger: options.logger });
      holder.trading = trading;
      return (id, logger) => trading.servicesFor(id, logger, clock);
    },
    registryOptions: {
      onCircuitOpen: (plugin, last) => {
        options.logger.error({ plugin: plugin.id, lastError: last.message }, 'plugin disabled by its circuit breaker');
        holder.journal?.setPluginState(plugin.id, false, `circuit breaker: ${last.message}`);
      },
    },
  });
  const trading = holder.trading;
  if (!trading) throw new Error('the trading runtime did not open');
  if (bot.report.blocking.length > 0) {
    await trading.close();
    trends.close();
    await bot.registry.shutdownAll();
    const ids = bot.report.blocking.map((r) => r.id ?? r.package).join(', ');
    throw new BotError(BotErrorCode.RequiredPluginFailed, `required plugin(s) failed to load: ${ids}`, {
      hint: 'fix the failures in the startup report, or set plugins.<id>.required to false to start without them',
    });
  }
  const journal = Journal.open({
    path: join(dataDir, 'zepix_journal.db'),
    synchronous: bot.config.journal.synchronous,
  });
  holder.journal = journal;
  applyPersistedStates(bot.registry, journal, options.logger);
  const secrets = loadSecrets(dataDir);
  const router = new Router(bot.config.routing.rules, bot.config.plugin_system.fallback_plugin);
  const dispatcher = new Dispatcher({
    registry: bot.registry,
    journal,
    router,
    trends,
    logger: options.logger,
    onPrice: (symbol, mid) => trading.feedPrice({ symbol, mid }),
  });
  const relay = new OutboxRelay(trading.engine.outbox, options.logger);
  const recovered = await recoverPending(journal, dispatcher, options.logger);
  const intake = new Intake({
    journal,
    secret: secrets.webhookSecret,
    config: bot.config,
    logger: options.logger,
    isKnownPlugin: (id) => bot.registry.has(id),
    knownPlugins: () => bot.registry.ids(),
  });
  const started = Date.now();
  const status = () => statusReport({ bot, journal: journal, dispatcher, startedAt: started });
  const app = await createServer({
    config: bot.config,
    logger: options.logger,
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
    },
  });
  const host = options.host ?? bot.config.server.host;
  // A bar-close burst opens ~1000 connections at once; Node's default backlog (511) drops some SYNs, costing a 1 s retry.
  const address = await app.listen({ host, port: portFrom(options, bot.config.server.port), backlog: 4096 });
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await app.close();
      await dispatcher.idle();
      relay.stop();
      await bot.registry.shutdownAll();
      await trading.close();
      await journal.close();
      trends.close();
    })());
  const url = bot.config.server.public_url ?? address.replace('0.0.0.0', '127.0.0.1');
  relay.start();
  return { app, url, secrets, bot, journal, dispatcher, trading, recovered, close };
}
