import { v3Entry } from './tradingSteps.js';

/**
 * The fields of a Combined V3 entry alert at `price` (SL 2 below, TP1 2 above, TP2 5 above), as TradingView sends
 * it: the trading suites' `v3Entry` without its position multiplier.
 */
export function v3EntryFields(price: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { position_multiplier: _multiplier, ...fields } = v3Entry(price);
  return { ...fields, ...extra };
}
