import { afterEach, describe, expect, it } from 'vitest';
import { V6Bot, V6_CONFIG, V6_PLUGINS, v6Entry, v6Exit, v6Pulse } from '../v6Support.js';

const bots: V6Bot[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.remove();
});

async function start(config: unknown = V6_CONFIG): Promise<V6Bot> {
  const bot = await V6Bot.start(config);
  bots.push(bot);
  return bot;
}

// Lots: the $100k tier's fixed 0.5 × the plugin's multiplier, cut to its budget's max_lot.
describe('the V6 plugins through the webhook with pipe-text alerts', () => {
  it('1m: order B only, SL 15 / TP 10 pips, 0.1 lots; each filter refuses with its reason; exit closes buys', async () => {
    const bot = await start();
    await bot.send(v6Pulse(1, 4, 1));
    const id = await bot.send(v6Entry({ tf: 1 }));
    expect(await bot.outcome(id, 'v6-1m')).toMatchObject({ status: 'ok' });
    expect(await bot.outcome(id, 'v6-5m')).toMatchObject({
      status: 'skipped',
      message: '[V6-5M] 1m alert skipped: v6-5m trades the 5m chart.',
    });
    const [b, ...none] = await bot.trades('v6-1m');
    expect(none).toHaveLength(0);
    expect(b).toMatchObject({ leg: 'B', state: 'open', lots: 0.1, stopLoss: 2030.35, takeProfit: 2030.6 });

    const lowScore = await bot.answer(v6Entry({ tf: 1, price: 2030.52, score: 79 }), 'v6-1m');
    expect(lowScore).toMatchObject({ status: 'rejected' });
    expect(lowScore.message).toContain('confidence 79 (MODERATE) is below filters.min_confidence 80');
    const lowAdx = await bot.answer(v6Entry({ tf: 1, price: 2030.53, adx: 19 }), 'v6-1m');
    expect(lowAdx.message).toContain('ADX 19 (WEAK) is below filters.min_adx 20');
    await bot.send(v6Pulse(1, 2, 3));
    const weakPulse = await bot.answer(v6Entry({ tf: 1, price: 2030.54 }), 'v6-1m');
    expect(weakPulse.message).toContain('trend pulse has 2 bullish of 6 timeframes, filters.pulse_min_count is 3');

    const exit = await bot.answer(v6Exit(1, 'buy', 2030.55), 'v6-1m');
    expect(exit).toMatchObject({ status: 'ok', message: '[V6-1M] EXIT_BEARISH: closed 1 buy position(s) on XAUUSD.' });
    expect((await bot.trades('v6-1m')).map((t) => t.state)).toEqual(['closed']);
  });

  it('1m refuses the paper broker default 20-pip gold spread', async () => {
    const bot = await start({ broker: { starting_balance: 100_000 }, plugins: V6_PLUGINS });
    await bot.send(v6Pulse(1, 4, 1));
    const wide = await bot.answer(v6Entry({ tf: 1 }), 'v6-1m');
    expect(wide).toMatchObject({ status: 'rejected' });
    expect(wide.message).toContain('spread 20 pips is wider than filters.max_spread_pips 2');
  });

  it('5m: A to TP2 and B to TP1 with the same SL, 0.2 lots each; refuses against the 15m trend; reverses', async () => {
    const bot = await start();
    await bot.send(v6Pulse(15, 5, 1, '15:BEAR→BULL'));
    const id = await bot.send(v6Entry({ tf: 5 }));
    expect(await bot.outcome(id, 'v6-5m')).toMatchObject({ status: 'ok' });
    const [a, b] = await bot.trades('v6-5m');
    expect(a).toMatchObject({ leg: 'A', lots: 0.2, stopLoss: 2028, takeProfit: 2035 });
    expect(b).toMatchObject({ leg: 'B', lots: 0.2, stopLoss: 2028, takeProfit: 2032 });
    const sell = await bot.answer(v6Entry({ tf: 5, side: 'sell', price: 2030.4 }), 'v6-5m');
    expect(sell).toMatchObject({ status: 'rejected' });
    expect(sell.message).toContain('the 15m trends do not agree with a sell');
    const weak = await bot.answer(v6Entry({ tf: 5, price: 2030.6, adx: 24 }), 'v6-5m');
    expect(weak.message).toContain('ADX 24 (MODERATE) is below filters.min_adx 25');

    await bot.send(v6Pulse(15, 1, 5, '15:BULL→BEAR'));
    const reversal = await bot.answer(v6Entry({ tf: 5, side: 'sell', price: 2030.3 }), 'v6-5m');
    expect(reversal).toMatchObject({ status: 'ok' });
    expect(reversal.message).toContain('after closing 2 buy');
    const after = await bot.trades('v6-5m');
    expect(after.map((t) => `${t.leg} ${t.state}`)).toEqual(['A closed', 'B closed', 'A open', 'B open']);
    expect(after[2]).toMatchObject({ stopLoss: 2032.8, takeProfit: 2025.8 });
  });

  it('15m: A only to TP2, 0.25 lots; refuses a sideways market and an unaligned 15m pulse', async () => {
    const bot = await start();
    for (const tf of [5, 15, 60]) await bot.send(v6Pulse(tf, 5, 1));
    const id = await bot.send(v6Entry({ tf: 15 }));
    expect(await bot.outcome(id, 'v6-15m')).toMatchObject({ status: 'ok' });
    expect(await bot.trades('v6-15m')).toMatchObject([{ leg: 'A', lots: 0.25, stopLoss: 2028, takeProfit: 2035 }]);
    await bot.send(v6Pulse(15, 3, 3));
    const sideways = await bot.answer(v6Entry({ tf: 15, price: 2030.6 }), 'v6-15m');
    expect(sideways.message).toContain('market state is SIDEWAYS (pulse 3/3); SIDEWAYS is blocked');
    await bot.send(v6Pulse(15, 1, 5));
    await bot.send(v6Pulse(60, 5, 0));
    const against = await bot.answer(v6Entry({ tf: 15, price: 2030.7 }), 'v6-15m');
    expect(against.message).toContain('the 15m trend pulse (1 bullish/5 bearish) does not favour a buy');
  });

  it('1h: A only to TP3 when sent, 0.3 lots; refuses when the 1D trend disagrees', async () => {
    const bot = await start();
    await bot.send(v6Pulse(60, 5, 1, '240:BEAR→BULL,1D:BEAR→BULL'));
    const id = await bot.send(v6Entry({ tf: 60, tp3: 2038.5 }));
    expect(await bot.outcome(id, 'v6-1h')).toMatchObject({ status: 'ok' });
    expect(await bot.trades('v6-1h')).toMatchObject([{ leg: 'A', lots: 0.3, stopLoss: 2028, takeProfit: 2038.5 }]);
    await bot.send(v6Pulse(60, 4, 2, '1D:BULL→BEAR'));
    const against = await bot.answer(v6Entry({ tf: 60, price: 2030.6 }), 'v6-1h');
    expect(against).toMatchObject({ status: 'rejected' });
    expect(against.message).toContain('the 240/1440m trends do not agree with a buy');
  });
});
