import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TradingErrorCode } from './errors.js';
import { alert, harness } from './testSupport.js';
import type { Harness } from './testSupport.js';

let h: Harness;

beforeEach(async () => {
  h = await harness();
});

afterEach(async () => {
  await h.cleanup();
});

/** A buy at 2650 (no spread) with SL 2640: reward:risk is (tp − 2650) / 10. */
const buyWithTarget = (plugin: string, takeProfit: number, riskBudget?: { min_rr_ratio?: number }) =>
  h.engine
    .servicesFor(plugin, riskBudget === undefined ? {} : { riskBudget })
    .orderExecution.placeOrder({ alert: alert(), direction: 'buy', stopLoss: 2640, takeProfit });

describe("a plugin's own reward:risk floor (plugins.<id>.risk.min_rr_ratio)", () => {
  it('lets that plugin trade below the account floor while other plugins keep it', async () => {
    expect(await buyWithTarget('scalper', 2656.7, { min_rr_ratio: 0.6 })).toMatchObject({ ok: true });
    const other = await buyWithTarget('swing', 2656.7);
    expect(other).toMatchObject({ ok: false, status: 'rejected', code: TradingErrorCode.RiskReward });
    if (!other.ok) {
      expect(other.reason).toBe(
        'reward:risk 0.67 is below risk.min_rr_ratio 1 (entry 2650, SL 2640, TP 2656.7). Fix: move the TP further, the SL closer, or lower risk.min_rr_ratio, or set plugins.swing.risk.min_rr_ratio for this plugin alone',
      );
    }
  });

  it('refuses below its own floor, naming the plugin key to change, and passes exactly at it', async () => {
    const refused = await buyWithTarget('strict', 2669.9, { min_rr_ratio: 2 });
    expect(refused).toMatchObject({ ok: false, code: TradingErrorCode.RiskReward });
    if (!refused.ok) {
      expect(refused.reason).toBe(
        'reward:risk 1.99 is below plugins.strict.risk.min_rr_ratio 2 (entry 2650, SL 2640, TP 2669.9). Fix: move the TP further, the SL closer, or lower plugins.strict.risk.min_rr_ratio',
      );
    }
    expect(await buyWithTarget('strict', 2670)).toMatchObject({ ok: true });
  });

  it('a floor of 0 lets any target through for that plugin', async () => {
    expect(await buyWithTarget('anything', 2650.5, { min_rr_ratio: 0 })).toMatchObject({ ok: true });
  });
});
