import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal } from '@zepix/journal';
import type { DispatchResult } from '@zepix/plugin-core';
import { bootstrap } from '../bootstrap.js';
import type { BootstrapOptions } from '../bootstrap.js';
import { Dispatcher } from '../dispatch/Dispatcher.js';
import { BotError, BotErrorCode } from '../errors.js';
import { Router } from '../routing/Router.js';
import { TradingRuntime } from '../runtime/TradingRuntime.js';
import { TrendStore } from '../trends/TrendStore.js';
import { readRecords } from './records.js';
import type { RecordedAlert, TimeRange } from './records.js';
import { summarizePlugins } from './summary.js';
import type { ChangedDecision, ReplayReport } from './summary.js';

/** What `zepix replay` needs: the recording, an optional plugin and time window, and the usual config/project. */
export interface ReplayOptions extends Omit<BootstrapOptions, 'dataDir' | 'only' | 'servicesFactory'> {
  readonly input: string;
  readonly plugin?: string;
  readonly range?: TimeRange;
  readonly onStart?: (total: number) => void;
  readonly onProgress?: (done: number) => void;
}

/** The bot's parts, opened over a scratch data folder with a clock that reads the recorded time. */
interface ReplayWorld {
  readonly dispatcher: Dispatcher;
  readonly journal: Journal;
  readonly trading: TradingRuntime;
  readonly plugins: readonly string[];
  close(): Promise<void>;
}

async function openWorld(options: ReplayOptions, dataDir: string, now: () => Date): Promise<ReplayWorld> {
  const trends = new TrendStore(join(dataDir, 'zepix_trends.db'));
  const holder: { trading?: TradingRuntime } = {};
  const bot = await bootstrap({
    ...options,
    dataDir,
    ...(options.plugin ? { only: [options.plugin] } : {}),
    servicesFactory: async ({ config }) => {
      // Always a fresh paper broker, whatever the config trades on: a replay never reaches a real account.
      const paper: typeof config = { ...config, broker: { ...config.broker, kind: 'paper' } };
      const trading = await TradingRuntime.open({ dataDir, config: paper, trends, logger: options.logger, now });
      holder.trading = trading;
      return (id, logger) => trading.servicesFor(id, logger, { now });
    },
  });
  const trading = holder.trading!;
  // The dispatcher records outcomes in a journal; the replay reads them from its answers, so memory is enough.
  // commitDelayMs 0: the replay awaits each append, so every commit would otherwise wait out a burst's delay.
  const journal = Journal.open({ path: ':memory:', now, commitDelayMs: 0 });
  const close = async () => {
    await bot.registry.shutdownAll();
    await trading.close();
    await journal.close();
    trends.close();
  };
  if (options.plugin && !bot.registry.has(options.plugin)) {
    await close();
    throw new BotError(BotErrorCode.Usage, `plugin "${options.plugin}" is not installed or did not load`, {
      hint: 'zepix plugins lists the installed plugins and why any failed to load',
    });
  }
  const router = new Router(bot.config.routing.rules, bot.config.plugin_system.fallback_plugin);
  const dispatcher = new Dispatcher({
    registry: bot.registry,
    journal,
    router,
    trends,
    logger: options.logger,
    now,
    onPrice: (symbol, mid) => trading.feedPrice({ symbol, mid }),
  });
  return { dispatcher, journal, trading, plugins: bot.registry.ids(), close };
}

/** Memory-backed /dev/shm when there is one: the replay's databases are thrown away, and their fsyncs cost nothing there. */
function scratchBase(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

const decision = (o: { status: string; errorCode?: string | undefined }) =>
  o.errorCode ? `${o.status} ${o.errorCode}` : o.status;

/** The plugins whose decision on this alert differs from the recorded one. */
function changedDecisions(record: RecordedAlert, results: readonly DispatchResult[]): ChangedDecision[] {
  const changed: ChangedDecision[] = [];
  for (const result of results) {
    const was = record.outcomes.find((o) => o.plugin === result.plugin);
    if (!was) continue;
    const now = decision({ status: result.status, errorCode: result.error?.code });
    if (now === decision(was)) continue;
    const { id, receivedAt, alert } = record;
    changed.push({
      id,
      receivedAt,
      kind: alert.kind,
      symbol: alert.symbol,
      plugin: result.plugin,
      was: decision(was),
      now,
      reason: result.message,
    });
  }
  return changed;
}

/**
 * Runs recorded alerts through the installed plugins on a fresh paper broker and data folder, in recorded order,
 * each at its recorded time and price, through the same dispatcher as the live bot. Nothing of the live data
 * folder is touched.
 */
export async function replay(options: ReplayOptions): Promise<ReplayReport> {
  const records = readRecords(options.input, options.range);
  const clock = { at: new Date(records[0]?.receivedAt ?? Date.now()) };
  const scratch = mkdtempSync(join(scratchBase(), 'zepix-replay-'));
  try {
    const world = await openWorld(options, scratch, () => clock.at);
    try {
      options.onStart?.(records.length);
      const changed: ChangedDecision[] = [];
      for (const [index, record] of records.entries()) {
        clock.at = new Date(record.receivedAt);
        const { alert } = record;
        const stored = await world.journal.appendAccepted({
          receivedAt: record.receivedAt,
          sender: 'replay',
          contentType: 'application/json',
          raw: '(replayed)',
          idempotencyKey: `replay:${index}`,
          dedupWindowMs: 0,
          alert,
          family: alert.family,
          kind: alert.kind,
          symbol: alert.symbol,
        });
        changed.push(...changedDecisions(record, await world.dispatcher.dispatch(stored.id, alert)));
        options.onProgress?.(index + 1);
      }
      const compared = records.filter((r) => r.outcomes.length > 0).length;
      return { alerts: records.length, compared, plugins: summarizePlugins(world.trading, world.plugins), changed };
    } finally {
      await world.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
