import { join } from 'node:path';
import { Journal } from '@zepix/journal';
import type { Logger } from 'pino';
import { bootstrap } from '../bootstrap.js';
import type { Bootstrapped } from '../bootstrap.js';
import { Dispatcher } from '../dispatch/Dispatcher.js';
import { countsAsFailure } from '../dispatch/pluginCall.js';
import { BotError, BotErrorCode } from '../errors.js';
import { Router } from '../routing/Router.js';
import { createOperatorPort } from '../runtime/createOperatorPort.js';
import { startNotifier } from '../runtime/notifier.js';
import type { Notifier } from '../runtime/notifier.js';
import { applyPersistedStates } from '../runtime/recovery.js';
import { TradingRuntime } from '../runtime/TradingRuntime.js';
import { TrendStore } from '../trends/TrendStore.js';
import type { EngineInit } from './contract.js';

/** Everything the engine runs: plugins over the trading runtime, its own journal connection, dispatch, notices. */
export interface EngineParts {
  readonly bot: Bootstrapped;
  readonly trading: TradingRuntime;
  readonly journal: Journal;
  readonly trends: TrendStore;
  readonly dispatcher: Dispatcher;
  readonly notifier: Notifier;
  /** Stops notices, plugins and every database, in that order. */
  close(): Promise<void>;
}

/** Loads plugins over the trading runtime, then opens the journal and restores persisted plugin states. */
async function openCore(init: EngineInit, logger: Logger, holder: { notifier?: Notifier; journal?: Journal }) {
  const trends = new TrendStore(join(init.dataDir, 'zepix_trends.db'));
  const late: { trading?: TradingRuntime } = {};
  const offset = init.clockOffset ? new BigInt64Array(init.clockOffset) : undefined;
  const clock = { now: () => new Date(Date.now() + (offset ? Number(Atomics.load(offset, 0)) : 0)) };
  const bot = await bootstrap({
    cwd: init.cwd,
    dataDir: init.dataDir,
    logger,
    ...(init.configPath ? { configPath: init.configPath } : {}),
    ...(init.projectDir ? { projectDir: init.projectDir } : {}),
    servicesFactory: async ({ config }) => {
      const trading = await TradingRuntime.open({
        dataDir: init.dataDir,
        config,
        trends,
        logger,
        env: init.env,
        now: clock.now,
      });
      late.trading = trading;
      return (id, pluginLogger, services) => trading.servicesFor(id, pluginLogger, clock, services?.riskBudget);
    },
    registryOptions: {
      countsAsFailure,
      onCircuitOpen: (plugin, last) => {
        logger.error({ plugin: plugin.id, lastError: last.message }, 'plugin disabled by its circuit breaker');
        holder.journal?.setPluginState(plugin.id, false, `circuit breaker: ${last.message}`);
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
    await Promise.all([trading.close(), bot.registry.shutdownAll()]);
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
  });
  holder.journal = journal;
  applyPersistedStates(bot.registry, journal, logger);
  return { bot, trading, journal, trends };
}

/** Where the dispatcher's outcomes and dispatch marks go: messages to the intake, which writes them. */
export type OutcomeSink = Pick<Journal, 'recordOutcome' | 'markDispatched'>;

/** Opens the engine's half of the bot inside the worker. */
export async function openEngine(init: EngineInit, logger: Logger, outcomes: OutcomeSink): Promise<EngineParts> {
  const holder: { notifier?: Notifier; journal?: Journal } = {};
  const { bot, trading, journal, trends } = await openCore(init, logger, holder);
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
      createOperatorPort({ registry: bot.registry, journal, trading, trends, startedAt, onPluginState: persistState }),
  });
  holder.notifier = notifier;
  const close = async () => {
    await notifier.stop();
    await bot.registry.shutdownAll();
    await trading.close();
    await journal.close();
    trends.close();
  };
  return { bot, trading, journal, trends, dispatcher, notifier, close };
}
