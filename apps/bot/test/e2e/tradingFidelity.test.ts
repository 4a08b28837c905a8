import { join } from 'node:path';
import { parseAlert } from '@zepix/alert-parser';
import { Journal } from '@zepix/journal';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { legacy, price, restart, send, singleTrendLogic, start, trades } from '../tradingSteps.js';
import { paperQuote } from '../botHarness.js';

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

describe('genuine repeats are traded again (issue 9.2)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const at = (iso: string) => vi.setSystemTime(new Date(`2026-11-30T${iso}Z`));
  const gbp = (type: string, signal: string, extra: Record<string, unknown> = {}) =>
    legacy(type, signal, { symbol: 'GBPUSD', ...extra });

  it('an id-less alert is a duplicate only within the resend window; one with an id for 24 h', async () => {
    at('08:00:00');
    const bot = await start({ broker: { starting_balance: 100_000 } });
    const post = async (fields: Record<string, unknown>) =>
      (await bot.post(JSON.stringify({ secret: bot.running.secrets.webhookSecret, ...fields }))).body.status;
    await send(bot, gbp('trend', 'bull', { tf: '15m', price: 1.27 }));
    await send(bot, gbp('trend', 'bull', { tf: '1h', price: 1.27 }));
    at('08:00:05');
    expect(await post(gbp('trend', 'bull', { tf: '1h', price: 1.27 }))).toBe('duplicate'); // TradingView's resend
    at('09:00:00');
    await send(bot, gbp('trend', 'bear', { tf: '1h', price: 1.27 }));
    at('10:00:00');
    await send(bot, gbp('trend', 'bull', { tf: '1h', price: 1.27 })); // back to bull, same price: a new alert
    await send(bot, gbp('entry', 'buy', { price: 1.27 }));
    expect((await trades(bot, '?plugin=trend-logic&state=open')).map((t) => t.leg)).toEqual(['A', 'B']);

    // The original's exit template carries no price: two exits on one day are two alerts.
    await send(bot, gbp('exit', 'bear'));
    expect(await trades(bot, '?state=open')).toEqual([]);
    at('11:00:00');
    await send(bot, gbp('entry', 'buy', { price: 1.271 }));
    at('12:00:00');
    await send(bot, gbp('exit', 'bear'));
    expect(await trades(bot, '?state=open')).toEqual([]);

    // An alert with its own id keeps the long window.
    await send(bot, gbp('trend', 'bull', { tf: '1d', id: 'GBPUSD-1D-1' }));
    at('20:00:00');
    expect(await post(gbp('trend', 'bull', { tf: '1d', id: 'GBPUSD-1D-1' }))).toBe('duplicate');
  });

  it('V6 pipe text (no id field) follows the id-less rule', async () => {
    at('08:00:00');
    const bot = await start({});
    const pulse = 'TREND_PULSE|XAUUSD|15|4|2|15,60|TRENDING_BULLISH';
    const post = async () =>
      (await bot.post(pulse, { contentType: 'text/plain', token: bot.running.secrets.webhookSecret })).body.status;
    expect(await post()).toBe('accepted');
    at('08:00:10');
    expect(await post()).toBe('duplicate');
    at('08:05:00');
    expect(await post()).toBe('accepted');
    await bot.settle();
  });

  it('honours intake.resend_window_seconds from the config', async () => {
    at('08:00:00');
    const bot = await start({ intake: { resend_window_seconds: 120 } });
    await send(bot, gbp('trend', 'bull', { tf: '1h' }));
    at('08:01:30');
    const again = await bot.post(
      JSON.stringify({ secret: bot.running.secrets.webhookSecret, ...gbp('trend', 'bull', { tf: '1h' }) }),
    );
    expect(again.body.status).toBe('duplicate');
  });
});

describe('the tier is fixed for the trading day (issue 9.4)', () => {
  it('a first loss from exactly $10,000 keeps the $10k tier until the daily reset; risk.tier pins it', async () => {
    const bot = await start({
      broker: { starting_balance: 10_000 },
      trading: { lot_sizing: { symbol_lots: { XAUUSD: 0.2 } } },
      plugins: singleTrendLogic,
    });
    await bullTrends(bot);
    await send(bot, legacy('entry', 'buy', { price: 2650 }));
    await send(bot, legacy('exit', 'bear', { price: 2649 })); // closed at a loss of $24
    await send(bot, legacy('entry', 'buy', { price: 2649 })); // the next order reads the new balance
    const risk = (await bot.api('/risk')).body;
    expect(risk.balance as number).toBeLessThan(10_000);
    expect(risk).toMatchObject({ tier: 10_000, dailyLossCap: 200 });

    const pinned = await start({ broker: { starting_balance: 10_000 }, trading: { risk: { tier: 25_000 } } });
    expect((await pinned.api('/risk')).body).toMatchObject({ tier: 25_000, dailyLossCap: 500 });
  });
});

describe('the daily cap is a cap (issue 9.3)', () => {
  it('counts open positions and the new order at their stop-losses, and shrinks re-entries like every order', async () => {
    const bot = await start({
      broker: { starting_balance: 5_000 }, // $100 daily cap
      trading: { lot_sizing: { symbol_lots: { XAUUSD: 0.4 } } },
      plugins: singleTrendLogic,
    });
    await bullTrends(bot);
    await send(bot, legacy('entry', 'buy', { price: 2650 }));
    const [first] = await trades(bot, '?plugin=trend-logic');
    // Filled at 2650.10 with its SL at 2647.75: $94 lost if the SL is hit.
    expect(first).toMatchObject({ state: 'open', lots: 0.4, stopLoss: 2647.75 });

    const refused = await send(bot, legacy('entry', 'buy', { price: 2650.05 }));
    const outcome = bot.running.journal.get(refused)?.outcomes.find((o) => o.plugin === 'trend-logic');
    expect(outcome?.status).toBe('rejected');
    expect(outcome?.message).toContain('ZEPIX_RISK_DAILY_CAP');
    expect(outcome?.message).toMatch(
      /daily worst case at \$\d+(\.\d+)? \(realized \$0 \+ open positions at their SL \$94/,
    );
    expect(await trades(bot, '?plugin=trend-logic')).toHaveLength(1);

    await price(bot, 2647.6); // the SL is hit: about $94 of the $100 is gone, an SL-hunt monitor is armed
    await price(bot, 2647.9); // back through the SL: the re-entry goes through smart lot like every order
    const reentry = (await trades(bot, '?plugin=trend-logic')).find((t) => t.origin === 'reentry');
    expect(reentry).toMatchObject({ state: 'open', lots: 0.02 }); // 0.4 × ($6 of $100 left) = 0.024 → 0.02

    await price(bot, 2600); // everything open stops out: the day stays within the cap
    const risk = (await bot.api('/risk')).body;
    expect(risk.dailyLoss as number).toBeLessThanOrEqual(100);
  });
});

describe("trend-logic trades with the original's defaults (issue 9.5)", () => {
  it('dual orders, the A-leg SL from the original table, and order B sized to a $10 risk', async () => {
    // $25k tier ($500 daily cap): room for gold's and USDJPY's A legs at their stop-losses under the worst case.
    const bot = await start({ broker: { starting_balance: 25_000 } });
    await bullTrends(bot);
    await send(bot, legacy('entry', 'buy', { price: 2650 }));
    const [a, b] = await trades(bot, '?plugin=trend-logic');
    // 0.1 lots (tier) × logic2's 1.0. A: 1500 pips × 1.5 = 22.50 below the alert's price, TP at RR 1.5.
    expect(a).toMatchObject({ leg: 'A', lots: 0.1, stopLoss: 2627.5, takeProfit: 2683.75 });
    // B: $10 / (0.1 lots × $1 a pip) = 100 pips below its 2650.10 fill.
    expect(b).toMatchObject({ leg: 'B', lots: 0.1, entryPrice: 2650.1, stopLoss: 2649.1, chainLevel: 1 });

    const jpy = (type: string, signal: string, extra: Record<string, unknown> = {}) =>
      legacy(type, signal, { symbol: 'USDJPY', ...extra });
    await send(bot, jpy('trend', 'bull', { tf: '15m' }));
    await send(bot, jpy('trend', 'bull', { tf: '1h' }));
    await send(bot, jpy('entry', 'buy', { price: 150 }));
    const usdjpyA = (await trades(bot, '?plugin=trend-logic')).find((t) => t.symbol === 'USDJPY' && t.leg === 'A');
    expect(usdjpyA?.stopLoss).toBeCloseTo(150 - 1.66 * 1.5, 6); // USDJPY 166 pips × 1.5
  });
});

describe('recovery replays old alerts without moving today (issue 9.8)', () => {
  it("a replayed alert keeps its receive time: newer trends stay, its price is not fed to today's market", async () => {
    let bot = await start({ broker: { starting_balance: 100_000 } });
    await send(bot, legacy('trend', 'bull', { tf: '1h', price: 2650 }));
    const dataDir = bot.dataDir;
    await bot.stop();
    // An alert from two hours ago the last run journaled but never dispatched (a crash between the two).
    const journal = Journal.open({ path: join(dataDir, 'zepix_journal.db') });
    const old = parseAlert(JSON.stringify(legacy('trend', 'bear', { tf: '1h', price: 2600 })));
    if (!old.ok) throw new Error('fixture alert does not parse');
    await journal.appendAccepted({
      receivedAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
      sender: '127.0.0.1',
      contentType: 'application/json',
      raw: '(replay fixture)',
      idempotencyKey: 'replay-fixture-1',
      dedupWindowMs: 30_000,
      alert: old.value,
      family: old.value.family,
      kind: old.value.kind,
      symbol: old.value.symbol,
    });
    await journal.close();

    bot = await restart(bot);
    await bot.settle(); // the engine queued it before the port opened
    expect(bot.running.journal.counts().pendingDispatch).toBe(0);
    const trends = (await bot.api('/trends?symbol=XAUUSD')).body.trends as { timeframe: number; trend: number }[];
    expect(trends.find((t) => t.timeframe === 60)?.trend).toBe(1);
    expect(paperQuote(bot.dataDir, 'XAUUSD')?.bid).toBeGreaterThan(2640);
  });
});
