import type { SampleAlert } from '@zepix/plugin-core';

const entry = {
  type: 'entry_v3',
  signal_type: 'Institutional_Launchpad',
  symbol: 'XAUUSD',
  direction: 'buy',
  tf: '15',
  price: 2030,
  consensus_score: 8,
  sl_price: 2028,
  tp1_price: 2033,
  tp2_price: 2035,
  mtf_trends: '1,1,1,1,1',
  market_trend: 1,
};

/** What `zepix test-plugin combined-v3` sends: a V3 buy with its dual order, then the exit that closes it. */
export const COMBINED_V3_SAMPLES: readonly SampleAlert[] = [
  { name: 'entry_v3 Institutional_Launchpad buy', body: entry },
  {
    name: 'exit_v3 Bearish_Exit (closes buys)',
    body: {
      type: 'exit_v3',
      signal_type: 'Bearish_Exit',
      symbol: 'XAUUSD',
      direction: 'buy',
      tf: '15',
      price: 2031,
      consensus_score: 3,
    },
  },
];
