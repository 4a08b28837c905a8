import { describe, expect, it } from 'vitest';
import { legacy, price, send, start, trades } from '../tradingSteps.js';

/** trend-logic on legacy alerts with both legs: order B grows a profit chain. */
const dualTrendLogic = { 'trend-logic': { orders: { mode: 'dual' } } };

async function bullTrends(bot: Parameters<typeof send>[0]): Promise<void> {
  await send(bot, legacy('trend', 'bull', { tf: '15m' }));
  await send(bot, legacy('trend', 'bull', { tf: '1h' }));
}

describe('an exit stops only the closed side (issue 9.1)', () => {
  it('an "exit bull" that closes no sells leaves the buys\' chain running', async () => {
    const bot = await start({ broker: { starting_balance: 100_000 }, plugins: dualTrendLogic });
    await bullTrends(bot);
    await send(bot, legacy('entry', 'buy', { price: 2650 }));
    const opened = await trades(bot, '?plugin=trend-logic&state=open');
    expect(opened.map((t) => t.leg).sort()).toEqual(['A', 'B']);

    const exit = await send(bot, legacy('exit', 'bull', { price: 2650.2 })); // bull closes sells: there are none
    const outcome = bot.running.journal.get(exit)?.outcomes.find((o) => o.plugin === 'trend-logic');
    expect(outcome?.data).toMatchObject({ closed: [], stoppedChains: 0 });
    expect((await bot.api('/chains')).body.chains).toEqual([
      expect.objectContaining({ symbol: 'XAUUSD', direction: 'buy', level: 1, state: 'active' }),
    ]);

    await price(bot, 2650.5); // B books ≥ $7: the chain's next level opens
    const all = await trades(bot, '?plugin=trend-logic');
    expect(all.find((t) => t.leg === 'B')).toMatchObject({ state: 'closed' });
    expect(all.filter((t) => t.chainLevel === 2 && t.state === 'open')).toHaveLength(2);

    await send(bot, legacy('exit', 'bear', { price: 2650.5 })); // bear closes the buys and their chain
    expect((await bot.api('/chains')).body.chains).toEqual([expect.objectContaining({ state: 'stopped' })]);
    expect(await trades(bot, '?state=open')).toEqual([]);
  });
});
