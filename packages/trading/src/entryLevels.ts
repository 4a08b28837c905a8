import { TradingErrorCode } from './errors.js';
import type { EntryCheck, Refusal } from './RiskGate.js';

/** The reward:risk floor an order is held to, the config key that sets it and the fix a refusal suggests. */
export interface RewardRiskFloor {
  readonly min: number;
  readonly key: string;
  readonly fix: string;
}

/**
 * The entry's own levels: SL and TP each on the right side of the entry, and reward:risk at least the floor when
 * both are given. Needs no state, so it lives apart from the gate's caps and counters.
 */
export function levelsRefusal(check: EntryCheck, floor: RewardRiskFloor): Refusal | undefined {
  const { entry, direction } = check;
  const sl = check.stopLoss ?? undefined;
  const tp = check.takeProfit ?? undefined;
  if (entry === undefined) return undefined;
  const sign = direction === 'buy' ? 1 : -1;
  if (sl !== undefined && (entry - sl) * sign <= 0) {
    return {
      code: TradingErrorCode.InvalidLevels,
      reason: `stop loss ${sl} is on the wrong side of the ${direction} entry ${entry}. Fix: a ${direction} needs its SL ${direction === 'buy' ? 'below' : 'above'} the price`,
    };
  }
  if (tp !== undefined && (tp - entry) * sign <= 0) {
    return {
      code: TradingErrorCode.InvalidLevels,
      reason: `take profit ${tp} is on the wrong side of the ${direction} entry ${entry}. Fix: a ${direction} needs its TP ${direction === 'buy' ? 'above' : 'below'} the price`,
    };
  }
  // Stryker disable next-line LogicalOperator: with either level missing the ratio is NaN, which refuses nothing either
  if (sl === undefined || tp === undefined) return undefined;
  const rr = Math.abs(tp - entry) / Math.abs(entry - sl);
  const { min, key, fix } = floor;
  if (rr + 1e-9 < min) {
    return {
      code: TradingErrorCode.RiskReward,
      reason: `reward:risk ${rr.toFixed(2)} is below ${key} ${min} (entry ${entry}, SL ${sl}, TP ${tp}). Fix: move the TP further, the SL closer, or ${fix}`,
    };
  }
  return undefined;
}
