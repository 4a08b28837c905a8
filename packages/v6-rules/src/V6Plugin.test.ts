import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlaceDualOrderOptions } from '@zepix/plugin-core';
import { createPluginHarness } from '@zepix/testing';
import type { PluginHarness } from '@zepix/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { v6ConfigSchema } from './config.js';
import { v6Entry, v6Exit, v6Pulse } from './testing/index.js';
import { V6Plugin } from './V6Plugin.js';

/** A V6 plugin with every filter switched on, so each can be seen refusing. */
class StrictV6 extends V6Plugin {
  static override configSchema = v6ConfigSchema({
    timeframe: 5,
    tag: '[V6-TEST]',
    legs: 'both',
    targetA: 'tp2',
    minAdx: 25,
    minConfidence: 70,
    maxSpreadPips: 2,
    pulseMinCount: 3,
    blockedMarketStates: ['SIDEWAYS'],
    pulseAlignment: [15],
    trendAlignment: [60],
    lotMultiplier: 1,
    breakEvenAfterTp1Pips: 2,
    maxHoldMinutes: 30,
  });
}

const harnesses: PluginHarness<StrictV6>[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

/**
 * A strict V6 plugin on the real engine, XAUUSD at 2030.50/2030.51 with 60m bullish. Leg B's TP1 is 0.6 × its
 * risk, so the plugin's own reward:risk floor (`plugins.v6-test.risk`) is lowered to let both legs open.
 */
async function harness(dataDir?: string) {
  const h = await createPluginHarness(StrictV6, {
    id: 'v6-test',
    config: { risk: { min_rr_ratio: 0.5 } },
    trends: { XAUUSD: { 60: 1 } },
    ...(dataDir ? { dataDir } : {}),
  });
  harnesses.push(h);
  await h.price('XAUUSD', 2030.5, 2030.51);
  return h;
}

async function setup() {
  const h = await harness();
  await h.plugin.onInfoSignal(v6Pulse(5, 1, 15));
  return { h, plugin: h.plugin };
}

describe('the V6 plugin logic', () => {
  it('places the configured legs with the same SL, break-even and holding time when every filter passes', async () => {
    const { h, plugin } = await setup();
    const result = await plugin.processEntrySignal(v6Entry());
    expect(result.status).toBe('ok');
    const [order] = h.callsTo('orderExecution', 'placeDualOrder') as PlaceDualOrderOptions[];
    expect(order).toMatchObject({
      legs: 'both',
      orderA: { stopLoss: 2028, takeProfit: 2035 },
      orderB: { stopLoss: 2028, takeProfit: 2032 },
      lotMultiplier: 1,
      lifecycle: { profitChain: false, breakEven: { offsetPips: 2, afterSiblingTp: true }, maxHoldMinutes: 30 },
    });
  });

  it.each([
    ['adx', v6Entry({ adx: 20 }), 'ADX 20 (MODERATE) is below filters.min_adx 25'],
    ['adx', v6Entry({ adx: 'NA' }), 'ADX is not in the alert (NA)'],
    ['confidence', v6Entry({ score: 65 }), 'confidence 65 (MODERATE) is below filters.min_confidence 70'],
  ])('refuses on %s with the reason', async (filter, alert, reason) => {
    const { h, plugin } = await setup();
    const result = await plugin.processEntrySignal(alert);
    expect(result).toMatchObject({ status: 'rejected', data: { filter } });
    expect(result.message).toContain(reason);
    expect(h.callsTo('orderExecution', 'placeDualOrder')).toHaveLength(0);
  });

  it('refuses a wide spread, a weak or sideways pulse, an unaligned pulse and unaligned trends', async () => {
    const { h, plugin } = await setup();
    await h.price('XAUUSD', 2030.5, 2030.55);
    expect((await plugin.processEntrySignal(v6Entry())).message).toContain(
      'spread 5 pips is wider than filters.max_spread_pips 2',
    );
    await h.price('XAUUSD', 2030.5, 2030.51);
    await plugin.onInfoSignal(v6Pulse(2, 1, 15));
    expect((await plugin.processEntrySignal(v6Entry())).message).toContain('trend pulse has 2 bullish of 6 timeframes');
    await plugin.onInfoSignal(v6Pulse(3, 3, 15));
    expect((await plugin.processEntrySignal(v6Entry())).message).toContain('market state is SIDEWAYS');
    await plugin.onInfoSignal(v6Pulse(1, 5, 15));
    await plugin.onInfoSignal(v6Pulse(5, 0, 60));
    const buy = await plugin.processEntrySignal(v6Entry());
    expect(buy.message).toContain('the 15m trend pulse (1 bullish/5 bearish) does not favour a buy');
    await plugin.onInfoSignal(v6Pulse(5, 1, 15));
    h.setTrends('XAUUSD', { 60: -1 });
    expect((await plugin.processEntrySignal(v6Entry())).message).toContain('the 60m trends do not agree with a buy');
    expect(h.callsTo('orderExecution', 'placeDualOrder')).toHaveLength(0);
  });

  it('skips another timeframe or symbol with the reason, and refuses other families', async () => {
    const { plugin } = await setup();
    expect(await plugin.processEntrySignal(v6Entry({ timeframe: 15 }))).toMatchObject({
      status: 'skipped',
      message: '[V6-TEST] 15m alert skipped: v6-test trades the 5m chart.',
    });
    expect((await plugin.processEntrySignal(v6Entry({ symbol: 'EURUSD' }))).status).toBe('skipped');
    expect(plugin.validateAlert({ ...v6Entry(), family: 'v3' })).toMatchObject({ ok: false });
  });

  it('closes the side the exit names, and the opposite side before a reversal entry', async () => {
    const { h, plugin } = await setup();
    await plugin.processEntrySignal(v6Entry());
    expect(await h.positions()).toHaveLength(2);
    const exit = await plugin.processExitSignal(v6Exit('buy'));
    expect(exit).toMatchObject({ status: 'ok', data: { side: 'buy', closed: ['1', '2'] } });
    // Another alert (the bot numbers each in its journal): the engine opens the same alert only once.
    await plugin.processEntrySignal({ ...v6Entry(), journalId: 2 });
    await plugin.onInfoSignal(v6Pulse(1, 5, 15));
    h.setTrends('XAUUSD', { 60: -1 });
    const reversal = await plugin.processEntrySignal(v6Entry({ direction: 'sell' }));
    expect(reversal.status).toBe('ok');
    expect(reversal.message).toContain('after closing 2 buy');
    expect((await h.positions()).map((p) => p.direction)).toEqual(['sell', 'sell']);
  });

  it('keeps pulse counts across a restart (in its own database)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zepix-v6-'));
    try {
      const first = await harness(dataDir);
      expect((await first.plugin.onInfoSignal(v6Pulse(4, 1, 15)))?.message).toContain(
        '4 bullish, 1 bearish (TRENDING)',
      );
      await harnesses.pop()?.close();
      const second = await harness(dataDir);
      expect((await second.plugin.processEntrySignal(v6Entry())).status).toBe('ok');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
