import { afterEach, describe, expect, it } from 'vitest';
import { BaseLogicPlugin, PluginConfigError } from '@zepix/plugin-core';
import type { EntryAlert, PluginResult } from '@zepix/plugin-core';
import { entryAlert } from '@zepix/plugin-core/testing';
import { z } from 'zod';
import { createPluginHarness } from './createPluginHarness.js';
import type { PluginHarness } from './createPluginHarness.js';

/** Opens one order per entry, 5 dollars from the alert price, through the real order path. */
class Opener extends BaseLogicPlugin<{ lots: number }> {
  static override configSchema = z.object({ lots: z.number().positive().default(0.02) }).strict();
  async processEntrySignal(alert: EntryAlert): Promise<PluginResult> {
    const price = alert.price ?? 0;
    const stopLoss = alert.direction === 'buy' ? price - 5 : price + 5;
    const placed = await this.services.orderExecution.placeOrder({
      alert,
      direction: alert.direction,
      lots: this.config.lots,
      stopLoss,
    });
    return placed.ok
      ? { status: 'ok', message: `opened ${placed.value.id}` }
      : { status: 'rejected', message: placed.reason };
  }
  processExitSignal(): Promise<PluginResult> {
    return Promise.resolve({ status: 'skipped', message: 'no exits' });
  }
  processReversalSignal(): Promise<PluginResult> {
    return Promise.resolve({ status: 'skipped', message: 'no reversals' });
  }
}

let h: PluginHarness<Opener> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('createPluginHarness', () => {
  it("counts the plugin's risk budget as the bot does: class defaults under the config's risk", async () => {
    class Budgeted extends Opener {
      static override riskBudget = { max_open: 1, max_lot: 0.01 };
    }
    const budgeted = await createPluginHarness(Budgeted, { id: 'budgeted', config: { lots: 0.05 } });
    try {
      expect(
        (await budgeted.plugin.processEntrySignal(entryAlert({ direction: 'buy', price: 2650, journalId: 1 }))).status,
      ).toBe('ok');
      expect(budgeted.openTrades()).toMatchObject([{ lots: 0.01 }]);
      const second = await budgeted.plugin.processEntrySignal(
        entryAlert({ direction: 'buy', price: 2650, journalId: 2 }),
      );
      expect(second).toMatchObject({
        status: 'rejected',
        message: expect.stringContaining('plugins.budgeted.risk.max_open is 1'),
      });
    } finally {
      await budgeted.close();
    }
    const raised = await createPluginHarness(Budgeted, { id: 'budgeted', config: { risk: { max_open: 2 } } });
    try {
      await raised.plugin.processEntrySignal(entryAlert({ direction: 'buy', price: 2650, journalId: 3 }));
      expect(
        (await raised.plugin.processEntrySignal(entryAlert({ direction: 'buy', price: 2650, journalId: 4 }))).status,
      ).toBe('ok');
    } finally {
      await raised.close();
    }
  });

  it('runs the plugin on the real engine: the order is a stored trade at the broker price', async () => {
    h = await createPluginHarness(Opener, { id: 'opener' });
    const result = await h.plugin.processEntrySignal(entryAlert({ direction: 'buy', price: 2650 }));
    expect(result.status).toBe('ok');
    expect(h.trades()).toMatchObject([
      { plugin: 'opener', symbol: 'XAUUSD', direction: 'buy', lots: 0.02, entryPrice: 2650, stopLoss: 2645 },
    ]);
    expect((await h.positions()).map((p) => p.direction)).toEqual(['buy']);
  });

  it('records what the plugin asked while the answers stay the engine’s', async () => {
    h = await createPluginHarness(Opener, { config: { lots: 0.03 } });
    await h.plugin.processEntrySignal(entryAlert({ direction: 'sell', price: 2650 }));
    expect(h.callsTo('orderExecution', 'placeOrder')).toMatchObject([{ direction: 'sell', lots: 0.03 }]);
    expect(h.calls.map((c) => `${c.service}.${c.method}`)).toEqual(['orderExecution.placeOrder']);
  });

  it('closes positions when the market crosses their stop loss', async () => {
    h = await createPluginHarness(Opener);
    await h.plugin.processEntrySignal(entryAlert({ direction: 'buy', price: 2650 }));
    await h.price('XAUUSD', 2644);
    expect(h.trades()[0]).toMatchObject({ state: 'closed' });
    expect(await h.positions()).toEqual([]);
  });

  // What the removed mockServices got wrong: gold's minimum stop, prices, a refused order.
  it('answers the engine’s symbol specs and live prices', async () => {
    h = await createPluginHarness(Opener);
    expect(await h.services.market.getSymbolSpec({ symbol: 'XAUUSD' })).toMatchObject({ minStopPips: 20 });
    expect(await h.services.market.getPrice({ symbol: 'EURUSD' })).toEqual({ bid: 1.1, ask: 1.1 });
    await h.price('EURUSD', 1.1001, 1.1003);
    expect(await h.services.market.getSpread({ symbol: 'EURUSD' })).toMatchObject({ pips: 2 });
  });

  it('refuses what the engine refuses: an order past the daily loss cap', async () => {
    h = await createPluginHarness(Opener, { config: { lots: 50 } });
    const result = await h.plugin.processEntrySignal(entryAlert({ direction: 'buy', price: 2650 }));
    expect(result.status).toBe('rejected');
    expect(h.trades().filter((t) => t.state === 'open')).toEqual([]);
  });

  it('sets trends up front or later, as trend alerts would', async () => {
    h = await createPluginHarness(Opener, { trends: { XAUUSD: { 15: 1 } } });
    h.setTrends('XAUUSD', { 60: -1 });
    expect(await h.services.trends.getTrends({ symbol: 'XAUUSD' })).toEqual({ 15: 1, 60: -1 });
  });

  it('refuses a bad config as the bot does, naming the path', async () => {
    await expect(createPluginHarness(Opener, { id: 'opener', config: { lots: -1 } })).rejects.toThrow(
      PluginConfigError,
    );
    await expect(createPluginHarness(Opener, { id: 'opener', config: { lots: -1 } })).rejects.toThrow(
      /plugins\.opener\.lots/,
    );
  });
});
