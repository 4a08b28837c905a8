import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TradingErrorCode } from './errors.js';
import { alert, harness } from './testSupport.js';
import type { Harness } from './testSupport.js';

let h: Harness;
/** Connections a test opened on the trading database, closed even when the test fails half-way. */
const others: Database.Database[] = [];

beforeEach(async () => {
  h = await harness();
});

afterEach(async () => {
  for (const other of others.splice(0)) if (other.open) other.close();
  await h.cleanup();
});

const services = () => h.engine.servicesFor('alpha');

/**
 * Makes the trading database refuse to record a fill (as a full disk or a lock held past the busy timeout would)
 * until the returned function is called. A trigger, set from a second connection like another process's.
 */
function refuseFills(): () => void {
  const other = new Database(h.path);
  others.push(other);
  other.exec(
    "CREATE TRIGGER refuse_fill BEFORE UPDATE OF state ON positions WHEN NEW.state = 'open' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
  );
  return () => {
    other.exec('DROP TRIGGER refuse_fill');
    other.close();
  };
}

/** Holds every order at the broker until `release()`; `atBroker` resolves once one has reached it. */
function holdBrokerOrders(): { atBroker: Promise<void>; release: () => void } {
  let release: () => void = () => undefined;
  let reached: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const atBroker = new Promise<void>((resolve) => (reached = resolve));
  const place = h.broker.placeMarketOrder.bind(h.broker);
  h.broker.placeMarketOrder = async (request) => {
    reached();
    await gate;
    return place(request);
  };
  return { atBroker, release: () => release() };
}

describe('an order the broker filled whose fill could not be recorded', () => {
  it('is settled with the broker on the next delivery of the alert, never left "in flight" and never resent', async () => {
    const a = alert();
    const restore = refuseFills();
    await expect(services().orderExecution.placeOrder({ alert: a, direction: 'buy' })).rejects.toThrow(/disk is full/);
    restore();
    expect(h.engine.listTrades()).toMatchObject([{ state: 'submitting' }]);

    const again = await services().orderExecution.placeOrder({ alert: a, direction: 'buy' });

    expect(again).toMatchObject({ ok: true, value: { symbol: 'XAUUSD', direction: 'buy' } });
    expect(h.engine.listTrades()).toMatchObject([{ state: 'open' }]);
    expect(h.placeRequests).toHaveLength(1);
    const [trade] = h.engine.listTrades();
    expect(await h.broker.openTrades()).toMatchObject({ ok: true, value: [{ clientOrderId: trade?.clientOrderId }] });
  });

  it('ends "failed" when the broker has no such trade (the fill never happened), and "unknown" when it cannot be asked', async () => {
    const lost = alert();
    const restore = refuseFills();
    await expect(services().orderExecution.placeOrder({ alert: lost, direction: 'buy' })).rejects.toThrow(/full/);
    restore();
    const find = h.broker.findByClientOrderId.bind(h.broker);
    // As if the fill had been undone at the broker before the lookup: it has no trade with that id.
    h.broker.findByClientOrderId = () => Promise.resolve({ ok: true, value: undefined });
    const gone = await services().orderExecution.placeOrder({ alert: lost, direction: 'buy' });
    h.broker.findByClientOrderId = find;
    expect(gone).toMatchObject({ ok: false, status: 'unknown', code: TradingErrorCode.BrokerUnknown });
    expect(h.engine.listTrades()).toMatchObject([{ state: 'failed' }]);

    const unreachable = alert();
    const refuse = refuseFills();
    await expect(services().orderExecution.placeOrder({ alert: unreachable, direction: 'buy' })).rejects.toThrow(
      /full/,
    );
    refuse();
    h.broker.injectFault({ method: 'findByClientOrderId', outcome: 'unknown-before' });
    const answer = await services().orderExecution.placeOrder({ alert: unreachable, direction: 'buy' });
    expect(answer).toMatchObject({ ok: false, status: 'unknown' });
    expect(h.engine.listTrades().map((t) => t.state)).toEqual(['failed', 'unknown']);
    expect(h.placeRequests).toHaveLength(2);
  });

  it('a second delivery while the first is asking the broker about a stranded order is told it is in flight', async () => {
    const a = alert();
    const restore = refuseFills();
    await expect(services().orderExecution.placeOrder({ alert: a, direction: 'buy' })).rejects.toThrow(/full/);
    restore();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const find = h.broker.findByClientOrderId.bind(h.broker);
    h.broker.findByClientOrderId = async (id) => {
      await gate;
      return find(id);
    };
    const first = services().orderExecution.placeOrder({ alert: a, direction: 'buy' });
    await Promise.resolve();
    const second = await services().orderExecution.placeOrder({ alert: a, direction: 'buy' });
    expect(second).toMatchObject({ ok: false, code: TradingErrorCode.InFlight });
    release();
    expect(await first).toMatchObject({ ok: true });
    expect(h.engine.listTrades()).toMatchObject([{ state: 'open' }]);
  });

  it('while its first delivery is still waiting for the broker, a second delivery is told it is in flight', async () => {
    const a = alert();
    const { atBroker, release } = holdBrokerOrders();
    const first = services().orderExecution.placeOrder({ alert: a, direction: 'buy' });
    // The first delivery has written its intent and is waiting for the broker's answer.
    await atBroker;

    const second = await services().orderExecution.placeOrder({ alert: a, direction: 'buy' });

    expect(second).toMatchObject({ ok: false, status: 'unknown', code: TradingErrorCode.InFlight });
    release();
    expect(await first).toMatchObject({ ok: true });
  });

  it("the operator's sync with the broker leaves an order that is being placed to its own call", async () => {
    const { atBroker, release } = holdBrokerOrders();
    const first = services().orderExecution.placeOrder({ alert: alert(), direction: 'buy' });
    await atBroker;

    const report = await h.engine.reconcile();

    expect(report).toMatchObject({ failed: 0, opened: 0 });
    expect(h.engine.listTrades()).toMatchObject([{ state: 'submitting' }]);
    release();
    expect(await first).toMatchObject({ ok: true });
    expect(h.engine.listTrades()).toMatchObject([{ state: 'open' }]);
  });
});
