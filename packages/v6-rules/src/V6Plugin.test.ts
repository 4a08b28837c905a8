import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestPlugin, mockServices } from '@zepix/plugin-core/testing';
import type { PlaceDualOrderOptions } from '@zepix/plugin-core';
import { describe, expect, it } from 'vitest';
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

async function setup() {
  const services = mockServices({ plugin: 'v6-test' });
  services.setPrice('XAUUSD', { bid: 2030.5, ask: 2030.51 });
  services.setTrends('XAUUSD', { 60: 1 });
  const plugin = await createTestPlugin(StrictV6, { id: 'v6-test', services });
  await plugin.onInfoSignal(v6Pulse(5, 1, 15));
  return { services, plugin };
}

describe('the V6 plugin logic', () => {
  it('places the configured legs with the same SL, break-even and holding time when every filter passes', async () => {
    const { services, plugin } = await setup();
    const result = await plugin.processEntrySignal(v6Entry());
    expect(result.status).toBe('ok');
    const [order] = services.callsTo('orderExecution', 'placeDualOrder') as PlaceDualOrderOptions[];
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
    const { services, plugin } = await setup();
    const result = await plugin.processEntrySignal(alert);
    expect(result).toMatchObject({ status: 'rejected', data: { filter } });
    expect(result.message).toContain(reason);
    expect(services.callsTo('orderExecution', 'placeDualOrder')).toHaveLength(0);
  });

  it('refuses a wide spread, a weak or sideways pulse, an unaligned pulse and unaligned trends', async () => {
    const { services, plugin } = await setup();
    services.setPrice('XAUUSD', { bid: 2030.5, ask: 2030.55 });
    expect((await plugin.processEntrySignal(v6Entry())).message).toContain(
      'spread 5 pips is wider than filters.max_spread_pips 2',
    );
    services.setPrice('XAUUSD', { bid: 2030.5, ask: 2030.51 });
    await plugin.onInfoSignal(v6Pulse(2, 1, 15));
    expect((await plugin.processEntrySignal(v6Entry())).message).toContain('trend pulse has 2 bullish of 6 timeframes');
    await plugin.onInfoSignal(v6Pulse(3, 3, 15));
    expect((await plugin.processEntrySignal(v6Entry())).message).toContain('market state is SIDEWAYS');
    await plugin.onInfoSignal(v6Pulse(1, 5, 15));
    await plugin.onInfoSignal(v6Pulse(5, 0, 60));
    const buy = await plugin.processEntrySignal(v6Entry());
    expect(buy.message).toContain('the 15m trend pulse (1 bullish/5 bearish) does not favour a buy');
    await plugin.onInfoSignal(v6Pulse(5, 1, 15));
    services.setTrends('XAUUSD', { 60: -1 });
    expect((await plugin.processEntrySignal(v6Entry())).message).toContain('the 60m trends do not agree with a buy');
    expect(services.callsTo('orderExecution', 'placeDualOrder')).toHaveLength(0);
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
    const { services, plugin } = await setup();
    await plugin.processEntrySignal(v6Entry());
    expect(services.positions).toHaveLength(2);
    const exit = await plugin.processExitSignal(v6Exit('buy'));
    expect(exit).toMatchObject({ status: 'ok', data: { side: 'buy', closed: ['pos-1', 'pos-2'] } });
    await plugin.processEntrySignal(v6Entry());
    await plugin.onInfoSignal(v6Pulse(1, 5, 15));
    services.setTrends('XAUUSD', { 60: -1 });
    const reversal = await plugin.processEntrySignal(v6Entry({ direction: 'sell' }));
    expect(reversal.status).toBe('ok');
    expect(reversal.message).toContain('after closing 2 buy');
    expect(services.positions.map((p) => p.direction)).toEqual(['sell', 'sell']);
  });

  it('keeps pulse counts across a restart (in its own database)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zepix-v6-'));
    try {
      const services = mockServices({ plugin: 'v6-test' });
      services.setPrice('XAUUSD', { bid: 2030.5, ask: 2030.51 });
      services.setTrends('XAUUSD', { 60: 1 });
      const first = await createTestPlugin(StrictV6, { id: 'v6-test', services, dataDir });
      expect((await first.onInfoSignal(v6Pulse(4, 1, 15)))?.message).toContain('4 bullish, 1 bearish (TRENDING)');
      await first.shutdown();
      const second = await createTestPlugin(StrictV6, { id: 'v6-test', services, dataDir });
      expect((await second.processEntrySignal(v6Entry())).status).toBe('ok');
      await second.shutdown();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
