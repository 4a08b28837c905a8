import type { Direction } from './alerts.js';
import type { PluginResult } from './results.js';
import type { PluginServices, ServiceResult } from './services.js';

/** What closing one side of a symbol did. */
export interface CloseSideOutcome {
  readonly closed: readonly string[];
  readonly stoppedChains: number;
  readonly cancelledMonitors: number;
}

/** Turns a refused or unconfirmed service call into a plugin result: `unknown` is a failure the bot reconciles. */
export function serviceFailure(
  result: Extract<ServiceResult<unknown>, { ok: false }>,
  message: string,
  data: Readonly<Record<string, unknown>> = {},
): PluginResult {
  const status = result.status === 'rejected' ? 'rejected' : 'failed';
  return { status, message: `${message}: ${result.reason} (${result.code}).`, data: { ...data, code: result.code } };
}

/**
 * Stops the profit chains and cancels the re-entry monitors of one side on the symbol, then closes this
 * plugin's positions on that side; the other side's chains and monitors carry on. Chains and monitors go first so none of them re-opens a position while the close is under way, and so
 * an exit-continuation monitor armed by the close itself survives.
 */
export async function closeSide(
  services: PluginServices,
  options: { readonly symbol: string; readonly side: Direction; readonly reason: string },
): Promise<
  { readonly ok: true; readonly outcome: CloseSideOutcome } | { readonly ok: false; readonly result: PluginResult }
> {
  const { symbol, side, reason } = options;
  const chains = await services.profitBooking.stopChains({ symbol, direction: side, reason });
  const monitors = await services.reentry.cancelMonitors({ symbol, direction: side, reason });
  // A chain or monitor that could not be stopped must not keep the positions open: log it and close anyway.
  if (!chains.ok) services.logger.warn({ symbol, code: chains.code }, `could not stop chains: ${chains.reason}`);
  if (!monitors.ok)
    services.logger.warn({ symbol, code: monitors.code }, `could not cancel monitors: ${monitors.reason}`);
  const closed = await services.orderExecution.closePositions({ symbol, direction: side, reason });
  if (!closed.ok) {
    return { ok: false, result: serviceFailure(closed, `Could not close ${side} positions on ${symbol}`, { side }) };
  }
  return {
    ok: true,
    outcome: {
      closed: closed.value.closed,
      stoppedChains: chains.ok ? chains.value.stopped : 0,
      cancelledMonitors: monitors.ok ? monitors.value.cancelled : 0,
    },
  };
}
