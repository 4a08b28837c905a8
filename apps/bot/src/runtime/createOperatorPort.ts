import { JournalError, JournalErrorCode } from '@zepix/journal';
import type { Journal } from '@zepix/journal';
import { PluginErrorCode, err, ok } from '@zepix/plugin-core';
import type { Result } from '@zepix/plugin-core';
import type { PluginRegistry } from '@zepix/plugin-core';
import type { OperatorPort } from '@zepix/telegram';
import { TradingErrorCode } from '@zepix/trading';
import type { TrendStore } from '../trends/TrendStore.js';
import { BOT_VERSION } from '../version.js';
import type { TradingRuntime } from './TradingRuntime.js';

/** What the Telegram controller steers: the same objects the REST API uses. */
export interface OperatorDeps {
  readonly registry: PluginRegistry;
  readonly journal: Journal;
  readonly trading: TradingRuntime;
  /** Shadow plugins' paper trading: `/pnl` lists them beside the live plugins, marked "(shadow)". */
  readonly shadow?: TradingRuntime | undefined;
  readonly trends: TrendStore;
  readonly startedAt: number;
  /** Persists an enable/disable decision, as the API does. */
  readonly onPluginState: (id: string, enabled: boolean, reason: string) => void;
  readonly now?: () => Date;
}

function startOfDay(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString();
}

/** One sentence for the operator's chat: the journal's own message names the file and the next steps at length. */
function journalFailure(error: JournalError): string {
  return error.code === JournalErrorCode.Locked
    ? 'another process holds the journal locked (a backup, an open sqlite3 shell); nothing changed, try again once it lets go'
    : `the journal could not store it (${error.code}); nothing changed, see the bot's log`;
}

/**
 * Saves an enable/disable decision before it takes effect: a journal another process holds locked (or a full disk)
 * becomes the failure the controller reports, and the plugin stays as it was.
 */
function savedState(save: () => void): Result<undefined> {
  try {
    save();
    return ok();
  } catch (error) {
    if (error instanceof JournalError) return err({ code: error.code, message: journalFailure(error) });
    throw error;
  }
}

/** Accepted alerts received since `sinceIso`, paged newest first (the journal lists at most 500 at a time). */
export function countAcceptedSince(journal: Pick<Journal, 'list'>, sinceIso: string): number {
  let count = 0;
  let beforeId: number | undefined;
  for (;;) {
    const page = journal.list({ status: 'accepted', limit: 500, ...(beforeId === undefined ? {} : { beforeId }) });
    const today = page.filter((a) => a.receivedAt >= sinceIso);
    count += today.length;
    const last = page.at(-1);
    if (page.length < 500 || today.length < page.length || last === undefined) return count;
    beforeId = last.id;
  }
}

/** The bot's side of the Telegram controller: every command maps onto the registry, the engine or the stores. */
export function createOperatorPort(deps: OperatorDeps): OperatorPort {
  const { registry, journal, trading, trends } = deps;
  const engine = trading.engine;
  const now = deps.now ?? (() => new Date());
  return {
    status: () => {
      const statuses = registry.statusAll();
      const today = startOfDay(now());
      return Promise.resolve({
        version: BOT_VERSION,
        uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
        pluginsLoaded: statuses.length,
        pluginsEnabled: statuses.filter((s) => s.enabled).length,
        paused: engine.riskState().paused,
        openPositions: engine.listTrades({ state: 'open' }).length,
        alertsToday: countAcceptedSince(journal, today),
      });
    },
    plugins: () =>
      Promise.resolve(
        registry.statusAll().map((s) => ({
          id: s.id,
          version: s.metadata.version,
          enabled: s.enabled,
          processed: s.counters.processed,
          failed: s.counters.failed,
        })),
      ),
    setPluginEnabled: (id, enabled) => {
      if (!registry.has(id)) {
        return Promise.resolve(
          err({
            code: PluginErrorCode.NotFound,
            message: `No plugin "${id}" is loaded; loaded: ${registry.ids().join(', ')}.`,
          }),
        );
      }
      const saved = savedState(() =>
        deps.onPluginState(id, enabled, `${enabled ? 'enabled' : 'disabled'} from Telegram`),
      );
      if (!saved.ok) return Promise.resolve(saved);
      if (enabled) registry.enable(id);
      else registry.disable(id);
      return Promise.resolve(ok());
    },
    positions: () =>
      Promise.resolve(
        engine.openTrades().map((t) => ({
          id: t.id,
          plugin: t.plugin,
          symbol: t.symbol,
          direction: t.direction,
          lots: t.lots,
          entryPrice: t.entryPrice ?? 0,
          stopLoss: t.stopLoss,
          takeProfit: t.takeProfit,
          unrealizedPnl: t.unrealizedPnl,
        })),
      ),
    trades: (limit) =>
      Promise.resolve(
        engine
          .listTrades({})
          .slice(-limit)
          .reverse()
          .map((t) => ({
            id: t.id,
            plugin: t.plugin,
            symbol: t.symbol,
            direction: t.direction,
            lots: t.lots,
            entryPrice: t.entryPrice,
            closePrice: t.closePrice,
            realizedPnl: t.realizedPnl,
            state: t.state,
            closedAt: t.closedAt,
          })),
      ),
    closeTrade: async (id) => {
      const outcome = await engine.closeTrade({ id, reason: 'closed from Telegram' });
      if (outcome.ok) return ok({ pnl: outcome.value.pnl });
      return err({ code: TradingErrorCode.CloseFailed, message: outcome.error.message });
    },
    closeAll: () => engine.closeAll({ reason: 'close-all confirmed from Telegram' }),
    pause: () => Promise.resolve(engine.pause('paused from Telegram')),
    resume: () => Promise.resolve(engine.resume()),
    risk: () => {
      const r = engine.riskState();
      return Promise.resolve({
        paused: r.paused,
        balance: r.balance,
        dailyLoss: r.dailyLoss,
        dailyLossCap: r.dailyLossCap,
        lifetimeLoss: r.lifetimeLoss,
        lifetimeLossCap: r.lifetimeLossCap,
        ...(r.blockedReason ? { blockedReason: r.blockedReason } : {}),
      });
    },
    trends: (symbol) =>
      Promise.resolve(trends.list(symbol).map(({ symbol: s, timeframe, trend }) => ({ symbol: s, timeframe, trend }))),
    chains: () => Promise.resolve(engine.chains().map((c) => ({ ...c }))),
    pnl: () => {
      const report = engine.analytics();
      return Promise.resolve({
        trades: report.overall.trades,
        winRate: report.overall.winRate,
        pnl: report.overall.pnl,
        maxDrawdown: report.overall.maxDrawdown,
        byPlugin: [
          ...Object.entries(report.byPlugin).map(([plugin, s]) => ({ plugin, ...s })),
          ...Object.entries(deps.shadow?.engine.analytics().byPlugin ?? {}).map(([plugin, s]) => ({
            plugin: `${plugin} (shadow)`,
            ...s,
          })),
        ].map(({ plugin, trades, winRate, pnl }) => ({ plugin, trades, winRate, pnl })),
      });
    },
    daily: () => {
      const date = startOfDay(now()).slice(0, 10);
      const report = engine.analytics();
      const byPlugin = Object.entries(report.byPlugin).map(([plugin, s]) => {
        const day = s.byDay.find((d) => d.key === date);
        return { plugin, trades: day?.trades ?? 0, wins: day?.wins ?? 0, pnl: day?.pnl ?? 0 };
      });
      return Promise.resolve({ date, byPlugin, total: byPlugin.reduce((sum, p) => sum + p.pnl, 0) });
    },
  };
}
