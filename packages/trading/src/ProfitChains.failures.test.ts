import Database from 'better-sqlite3';
import type { FaultSpec } from '@zepix/paper-broker';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TradingErrorCode } from './errors.js';
import { harness, placeB, tick } from './testSupport.js';
import type { Harness } from './testSupport.js';

let h: Harness;

beforeEach(async () => {
  h = await harness();
});

afterEach(async () => {
  await h.cleanup();
});

const chains = () => h.engine.chains();
const level = (n: number) => h.engine.listTrades({ plugin: 'alpha' }).filter((t) => t.chainLevel === n);
const sent = () => h.placeRequests.map((r) => r.clientOrderId);
const stopReasons = () =>
  h.engine.outbox
    .pending(100)
    .filter((r) => r.kind === 'chain_stopped')
    .map((r) => r.text);

/** Injects `faults` just before the broker receives the order whose client order id ends with `suffix`. */
function faultOrder(suffix: string, ...faults: FaultSpec[]): void {
  const place = h.broker.placeMarketOrder.bind(h.broker);
  h.broker.placeMarketOrder = (request) => {
    if (request.clientOrderId.endsWith(suffix)) for (const fault of faults) h.broker.injectFault(fault);
    return place(request);
  };
}

/** An answer the broker gives after it has taken the order, and a lookup that cannot reach it either. */
const takenUnconfirmed: FaultSpec[] = [
  { method: 'placeMarketOrder', outcome: 'unknown-after' },
  { method: 'findByClientOrderId', outcome: 'unknown-before' },
];
/** A timeout before the broker saw the order, and a lookup that cannot reach it either. */
const lostUnconfirmed: FaultSpec[] = [
  { method: 'placeMarketOrder', outcome: 'unknown-before' },
  { method: 'findByClientOrderId', outcome: 'unknown-before' },
];

describe('a level order the broker refuses', () => {
  it('stops the chain at once and sends no further order of that level', async () => {
    const b = await placeB(h);
    faultOrder('-c2-1', { method: 'placeMarketOrder', outcome: 'rejected', code: 'NO_MONEY', reason: 'no margin' });
    await tick(h, 'XAUUSD', 2650.7);
    expect(sent()).toEqual([b.clientOrderId, `${b.clientOrderId}-c2-1`]);
    expect(level(2).map((t) => t.state)).toEqual(['rejected']);
    expect(chains()).toMatchObject([{ state: 'stopped', level: 2 }]);
    expect(stopReasons()).toEqual([
      expect.stringContaining(`level 2 order 1 refused: ${TradingErrorCode.BrokerRejected}: broker "paper" rejected`),
    ]);
    await tick(h, 'XAUUSD', 2651.4);
    expect(sent()).toHaveLength(2);
  });

  it('stops the chain at the next tick when the engine went down between the refusal and stopping it', async () => {
    const b = await placeB(h);
    faultOrder('-c2-2', { method: 'placeMarketOrder', outcome: 'rejected' });
    await tick(h, 'XAUUSD', 2650.7);
    expect(chains()).toMatchObject([{ state: 'stopped' }]);
    await h.engine.close();
    // The refusal committed, the chain's stop did not: the state a crash between the two leaves.
    const db = new Database(h.path);
    db.prepare("UPDATE chains SET state = 'active', stop_reason = NULL").run();
    db.prepare("DELETE FROM outbox WHERE kind = 'chain_stopped'").run();
    db.close();
    await h.reopen();
    await tick(h, 'XAUUSD', 2650.8);
    expect(chains()).toMatchObject([{ state: 'stopped', level: 2 }]);
    expect(stopReasons()).toEqual([
      expect.stringContaining(
        `level 2 order ${b.clientOrderId}-c2-2 did not open (${TradingErrorCode.BrokerRejected})`,
      ),
    ]);
    expect(sent()).toHaveLength(3);
  });
});

describe('a level order whose outcome is unknown', () => {
  it('holds the rest of the level back, then stops the chain once the broker is known never to have had it', async () => {
    const b = await placeB(h);
    faultOrder('-c2-1', ...lostUnconfirmed);
    await tick(h, 'XAUUSD', 2650.7);
    expect(sent()).toEqual([b.clientOrderId, `${b.clientOrderId}-c2-1`]);
    expect(level(2).map((t) => t.state)).toEqual(['unknown']);
    expect(chains()).toMatchObject([{ state: 'active', level: 2 }]);
    // Next tick: the lookup answers, the order never reached the broker, so it is failed and not resent.
    await tick(h, 'XAUUSD', 2650.7);
    expect(level(2).map((t) => t.state)).toEqual(['failed']);
    expect(chains()).toMatchObject([{ state: 'active' }]);
    await tick(h, 'XAUUSD', 2650.7);
    expect(chains()).toMatchObject([{ state: 'stopped', level: 2 }]);
    expect(stopReasons()).toEqual([
      expect.stringContaining(`level 2 order ${b.clientOrderId}-c2-1 did not open (${TradingErrorCode.OrderFailed})`),
    ]);
    expect(sent()).toHaveLength(2);
  });

  it('does not climb while one order of the level is still unknown, and climbs once it is found and booked', async () => {
    const b = await placeB(h);
    faultOrder('-c2-2', ...takenUnconfirmed);
    await tick(h, 'XAUUSD', 2650.7);
    expect(level(2).map((t) => t.state)).toEqual(['open', 'unknown']);
    // The first is booked; the second is open at the broker, but not yet known to be.
    await tick(h, 'XAUUSD', 2651.4);
    expect(level(2).map((t) => t.state)).toEqual(['closed', 'unknown']);
    expect(chains()).toMatchObject([{ state: 'active', level: 2, openOrders: 1 }]);
    expect(level(3)).toHaveLength(0);
    // Unknown orders are settled by the reconciliation (start-up or the operator's sync), which finds it open.
    await tick(h, 'XAUUSD', 2651.4);
    expect(level(3)).toHaveLength(0);
    expect(await h.engine.reconcile()).toMatchObject({ opened: 1 });
    expect(level(2).map((t) => t.state)).toEqual(['closed', 'open']);
    await tick(h, 'XAUUSD', 2651.4);
    expect(level(3)).toHaveLength(4);
    expect(sent().filter((id) => id === `${b.clientOrderId}-c2-2`)).toHaveLength(1);
  });
});

describe('a level left short of its orders', () => {
  it('is filled up on the next tick, never resending the orders it has (more orders configured at a restart)', async () => {
    const b = await placeB(h);
    await tick(h, 'XAUUSD', 2650.7);
    expect(level(2)).toHaveLength(2);
    await h.reopen({ config: { profit_booking: { levels: [1, 3, 4] } } });
    await tick(h, 'XAUUSD', 2650.8);
    expect(level(2).map((t) => t.leg)).toEqual(['chain-2-1', 'chain-2-2', 'chain-2-3']);
    expect(sent()).toEqual([
      b.clientOrderId,
      `${b.clientOrderId}-c2-1`,
      `${b.clientOrderId}-c2-2`,
      `${b.clientOrderId}-c2-3`,
    ]);
  });
});
