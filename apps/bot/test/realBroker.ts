import { afterEach } from 'vitest';

/** A row of GET /api/trades, as the real-broker e2e tests read it. */
export interface Trade {
  leg: string;
  state: string;
  lots: number;
  entryPrice: number;
  stopLoss: number | null;
  closeReason: string | null;
  realizedPnl: number;
}

/** Cleanups registered by a test, run after it in reverse order (emulators, bots, folders). */
export function cleanupAfterEach(): (() => Promise<void>)[] {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return cleanups;
}

/**
 * A V3 Institutional_Launchpad buy of gold at 2030 (SL 2028, TP 2032/2035, every timeframe aligned): with the real
 * combined-v3 plugin it opens dual orders A and B of 0.36 lots on a $100k account. The real-broker e2e tests send it.
 */
export const GOLD_V3_ENTRY = {
  type: 'entry_v3',
  signal_type: 'Institutional_Launchpad',
  symbol: 'XAUUSD',
  direction: 'buy',
  tf: '15',
  price: 2030,
  consensus_score: 8,
  sl_price: 2028,
  tp1_price: 2032,
  tp2_price: 2035,
  mtf_trends: '1,1,1,1,1',
  market_trend: 1,
  position_multiplier: 0.8,
} as const;
