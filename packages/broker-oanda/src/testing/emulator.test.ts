import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOandaEmulator } from './startOandaEmulator.js';
import type { OandaEmulator } from './startOandaEmulator.js';

let emulator: OandaEmulator;

async function call(method: string, path: string, body?: unknown, token = emulator.token) {
  const response = await fetch(`${emulator.url}/v3/accounts/${emulator.accountId}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

/** The value at `keys` inside a parsed JSON answer. */
function at(value: unknown, ...keys: (string | number)[]): unknown {
  let current = value;
  for (const key of keys) current = (current as Record<string | number, unknown> | undefined)?.[key];
  return current;
}

const order = (clientId: string, extra: Record<string, unknown> = {}) => ({
  order: {
    type: 'MARKET',
    instrument: 'EUR_USD',
    units: '10000',
    stopLossOnFill: { price: '1.09520' },
    takeProfitOnFill: { price: '1.10520' },
    clientExtensions: { id: clientId },
    tradeClientExtensions: { id: clientId },
    ...extra,
  },
});

beforeEach(async () => {
  emulator = await startOandaEmulator();
  emulator.setPrice('EUR_USD', 1.1, 1.1002);
});
afterEach(() => emulator.close());

describe('OANDA v20 emulator', () => {
  it('fills a market order with decimals as strings and finds the trade by @clientID', async () => {
    const created = await call('POST', '/orders', order('z-1'));
    expect(created.status).toBe(201);
    expect(at(created.body, 'orderFillTransaction')).toMatchObject({
      type: 'ORDER_FILL',
      units: '10000',
      fullVWAP: '1.10020',
    });
    const tradeId = at(created.body, 'orderFillTransaction', 'tradeOpened', 'tradeID');
    const found = await call('GET', '/trades/@z-1');
    expect(at(found.body, 'trade')).toMatchObject({
      id: tradeId,
      currentUnits: '10000',
      price: '1.10020',
      state: 'OPEN',
    });
    expect(at(found.body, 'trade', 'stopLossOrder')).toMatchObject({ price: '1.09520' });
  });

  it('cancels (201) a second order with a trade client id in use, and a stop on the wrong side', async () => {
    await call('POST', '/orders', order('z-dup'));
    const again = await call('POST', '/orders', order('z-dup'));
    expect(again.status).toBe(201);
    expect(at(again.body, 'orderCancelTransaction', 'reason')).toBe('CLIENT_TRADE_ID_ALREADY_EXISTS');
    const wrong = await call('POST', '/orders', order('z-wrong', { stopLossOnFill: { price: '1.11000' } }));
    expect(at(wrong.body, 'orderCancelTransaction', 'reason')).toBe('STOP_LOSS_ON_FILL_LOSS');
  });

  it('refuses a bad token with 401 and too many decimals with 400', async () => {
    expect((await call('GET', '/summary', undefined, 'wrong')).status).toBe(401);
    const precise = await call('POST', '/orders', order('z-p', { stopLossOnFill: { price: '1.095201' } }));
    expect(precise.status).toBe(400);
    expect(at(precise.body, 'errorCode')).toBe('STOP_LOSS_ON_FILL_PRICE_PRECISION_EXCEEDED');
  });

  it('fills the stop loss on a price that crosses it and logs the fill for sinceid', async () => {
    const created = await call('POST', '/orders', order('z-sl'));
    const since = String(at(created.body, 'lastTransactionID'));
    emulator.setPrice('EUR_USD', 1.0951, 1.0953);
    const log = await call('GET', `/transactions/sinceid?id=${since}`);
    const fill = (at(log.body, 'transactions') as { type: string }[]).find((t) => t.type === 'ORDER_FILL');
    expect(fill).toMatchObject({
      reason: 'STOP_LOSS_ORDER',
      tradesClosed: [{ units: '-10000', realizedPL: '-51.0000' }],
    });
    expect(at((await call('GET', '/summary')).body, 'account', 'balance')).toBe('99949.0000');
  });

  it('streams prices as newline-delimited JSON', async () => {
    const response = await fetch(
      `${emulator.url}/v3/accounts/${emulator.accountId}/pricing/stream?instruments=EUR_USD`,
      {
        headers: { authorization: `Bearer ${emulator.token}` },
      },
    );
    const reader = response.body!.getReader();
    const { value } = await reader.read();
    const line = JSON.parse(new TextDecoder().decode(value).split('\n')[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ type: 'PRICE', instrument: 'EUR_USD', bids: [{ price: '1.10000' }] });
    await reader.cancel();
  });
});
