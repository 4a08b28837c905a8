import { describe, expect, it } from 'vitest';
import { runCliAsync } from '../runCli.js';
import { legacy, price, restart, send, singleTrendLogic, start, trades, v3Entry } from '../tradingSteps.js';

describe('a V3 entry through the webhook into the paper broker', () => {
  it('opens dual orders, books a profit chain, re-enters after an SL hunt, and resumes both after restarts', async () => {
    let bot = await start({ broker: { starting_balance: 100_000 } });
    await send(bot, v3Entry(2030));
    const [a, b] = await trades(bot, '?plugin=combined-v3');
    // Lots: $100k tier fixed 0.5 × consensus 8 (0.91) × logic2 (1.0) × position multiplier 0.8 → 0.36.
    // Fill at the ask: 2030 + half the 20-pip XAUUSD spread.
    expect(a).toMatchObject({
      leg: 'A',
      state: 'open',
      lots: 0.36,
      entryPrice: 2030.1,
      stopLoss: 2028,
      takeProfit: 2035,
    });
    expect(b).toMatchObject({
      leg: 'B',
      state: 'open',
      lots: 0.36,
      entryPrice: 2030.1,
      stopLoss: 2029.822, // $10 of risk on 0.36 lots: 27.8 pips
      takeProfit: 2032,
      chainLevel: 1,
    });

    await price(bot, 2030.5); // B is up $10.80 ≥ $7: booked, and level 2 opens two orders
    let all = await trades(bot);
    expect(all.find((t) => t.leg === 'B')).toMatchObject({ state: 'closed', realizedPnl: 10.8 });
    expect(all.filter((t) => t.chainLevel === 2 && t.state === 'open')).toHaveLength(2);

    bot = await restart(bot); // in the middle of an open chain
    await price(bot, 2031); // both level-2 orders book ≥ $7 → level 3 opens four
    all = await trades(bot);
    expect(all.filter((t) => t.chainLevel === 2).every((t) => t.state === 'closed' && t.realizedPnl >= 7)).toBe(true);
    expect(all.filter((t) => t.chainLevel === 3 && t.state === 'open')).toHaveLength(4);

    await price(bot, 2027.9); // A stops out at its SL: an SL-hunt monitor is armed (logic2: 45 min)
    all = await trades(bot);
    expect(all.find((t) => t.leg === 'A')).toMatchObject({ state: 'closed', closeReason: 'sl' });
    expect(all.filter((t) => t.state === 'open')).toHaveLength(0);

    bot = await restart(bot); // with the re-entry still pending
    await price(bot, 2028.5); // price is back above the SL and the trends still agree: re-enter
    const reentry = (await trades(bot)).find((t) => t.origin === 'reentry');
    expect(reentry).toMatchObject({ plugin: 'combined-v3', state: 'open', reentryLevel: 1 });
    // 30 % tighter than A's original 2.10 stop distance.
    expect(reentry!.entryPrice - reentry!.stopLoss!).toBeCloseTo(2.1 * 0.7, 2);
  });
});

describe('ownership and risk', () => {
  it("an exit closes only the owning plugin's positions", async () => {
    const bot = await start({ broker: { starting_balance: 100_000 }, plugins: singleTrendLogic });
    await send(bot, legacy('trend', 'bull', { tf: '15m' }));
    await send(bot, legacy('trend', 'bull', { tf: '1h' }));
    await send(bot, legacy('entry', 'buy', { price: 2650 }));
    await send(bot, v3Entry(2650));
    expect((await trades(bot, '?state=open')).map((t) => t.plugin).sort()).toEqual([
      'combined-v3',
      'combined-v3',
      'trend-logic',
    ]);

    await send(bot, {
      type: 'exit_v3',
      signal_type: 'Bearish_Exit',
      symbol: 'XAUUSD',
      direction: 'buy',
      tf: '15',
      price: 2651,
      consensus_score: 3,
    });
    expect((await trades(bot, '?state=open')).map((t) => t.plugin)).toEqual(['trend-logic']);

    await send(bot, legacy('exit', 'bear', { price: 2651 })); // bear closes buys: now trend-logic's own
    expect(await trades(bot, '?state=open')).toEqual([]);
  });

  it('a tripped daily loss cap blocks entries but still lets exits through', async () => {
    const bot = await start({
      broker: { starting_balance: 5_000 },
      // With the worst-case gate off, a 1-lot entry (−$235 at its SL) may open and trip the cap on its open loss.
      trading: { risk: { worst_case: false }, lot_sizing: { symbol_lots: { XAUUSD: 1 } } },
      plugins: singleTrendLogic,
    });
    await send(bot, legacy('trend', 'bull', { tf: '15m' }));
    await send(bot, legacy('trend', 'bull', { tf: '1h' }));
    await send(bot, legacy('entry', 'buy', { price: 2650 }));
    expect(await trades(bot, '?plugin=trend-logic&state=open')).toHaveLength(1);

    await price(bot, 2648.2); // about −$190 open on one lot: over the $100 daily cap of the $5k tier
    const risk = (await bot.api('/risk')).body;
    expect(risk).toMatchObject({ dailyLossCap: 100 });
    expect(risk.dailyLoss as number).toBeGreaterThan(100);
    expect(risk.blockedReason).toMatch(/daily/i);

    const refused = await send(bot, v3Entry(2648.2));
    const outcome = bot.running.journal.get(refused)?.outcomes.find((o) => o.plugin === 'combined-v3');
    expect(outcome?.status).not.toBe('ok');
    expect(JSON.stringify(outcome)).toContain('ZEPIX_RISK_DAILY_CAP');
    expect(await trades(bot, '?plugin=combined-v3')).toEqual([]);

    await send(bot, legacy('exit', 'bear', { price: 2648.3 }));
    expect(await trades(bot, '?state=open')).toEqual([]);
  });

  it('pause allows exits only; close-all needs its confirmation', async () => {
    const bot = await start({ broker: { starting_balance: 100_000 } });
    await send(bot, v3Entry(2030));
    expect((await bot.api('/pause', { method: 'POST', body: { reason: 'news' } })).body).toMatchObject({
      paused: true,
    });
    const refused = await send(bot, v3Entry(2030, { signal_type: 'Momentum_Breakout' }));
    expect(JSON.stringify(bot.running.journal.get(refused)?.outcomes)).toContain('ZEPIX_RISK_PAUSED');
    expect(await trades(bot, '?state=open')).toHaveLength(2);
    const unconfirmed = await bot.api('/close-all', { method: 'POST', body: {} });
    expect(unconfirmed.status).toBe(400);
    expect(JSON.stringify(unconfirmed.body)).toContain('CLOSE ALL');
    expect((await bot.api('/close-all', { method: 'POST', body: { confirm: 'CLOSE ALL' } })).body).toEqual({
      closed: 2,
      failed: 0,
    });
    expect(await trades(bot, '?state=open')).toEqual([]);
    await bot.api('/resume', { method: 'POST' });
    expect((await bot.api('/risk')).body.paused).toBe(false);
    const analytics = (await bot.api('/analytics')).body;
    expect(JSON.stringify(analytics)).toContain('combined-v3');
  });
});

describe('take-profit, operator close and chains', () => {
  it('fires a take-profit on a price move, closes one trade for the operator, and lists chains', async () => {
    // $100k: at the $5k tier's 0.01 lots, order B's $10 stop would sit $10 away, too wide for the 1:1 minimum to TP1.
    const bot = await start({ broker: { starting_balance: 100_000 }, plugins: singleTrendLogic });
    await send(bot, legacy('trend', 'bull', { tf: '15m' }));
    await send(bot, legacy('trend', 'bull', { tf: '1h' }));
    await send(bot, legacy('entry', 'buy', { price: 2650 }));
    const [single] = await trades(bot, '?plugin=trend-logic');
    expect(single).toMatchObject({ state: 'open', leg: 'single' });
    await price(bot, single!.takeProfit! + 0.5);
    expect((await trades(bot, '?plugin=trend-logic'))[0]).toMatchObject({ state: 'closed', closeReason: 'tp' });
    expect((await trades(bot, '?plugin=trend-logic'))[0]!.realizedPnl).toBeGreaterThan(0);

    await send(bot, v3Entry(single!.takeProfit! + 0.5));
    // The alert's price ran 2 pips past trend-logic's TP: its TP continuation re-entered.
    expect((await trades(bot, '?plugin=trend-logic&state=open'))[0]).toMatchObject({ origin: 'reentry' });
    const open = await trades(bot, '?plugin=combined-v3&state=open');
    expect((await bot.api('/chains')).body.chains).toEqual([
      expect.objectContaining({ symbol: 'XAUUSD', level: 1, state: 'active' }),
    ]);
    const closed = await bot.api(`/trades/${open[0]!.id}/close`, { method: 'POST', body: { reason: 'operator test' } });
    expect(closed.body).toMatchObject({ ok: true });
    expect((await trades(bot, '?plugin=combined-v3&state=open')).map((t) => t.id)).toEqual([open[1]!.id]);
    expect((await bot.api('/trades/999/close', { method: 'POST' })).status).toBe(404);
  });
});

describe('zepix trades and zepix risk', () => {
  it('read the running bot through its API', async () => {
    const bot = await start({ broker: { starting_balance: 100_000 } });
    await send(bot, v3Entry(2030));
    const env = { ZEPIX_API_TOKEN: bot.running.secrets.apiToken };
    const listed = await runCliAsync(['trades', '--url', bot.url, '--state', 'open'], { cwd: bot.dataDir, env });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/open\s+combined-v3\s+XAUUSD buy\s+0\.36\s+@ 2030\.1\s+SL 2028 TP 2035\s+leg A/);
    const risk = await runCliAsync(['risk', '--url', bot.url], { cwd: bot.dataDir, env });
    expect(risk.stdout).toContain('daily loss');
    expect(risk.stdout).toMatch(/of 2000\.00/);
    const down = await runCliAsync(['risk', '--url', 'http://127.0.0.1:9'], { cwd: bot.dataDir, env });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('the bot is not answering');
  });
});
