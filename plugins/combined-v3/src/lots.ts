import { roundHalfUp } from '@zepix/plugin-core';
import type { CombinedV3Config } from './config.js';

/** The factors behind an entry's lot multiplier, kept apart so the journal shows where the size came from. */
export interface LotMultiplier {
  readonly consensus: number;
  readonly logic: number;
  readonly position: number;
  readonly total: number;
}

const round = roundHalfUp;

/**
 * The original V3 consensus multiplier: linear from `min` at score 0 to `max` at `max_score`, rounded to two
 * decimals (defaults 0.2 + score/9 × 0.8: score 5 → 0.64, 7 → 0.82, 9 → 1.0). Scores outside 0…max_score are
 * clamped.
 */
export function consensusMultiplier(score: number, settings: CombinedV3Config['lots']['consensus_multiplier']): number {
  const clamped = Math.min(Math.max(score, 0), settings.max_score);
  return round(settings.min + (clamped / settings.max_score) * (settings.max - settings.min), 2);
}

/**
 * Total multiplier = consensus × logic × the alert's `position_multiplier` (when present, positive and enabled).
 * Rounded to four decimals so float noise never reaches the lot-sizing service.
 */
export function lotMultiplier(options: {
  readonly consensusScore: number;
  readonly logicMultiplier: number;
  readonly positionMultiplier: number | undefined;
  readonly lots: CombinedV3Config['lots'];
}): LotMultiplier {
  const consensus = consensusMultiplier(options.consensusScore, options.lots.consensus_multiplier);
  const usePosition =
    options.lots.apply_position_multiplier &&
    options.positionMultiplier !== undefined &&
    options.positionMultiplier > 0;
  const position = usePosition ? (options.positionMultiplier ?? 1) : 1;
  return {
    consensus,
    logic: options.logicMultiplier,
    position,
    total: round(consensus * options.logicMultiplier * position, 4),
  };
}
