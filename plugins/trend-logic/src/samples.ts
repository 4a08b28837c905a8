import type { SampleAlert } from '@zepix/plugin-core';

const xau = { symbol: 'XAUUSD', strategy: 'ZepixPremium' };

/**
 * What `zepix test-plugin trend-logic` sends: bullish 15m and 1h trends so logic2 may buy, a 15m buy, the exit
 * that closes it, bearish trends, and a reversal that enters the sell.
 */
export const TREND_LOGIC_SAMPLES: readonly SampleAlert[] = [
  { name: 'trend 15m bull', body: { type: 'trend', signal: 'bull', tf: '15m', ...xau } },
  { name: 'trend 1h bull', body: { type: 'trend', signal: 'bull', tf: '1h', ...xau } },
  { name: 'entry buy 15m', body: { type: 'entry', signal: 'buy', tf: '15m', price: 2650, ...xau } },
  { name: 'exit bear (closes buys)', body: { type: 'exit', signal: 'bear', tf: '15m', price: 2651, ...xau } },
  { name: 'trend 15m bear', body: { type: 'trend', signal: 'bear', tf: '15m', ...xau } },
  { name: 'trend 1h bear', body: { type: 'trend', signal: 'bear', tf: '1h', ...xau } },
  {
    name: 'reversal to sell 15m',
    body: { type: 'reversal', signal: 'reversal_bear', tf: '15m', price: 2649, ...xau },
  },
];
