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
 * Dispatches every accepted alert the last run did not finish, oldest first, skipping plugins that already
 * answered. Runs before the port opens; returns how many alerts it re-dispatched.
 */
export async function recoverPending(journal: Journal, dispatcher: Dispatcher, logger: Logger): Promise<number> {
  const pending = journal.pendingDispatch();
  if (pending.length === 0) return 0;
  logger.warn({ count: pending.length }, 're-dispatching alerts left unfinished by the last run');
  // dispatch() queues synchronously, so calling it in id order keeps the per-(plugin, symbol) order.
  const runs = pending.map((row) =>
    dispatcher.dispatch(row.id, row.alert as Alert, new Set(row.outcomes.map((o) => o.plugin)), {
      receivedAt: row.receivedAt,
    }),
  );
  await Promise.all(runs);
  return pending.length;
}
