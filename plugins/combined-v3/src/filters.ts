import type { Direction } from '@zepix/plugin-core';
import type { CombinedV3Config } from './config.js';

/** Outcome of the consensus filter, with the threshold that applied. */
export type ConsensusCheck =
  | { readonly ok: true; readonly score: number; readonly required: number }
  | { readonly ok: false; readonly score?: number; readonly required: number; readonly reason: string };

/**
 * The score an entry needs: the strictest matching override (Institutional_Launchpad buy → 7 by default), else
 * `min_score` (5). An override replaces the global minimum, so it can also relax it for one signal.
 */
export function requiredConsensus(
  signalType: string | undefined,
  direction: Direction,
  consensus: CombinedV3Config['consensus'],
): number {
  const matching = consensus.min_score_overrides.filter(
    (o) => o.signal === signalType && (o.direction === 'any' || o.direction === direction),
  );
  if (matching.length === 0) return consensus.min_score;
  return Math.max(...matching.map((o) => o.min_score));
}

/** Applies the consensus filter; an entry without a score is refused rather than guessed. */
export function checkConsensus(
  score: number | undefined,
  signalType: string | undefined,
  direction: Direction,
  consensus: CombinedV3Config['consensus'],
): ConsensusCheck {
  const required = requiredConsensus(signalType, direction, consensus);
  const name = signalType ?? 'entry';
  if (score === undefined) {
    return { ok: false, required, reason: `the ${name} ${direction} carries no consensus score (needs ${required})` };
  }
  if (score < required) {
    return {
      ok: false,
      score,
      required,
      reason: `consensus ${score} is below the ${required} a ${name} ${direction} needs`,
    };
  }
  return { ok: true, score, required };
}

/**
 * Whether an entry closes the opposite side before it opens: a listed aggressive signal, or (as in the original
 * engine) any entry whose consensus reaches `min_consensus`.
 */
export function isAggressive(
  signalType: string | undefined,
  score: number | undefined,
  settings: CombinedV3Config['aggressive_reversal'],
): boolean {
  if (!settings.enabled) return false;
  if (signalType !== undefined && settings.signals.includes(signalType)) return true;
  return settings.min_consensus !== null && score !== undefined && score >= settings.min_consensus;
}

/** Why a stop-loss cannot be used, or undefined when it sits on the losing side of the entry price. */
export function stopLossProblem(direction: Direction, price: number | undefined, stopLoss: number | undefined) {
  if (stopLoss === undefined)
    return 'the alert carries no stop-loss (sl_price) and combined-v3 never trades without one';
  if (price === undefined) return undefined;
  const wrongSide = direction === 'buy' ? stopLoss >= price : stopLoss <= price;
  return wrongSide ? `the stop-loss ${stopLoss} is on the wrong side of the ${direction} price ${price}` : undefined;
}
