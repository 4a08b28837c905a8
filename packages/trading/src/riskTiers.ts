import type { RiskTier } from './config.js';

/** The highest tier whose balance is at or below `balance`; below the lowest tier, the lowest tier. */
export function tierFor(tiers: readonly RiskTier[], balance: number): RiskTier {
  const sorted = [...tiers].sort((a, b) => a.balance - b.balance);
  let chosen = sorted[0];
  if (chosen === undefined) throw new Error('risk.tiers is empty. Fix: list at least one tier in the trading config');
  for (const tier of sorted) if (tier.balance <= balance) chosen = tier;
  return chosen;
}

/** The most recent daily reset at or before `now`, for a reset time of `HH:MM` UTC. */
export function lastDailyReset(now: Date, resetUtc: string): Date {
  const [hours = 0, minutes = 0] = resetUtc.split(':').map(Number);
  const reset = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hours, minutes));
  // Before today's reset time the trading day began at yesterday's reset.
  if (reset.getTime() > now.getTime()) reset.setUTCDate(reset.getUTCDate() - 1);
  return reset;
}
