import type { SampleAlert } from '@zepix/plugin-core';

/** Legacy bodies, one per signal method, for `zepix test-plugin` on a plugin that declares no samples. */
export function sampleAlertBodies(symbol: string, price: number): SampleAlert[] {
  const common = { symbol, tf: '5m', strategy: 'ZepixPremium' };
  const at = (offset: number) => Math.round((price + offset * price * 0.001) * 1e5) / 1e5;
  return [
    { name: 'entry (buy)', body: JSON.stringify({ type: 'entry', signal: 'buy', price: at(0), ...common }) },
    {
      name: 'exit (bear: closes buys)',
      body: JSON.stringify({ type: 'exit', signal: 'bear', price: at(1), ...common }),
    },
    {
      name: 'reversal (to sell)',
      body: JSON.stringify({ type: 'reversal', signal: 'reversal_bear', price: at(2), ...common }),
    },
  ];
}
