import { join } from 'node:path';
import type { BrokerAdapter } from '@zepix/broker-api';
import { Journal } from '@zepix/journal';
import type { Logger } from 'pino';
import { bootstrap } from '../bootstrap.js';
import type { Bootstrapped } from '../bootstrap.js';
import { Dispatcher } from '../dispatch/Dispatcher.js';
import { countsAsFailure } from '../dispatch/pluginCall.js';
import { BotError, BotErrorCode } from '../errors.js';
import { EngineMetrics } from '../metrics/EngineMetrics.js';
import { measuredBroker, measuredServices } from '../metrics/instrument.js';
import { tradingSources } from '../metrics/tradingSources.js';
import { Router } from '../routing/Router.js';
import { createOperatorPort } from '../runtime/createOperatorPort.js';
import { startNotifier } from '../runtime/notifier.js';
import type { Notifier } from '../runtime/notifier.js';
import { applyPersistedStates } from '../runtime/recovery.js';
import { openShadowRuntime, shadowPluginIds } from '../runtime/shadow.js';
import { TradingRuntime } from '../runtime/TradingRuntime.js';
import { TrendStore } from '../trends/TrendStore.js';
import { circuitOpened } from './circuitOpened.js';
import type { EngineInit } from './contract.js';

/**
 * How long the engine's own journal writes (a plugin's enabled state: the operator's, the breaker's) wait for a lock
 * another process holds. The wait blocks this thread, so every plugin and order with it: a quarter of a second,
 * then the write fails with ZEPIX_JOURNAL_LOCKED and changes nothing (the API answers 503, Telegram says so, the
 * breaker's notice says the state was not saved).
 */
const ENGINE_BOOKKEEPING_WAIT_MS = 250;

/** Everything the engine runs: plugins over the trading runtime, its own journal connection, dispatch, notices. */
export interface EngineParts {
  readonly bot: Bootstrapped;
  readonly trading: TradingRuntime;
  /** The shadow plugins' own paper trading, when any plugin has mode "shadow". */
  readonly shadow: TradingRuntime | undefined;
  /** Undefined when ZEPIX_METRICS=off. */
  readonly metrics: EngineMetrics | undefined;
  readonly journal: Journal;
  readonly trends: TrendStore;
  readonly dispatcher: Dispatcher;
  readonly notifier: Notifier;
  /** Stops notices, plugins and every database, in that order. */
  close(): Promise<void>;
}

/** Loads plugins over the trading runtime, then opens the journal and restores persisted plugin states. */
async function openCore(
  init: EngineInit,
  logger: Logger,
  holder: { notifier?: Notifier; journal?: Journal },
  metrics: EngineMetrics | undefined,
) {
  const trends = new TrendStore(join(init.dataDir, 'zepix_trends.db'));
  const late: { trading?: TradingRuntime; shadow?: TradingRuntime | undefined } = {};
  const offset = init.clockOffset ? new BigInt64Array(init.clockOffset) : undefined;
  const clock = { now: () => new Date(Date.now() + (offset ? Number(Atomics.load(offset, 0)) : 0)) };
  const bot = await bootstrap({
    cwd: init.cwd,
    dataDir: init.dataDir,
    logger,
    ...(init.configPath ? { configPath: init.configPath } : {}),
    ...(init.projectDir ? { projectDir: init.projectDir } : {}),
    servicesFactory: async ({ config }) => {
      const opening = { dataDir: init.dataDir, config, trends, logger, env: init.env, now: clock.now };
      const measureBroker = (broker: BrokerAdapter) => measuredBroker(broker, metrics);
      const trading = await TradingRuntime.open({ ...opening, measureBroker });
      const shadow = await openShadowRuntime({ ...opening, live: trading, measureBroker });
      Object.assign(late, { trading, shadow });
      const shadowIds = new Set(shadowPluginIds(config));
      return (id, pluginLogger, services) => {
        const runtime = (shadowIds.has(id) && shadow) || trading;
        return measuredServices(runtime.servicesFor(id, pluginLogger, clock, services?.riskBudget), id, metrics);
      };
    },
    registryOptions: {
      countsAsFailure,
      onCircuitOpen: (plugin, last) => circuitOpened(holder, logger, plugin.id, last.message),
    },
  });
  const trading = late.trading;
  if (!trading) throw new Error('the trading runtime did not open');
  if (bot.report.blocking.length > 0) {
    await Promise.all([trading.close(), late.shadow?.close(), bot.registry.shutdownAll()]);
    trends.close();
    // The startup report is printed only once the bot runs, so the error itself says what failed and why.
    const why = bot.report.blocking
      .map(
        (r) => `\n  ${r.id ?? r.package}: ${r.error?.message ?? r.outcome}${r.error?.hint ? ` (${r.error.hint})` : ''}`,
      )
      .join('');
    throw new BotError(BotErrorCode.RequiredPluginFailed, `required plugin(s) failed to load:${why}`, {
      hint: 'fix each failure above, or set plugins.<id>.required to false to start without them',
    });
  }
  const journal = Journal.open({
    path: join(init.dataDir, 'zepix_journal.db'),
    synchronous: bot.config.journal.synchronous,
    bookkeepingBusyTimeoutMs: ENGINE_BOOKKEEPING_WAIT_MS,
  });
  holder.journal = journal;
  applyPersistedStates(bot.registry, journal, logger);
  return { bot, trading, shadow: late.shadow, journal, trends };
}

/** Where the dispatcher's outcomes and dispatch marks go: messages to the intake, which writes them. */
export type OutcomeSink = Pick<Journal, 'recordOutcome' | 'markDispatched'>;

/** Opens the engine's half of the bot inside the worker. */
export async function openEngine(init: EngineInit, logger: Logger, outcomes: OutcomeSink): Promise<EngineParts> {
  const holder: { notifier?: Notifier; journal?: Journal } = {};
  // ZEPIX_METRICS=off runs without recording anything (the bench measures what metrics cost against it).
  const metrics = init.env.ZEPIX_METRICS === 'off' ? undefined : new EngineMetrics();
  const { bot, trading, shadow, journal, trends } = await openCore(init, logger, holder, metrics);
  metrics?.observe(tradingSources(trading, bot.config.trading.risk));
  const router = new Router(bot.config.routing.rules, bot.config.plugin_system.fallback_plugin);
  const dispatcher = new Dispatcher({
    registry: bot.registry,
    journal: outcomes,
    router,
    trends,
    logger,
    onPrice: (symbol, mid) => trading.feedPrice({ symbol, mid }),
    callTimeoutMs: bot.config.plugin_system.call_timeout_ms,
    retry: {
      attempts: bot.config.plugin_system.retry.attempts,
      baseDelayMs: bot.config.plugin_system.retry.base_delay_ms,
      maxDelayMs: bot.config.plugin_system.retry.max_delay_ms,
    },
    onGiveUp: (text) => holder.notifier?.notify(text, 'dispatch_given_up'),
    shadowPlugins: shadowPluginIds(bot.config),
  });
  const startedAt = Date.now();
  const persistState = (id: string, enabled: boolean, reason: string) => journal.setPluginState(id, enabled, reason);
  const notifier = await startNotifier({
    config: bot.config,
    env: { ...init.env },
    dataDir: init.dataDir,
    logger,
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
  const close = async () => {
    await notifier.stop();
    await bot.registry.shutdownAll();
    await trading.close();
    await shadow?.close();
    await journal.close();
    trends.close();
  };
  return { bot, trading, shadow, metrics, journal, trends, dispatcher, notifier, close };
}
