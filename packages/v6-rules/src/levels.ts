/** ADX strength bands of the V6 script: STRONG ≥ 25, MODERATE ≥ 20, WEAK ≥ 15, below that NONE. */
export type AdxStrength = 'STRONG' | 'MODERATE' | 'WEAK' | 'NONE';

/** Confidence bands of a V6 score: HIGH ≥ 80, MODERATE ≥ 60, below that LOW. */
export type ConfidenceLevel = 'HIGH' | 'MODERATE' | 'LOW';

/** Market state from trend-pulse counts. */
export type MarketState = 'TRENDING' | 'SIDEWAYS' | 'WEAK';

/** The ADX band of a reading. */
export function adxStrength(adx: number): AdxStrength {
  if (adx >= 25) return 'STRONG';
  if (adx >= 20) return 'MODERATE';
  if (adx >= 15) return 'WEAK';
  return 'NONE';
}

/** The confidence band of a 0–100 score. */
export function confidenceLevel(score: number): ConfidenceLevel {
  if (score >= 80) return 'HIGH';
  if (score >= 60) return 'MODERATE';
  return 'LOW';
}

/** TRENDING when one side leads by more than 2, SIDEWAYS when they differ by 1 or less, else WEAK. */
export function marketState(bulls: number, bears: number): MarketState {
  const lead = Math.abs(bulls - bears);
  if (lead > 2) return 'TRENDING';
  if (lead <= 1) return 'SIDEWAYS';
  return 'WEAK';
}
