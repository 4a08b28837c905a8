import { openPositions } from '../runtime/openPositions.js';
import { shadowPluginIds, shadowReport } from '../runtime/shadow.js';
import type { EngineCommand, EngineCommands } from './contract.js';
import type { EngineParts } from './openEngine.js';

type Implementations = {
  [K in keyof EngineCommands]: (
    ...args: Parameters<EngineCommands[K]>
  ) => ReturnType<EngineCommands[K]> | Promise<ReturnType<EngineCommands[K]>>;
};

/** The operator's commands over the engine's parts: the same calls the API made when it shared the thread. */
export function engineCommands(parts: EngineParts): Implementations {
  const { bot, trading, journal, trends, notifier } = parts;
  const engine = trading.engine;
  return {
    plugins: () => bot.registry.statusAll(),
    setPluginEnabled: (id, enabled, reason) => {
      if (!bot.registry.has(id)) return undefined;
      // Saved first: a journal another process holds locked throws here, and the plugin stays as it was, rather
      // than running in a state the next start would undo.
      journal.setPluginState(id, enabled, reason);
      const status = enabled ? bot.registry.enable(id) : bot.registry.disable(id);
      return { ok: true, status };
    },
    feedPrice: (price) => trading.feedPrice(price),
    listTrades: (query) => engine.listTrades(query),
    closeTrade: (id, reason) => engine.closeTrade({ id, reason }),
    chains: (symbol) => engine.chains(symbol === undefined ? {} : { symbol }),
    // The risk gate refreshes its balance only when it checks an order; the operator wants the broker's figure now.
    risk: async () => {
      const state = engine.riskState();
      const live = await trading.broker.accountSummary();
      if (!live.ok) return { ...state, balanceSource: 'last seen by the risk gate' };
      return { ...state, balance: live.value.balance, balanceSource: 'broker' };
    },
    pause: (reason) => {
      engine.pause(reason);
      return engine.riskState();
    },
    resume: () => {
      engine.resume();
      return engine.riskState();
    },
    closeAll: (reason) => engine.closeAll({ reason }),
    analytics: (plugin) => engine.analytics(plugin ? { plugin } : {}),
    trends: (symbol) => trends.list(symbol),
    lockTrend: (symbol, timeframe, trend, at) => trends.lock({ symbol, timeframe, trend, at: new Date(at) }),
    unlockTrend: (symbol, timeframe) => trends.unlock(symbol, timeframe),
    notify: (text, kind) => {
      notifier.notify(text, kind);
      return null;
    },
    positions: () => openPositions(trading),
    shadow: () => {
      const shadowIds = shadowPluginIds(bot.config);
      const liveIds = bot.registry.ids().filter((id) => !shadowIds.includes(id));
      return shadowReport({ live: trading, shadow: parts.shadow, shadowIds, liveIds });
    },
    metrics: async () => (parts.metrics ? parts.metrics.render() : ''),
    idle: async () => {
      await parts.dispatcher.idle();
      return null;
    },
  };
}

/** Runs one command by name. */
export function runCommand(commands: Implementations, command: EngineCommand): Promise<unknown> {
  const run = commands[command.name] as (...args: unknown[]) => unknown;
  // A command that throws synchronously still answers through the promise.
  return Promise.resolve().then(() => run(...command.args));
}
