import { JournalError } from '@zepix/journal';
import type { Journal } from '@zepix/journal';
import type { Logger } from 'pino';
import type { Notifier } from '../runtime/notifier.js';

/**
 * @internal A plugin's breaker tripped: the plugin is already disabled in this run. The operator is told either
 * way; a save that fails (another process holds the journal locked, a full disk) is logged and said in the notice,
 * since the next start runs the plugin again. Nothing here throws into the dispatch that recorded the failure.
 */
export function circuitOpened(
  holder: { readonly notifier?: Pick<Notifier, 'notify'>; readonly journal?: Pick<Journal, 'setPluginState'> },
  logger: Pick<Logger, 'error'>,
  id: string,
  why: string,
): void {
  logger.error({ plugin: id, lastError: why }, 'plugin disabled by its circuit breaker');
  let unsaved = '';
  try {
    holder.journal?.setPluginState(id, false, `circuit breaker: ${why}`);
  } catch (error) {
    logger.error({ plugin: id, err: error }, 'the circuit breaker could not save the disabled state');
    const code = error instanceof JournalError ? error.code : 'an unexpected error';
    unsaved = ` (not saved, ${code}: after a restart it runs until the breaker trips again; the log says why)`;
  }
  holder.notifier?.notify(`Plugin ${id} was disabled by its circuit breaker: ${why}${unsaved}`, 'plugin_disabled');
}
