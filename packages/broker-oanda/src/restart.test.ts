import { describe, expect, it } from 'vitest';
import type { BrokerEvent } from '@zepix/broker-api';
import { OandaBroker } from './OandaBroker.js';
import { connectToEmulator, fastOptions } from './testSupport.js';

describe('OANDA after a restart', () => {
  it('reports the SL fill that happened while Zepix was down, from the last transaction id it handled', async () => {
    const { emulator, broker } = await connectToEmulator();
    const order = { clientOrderId: 'r-1', symbol: 'EURUSD', direction: 'buy', lots: 0.1, stopLoss: 1.095 } as const;
    const placed = await broker.placeMarketOrder(order);
    expect(placed).toMatchObject({ ok: true });
    await expect.poll(() => broker.lastTransactionId).toBe(emulator.account.ledger.lastTransactionID);
    const cursor = broker.lastTransactionId;
    await broker.close();

    // The market gaps through the stop: OANDA fills at the bid, not at the level.
    emulator.setPrice('EUR_USD', 1.0949, 1.0951);

    const again = await OandaBroker.connect({ ...fastOptions(emulator), lastTransactionId: cursor });
    const events: BrokerEvent[] = [];
    again.onEvent((event) => events.push(event));
    await expect.poll(() => events.some((e) => e.type === 'trade_closed' && e.close.reason === 'sl')).toBe(true);
    const close = events.find((e) => e.type === 'trade_closed');
    expect(close?.type === 'trade_closed' && close.close).toMatchObject({
      clientOrderId: 'r-1',
      closePrice: 1.0949,
      realizedPnl: -53,
    });
    await again.close();
    await emulator.close();
  });
});
