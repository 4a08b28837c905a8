import { describe, expect, it } from 'vitest';
import { v6ConfigSchema } from './config.js';
import type { V6Defaults } from './config.js';
import { planOrder } from './orderPlan.js';
import { v6Entry } from './testing/index.js';

const defaults: V6Defaults = {
  timeframe: 5,
  tag: '[T]',
  legs: 'A',
  targetA: 'tp2',
  minAdx: 0,
  minConfidence: 0,
  lotMultiplier: 1,
};
const config = (input: Record<string, unknown> = {}) => v6ConfigSchema(defaults).parse(input);

describe('the V6 order plan', () => {
  it('takes fixed pip distances from the alert price when set (1m: SL 15, TP 10 pips)', () => {
    const plan = planOrder(
      v6Entry({ direction: 'sell' }),
      config({ stop_loss_pips: 15, take_profit_pips: 10, orders: { legs: 'B' } }),
      0.01,
    );
    expect(plan).toMatchObject({ ok: true, value: { legs: 'B', orderB: { stopLoss: 2030.65, takeProfit: 2030.4 } } });
  });

  it('rides to TP3 when the alert sends one and the target is tp3_or_tp2, else TP2', () => {
    const swing = config({ orders: { a_target: 'tp3_or_tp2' } });
    expect(planOrder(v6Entry({ tp3: 2038 }), swing, 0.01)).toMatchObject({ value: { orderA: { takeProfit: 2038 } } });
    expect(planOrder(v6Entry(), swing, 0.01)).toMatchObject({ value: { orderA: { takeProfit: 2035 } } });
  });

  it('refuses an entry without a stop-loss, saying how to fix it', () => {
    const alert = { ...v6Entry(), levels: {} };
    expect(planOrder(alert, config(), 0.01)).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_V6_NO_STOP_LOSS', message: expect.stringContaining('has no SL') },
    });
  });
});
