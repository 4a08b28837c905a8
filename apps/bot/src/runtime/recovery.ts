import type { Journal } from '@zepix/journal';
import type { Alert, PluginRegistry } from '@zepix/plugin-core';
import type { Logger } from 'pino';
import type { Dispatcher } from '../dispatch/Dispatcher.js';

/** Re-applies enable/disable decisions (operator or circuit breaker) that outlive a restart. */
export function applyPersistedStates(registry: PluginRegistry, journal: Journal, logger: Logger): void {
  for (const state of journal.pluginStates()) {
    const plugin = registry.get(state.plugin);
    if (!plugin || plugin.enabled === state.enabled) continue;
    if (state.enabled) plugin.enable();
    else plugin.disable();
    logger.info({ plugin: state.plugin, enabled: state.enabled, reason: state.reason }, 'plugin state restored');
  }
}

/**
 * Queues every accepted alert the last run did not finish, oldest first, skipping plugins that already answered.
 * Runs in the engine before it takes any new alert, so a pending row is delivered before any newer alert for
 * the same (plugin, symbol). Returns how many rows it queued and the highest id among them.
 */
export function queuePending(
  journal: Journal,
  dispatcher: Dispatcher,
  logger: Logger,
): { recovered: number; upTo: number } {
  const pending = journal.pendingDispatch();
  if (pending.length === 0) return { recovered: 0, upTo: 0 };
  logger.warn({ count: pending.length }, 're-dispatching alerts left unfinished by the last run');
  // dispatch() queues synchronously, so calling it in id order keeps the per-(plugin, symbol) order.
  for (const row of pending) {
    dispatcher
      .dispatch(row.id, row.alert as Alert, new Set(row.outcomes.map((o) => o.plugin)), { receivedAt: row.receivedAt })
      .catch((error: unknown) => logger.error({ err: error, journalId: row.id }, 'recovered dispatch failed'));
  }
  return { recovered: pending.length, upTo: pending.reduce((max, row) => Math.max(max, row.id), 0) };
}
