import { afterEach, describe, expect, it } from 'vitest';
import { V6Bot, V6_CONFIG, V6_PLUGINS, v6Entry, v6Exit, v6Pulse } from '../v6Support.js';

const bots: V6Bot[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.remove();
});

async function start(config: unknown = V6_CONFIG, clockOffset?: SharedArrayBuffer): Promise<V6Bot> {
  const bot = await V6Bot.start(config, clockOffset);
  bots.push(bot);
  return bot;
}

/** A clock the test moves (shared with the engine thread); it starts at the real time so journal and trading days agree. */
function movableClock() {
  const offset = new SharedArrayBuffer(8);
  const view = new BigInt64Array(offset);
  return { offset, minutes: (n: number) => Atomics.add(view, 0, BigInt(n * 60_000)) };
}

describe('per-plugin risk budgets, break-even and holding time through the webhook', () => {
  it('refuses past a plugin budget, naming it, while other plugins trade on; the counts survive a restart', async () => {
    const config = { ...V6_CONFIG, plugins: { ...V6_PLUGINS, 'v6-1h': { risk: { max_trades_per_day: 3 } } } };
    const bot = await start(config);
    await bot.send(v6Pulse(60, 5, 1, '240:BEAR→BULL,1D:BEAR→BULL'));
    expect((await bot.answer(v6Entry({ tf: 60, price: 2030.5 }), 'v6-1h')).status).toBe('ok');
    expect((await bot.answer(v6Entry({ tf: 60, price: 2030.6 }), 'v6-1h')).status).toBe('ok');
    const third = await bot.answer(v6Entry({ tf: 60, price: 2030.7 }), 'v6-1h');
    expect(third).toMatchObject({ status: 'rejected' });
    expect(third.message).toContain('ZEPIX_BUDGET_MAX_OPEN');
    expect(third.message).toContain('its budget plugins.v6-1h.risk.max_open is 2');
    for (const tf of [5, 15, 60]) await bot.send(v6Pulse(tf, 5, 1));
    expect((await bot.answer(v6Entry({ tf: 15, price: 2030.7 }), 'v6-15m')).status).toBe('ok');

    await bot.send(v6Exit(60, 'buy', 2030.7));
    await bot.restart();
    expect((await bot.answer(v6Entry({ tf: 60, price: 2030.8 }), 'v6-1h')).status).toBe('ok');
    await bot.send(v6Exit(60, 'buy', 2030.8));
    const fifth = await bot.answer(v6Entry({ tf: 60, price: 2030.9 }), 'v6-1h');
    expect(fifth.message).toContain('has placed 3 trades today, its budget plugins.v6-1h.risk.max_trades_per_day is 3');
    expect((await bot.bot.api('/risk')).body.budgets).toMatchObject({
      'v6-1h': {
        budget: { max_lot: 0.3, max_open: 2, max_trades_per_day: 3, daily_loss_usd: 500 },
        open: 0,
        tradesToday: 3,
      },
      'v6-1m': {
        budget: { max_lot: 0.1, max_open: 3, max_trades_per_day: 20, daily_loss_usd: 200, min_rr_ratio: 0.5 },
        tradesToday: 0,
      },
    });
  });

  it('refuses a bad plugins.<id>.risk at start-up, saying which field', async () => {
    const config = { ...V6_CONFIG, plugins: { ...V6_PLUGINS, 'v6-5m': { risk: { max_open: 0 } } } };
    const bot = await start(config);
    const report = JSON.stringify((await bot.bot.api('/plugins')).body.report);
    expect(report).toContain('plugins.v6-5m.risk.max_open');
  });

  it('5m: after B reaches TP1, A moves to break-even + 2 pips, also when the bot restarted in between', async () => {
    const bot = await start();
    await bot.send(v6Pulse(15, 5, 1, '15:BEAR→BULL'));
    await bot.send(v6Entry({ tf: 5 }));
    await bot.restart();
    await bot.price(2032.1);
    const [a, b] = await bot.trades('v6-5m');
    expect(b).toMatchObject({ leg: 'B', state: 'closed', closeReason: 'tp' });
    expect(a).toMatchObject({ leg: 'A', state: 'open' });
    expect(a?.stopLoss).toBeCloseTo((a?.entryPrice ?? 0) + 0.02, 6);
    await bot.price(2030);
    const [stopped] = await bot.trades('v6-5m');
    expect(stopped).toMatchObject({ state: 'closed', closeReason: 'sl' });
  });

  it('1m: a position held 15 minutes closes, also when the time ran out while the bot was down', async () => {
    const clock = movableClock();
    const bot = await start(V6_CONFIG, clock.offset);
    await bot.send(v6Pulse(1, 4, 1));
    await bot.send(v6Entry({ tf: 1 }));
    clock.minutes(14);
    await bot.price(2030.5);
    expect((await bot.trades('v6-1m')).map((t) => t.state)).toEqual(['open']);
    await bot.bot.stop();
    clock.minutes(2);
    await bot.restart();
    expect(await bot.trades('v6-1m')).toMatchObject([
      { state: 'closed', exitNote: 'maximum holding time: open 15 min' },
    ]);
  });
});
