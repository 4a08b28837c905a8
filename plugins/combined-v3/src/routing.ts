import type { CombinedV3Config, LogicId } from './config.js';

/** Which logic an entry goes to, and which rule chose it (for the journal). */
export interface Route {
  readonly logic: LogicId;
  readonly rule: 'signal-override' | 'timeframe' | 'nearest-timeframe' | 'default';
}

/**
 * Picks the nearest mapped timeframe by distance in minutes. On a tie the longer timeframe wins: its logic trades
 * smaller lots, so an ambiguous chart errs on the careful side.
 */
function nearestTimeframe(timeframe: number, mapped: readonly number[]): number | undefined {
  let best: number | undefined;
  for (const candidate of mapped) {
    if (best === undefined) {
      best = candidate;
      continue;
    }
    const distance = Math.abs(candidate - timeframe);
    const bestDistance = Math.abs(best - timeframe);
    if (distance < bestDistance || (distance === bestDistance && candidate > best)) best = candidate;
  }
  return best;
}

/**
 * Routes a V3 entry: a signal override first (Screener_Full_* always, Golden_Pocket_Flip on 1h/4h → logic3),
 * then the timeframe table (5 → logic1, 15 → logic2, 60/240 → logic3), then the nearest mapped timeframe or
 * the default logic for charts the table does not list.
 */
export function routeToLogic(
  signalType: string | undefined,
  timeframe: number,
  routing: CombinedV3Config['routing'],
): Route {
  const override = routing.signal_overrides.find(
    (o) => o.signal === signalType && (!o.timeframes || o.timeframes.includes(timeframe)),
  );
  if (override) return { logic: override.logic, rule: 'signal-override' };
  const direct = routing.timeframes[String(timeframe)];
  if (direct) return { logic: direct, rule: 'timeframe' };
  if (routing.unmapped_timeframe === 'nearest') {
    const nearest = nearestTimeframe(timeframe, Object.keys(routing.timeframes).map(Number));
    const logic = nearest === undefined ? undefined : routing.timeframes[String(nearest)];
    if (logic) return { logic, rule: 'nearest-timeframe' };
  }
  return { logic: routing.default_logic, rule: 'default' };
}
