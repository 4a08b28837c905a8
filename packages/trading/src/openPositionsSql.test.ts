import { profitRowsSql, SymbolBook } from '@zepix/symbols';
import { afterEach, describe, expect, it } from 'vitest';
import { openMarks } from './openMarks.js';
import { PositionStore } from './PositionStore.js';
import { Quotes } from './Quotes.js';
import { openDatabase, sql } from './schema.js';
import type { Connection } from './schema.js';
import { PaperBroker } from '@zepix/paper-broker';
import { seededRandom } from '@zepix/broker-api/testing';

const round2 = (value: number) => Math.round(value * 100) / 100;

// Mid prices and price steps; gold moves in half cents so that rows land exactly on half-cent profits.
const MARKETS: Record<string, { mid: number; step: number }> = {
  EURUSD: { mid: 1.1, step: 0.00001 },
  USDJPY: { mid: 150, step: 0.001 },
  GBPJPY: { mid: 190, step: 0.001 },
  USDCAD: { mid: 1.37, step: 0.00001 },
  XAUUSD: { mid: 2650, step: 0.005 },
};

interface Fixture {
  readonly db: Connection;
  readonly positions: PositionStore;
  readonly quotes: Quotes;
}

function fixture(): Fixture {
  const db = openDatabase(':memory:');
  const symbols = new SymbolBook({ rates: (pair) => (pair === 'USDJPY' ? 151.237 : undefined) });
  return {
    db,
    positions: new PositionStore(db),
    quotes: new Quotes(PaperBroker.open({ path: ':memory:', symbols }), symbols),
  };
}

/** Opens `count` random positions (plus a few rows in other states) and prices every symbol but USDCAD. */
function fill(f: Fixture, seed: number, count: number): void {
  const next = seededRandom(seed);
  const symbols = Object.keys(MARKETS);
  const near = (symbol: string, width: number) => {
    const { mid, step } = MARKETS[symbol]!;
    return mid + Math.round(((next() - 0.5) * width * mid) / step) * step;
  };
  for (let i = 0; i < count; i++) {
    const symbol = symbols[Math.floor(next() * symbols.length)]!;
    const id = f.positions.insertIntent({
      clientOrderId: `c${seed}-${i}`,
      plugin: 'alpha',
      symbol,
      direction: next() < 0.5 ? 'buy' : 'sell',
      leg: 'single',
      origin: 'alert',
      lots: Math.max(1, Math.round(next() * 300)) / 100,
      stopLoss: null,
      takeProfit: null,
      lifecycleJson: '{}',
      reentryLevel: 0,
      chainId: null,
      chainLevel: null,
      createdAt: '2026-03-02T10:00:00.000Z',
    });
    if (i % 17 === 5) continue; // still submitting: not open, never valued
    const row = f.positions.byId(id)!;
    const trade = { tradeId: `T${id}`, clientOrderId: row.client_order_id, symbol, direction: row.direction };
    const fill = { lots: row.lots, openPrice: near(symbol, 0.02), openedAt: row.created_at, unrealizedPnl: 0 };
    f.positions.markOpen(id, { ...trade, ...fill });
    if (i % 5 === 1) f.positions.setChain(id, 1 + (i % 3), 1);
  }
  for (const symbol of symbols.filter((s) => s !== 'USDCAD')) {
    const bid = near(symbol, 0.02);
    f.quotes.update({ symbol, bid, ask: bid + MARKETS[symbol]!.step * 7, time: '2026-03-02T10:00:00.000Z' });
  }
}

/** What the risk gate computed before: every open row materialised and marked in JavaScript, in id order. */
function perRow(f: Fixture): { marks: number[]; gross: number; net: number } {
  const marks = f.positions.open().map((row) => f.quotes.unrealized(row));
  const sum = marks.reduce((a, b) => a + b, 0);
  return { marks, gross: round2(marks.reduce((s, pnl) => s + Math.max(0, -pnl), 0)), net: round2(sum) };
}

describe('open positions read in SQL', () => {
  let f: Fixture;
  afterEach(() => f.db.close());

  it.each([1, 2, 3, 4, 5])('values every open row exactly as Quotes.unrealized does (seed %d)', (seed) => {
    f = fixture();
    fill(f, seed, 400);
    const expected = perRow(f);
    const text = profitRowsSql({
      from: 'positions WHERE id = @id',
      direction: 'direction',
      entry: 'entry_price',
      lots: 'lots',
    });
    const actual = f.positions.open().map((row) => {
      const valuation = f.quotes.valuation(row.symbol);
      return valuation === undefined ? 0 : (sql(f.db, text).get({ id: row.id, ...valuation }) as { pnl: number }).pnl;
    });
    expect(actual).toEqual(expected.marks);
  });

  it.each([11, 12, 13, 14, 15])('sums losses and the net like the per-row loop (seed %d)', (seed) => {
    f = fixture();
    fill(f, seed, 500);
    const expected = perRow(f);
    const marks = openMarks(f);
    expect(round2(marks.losses)).toBe(expected.gross);
    expect(round2(marks.net)).toBe(expected.net);
    expect(f.positions.openSymbols().sort()).toEqual([...new Set(f.positions.open().map((r) => r.symbol))].sort());
    expect(f.positions.countOpen('alpha')).toBe(f.positions.open({ plugin: 'alpha' }).length);
    for (const symbol of Object.keys(MARKETS)) {
      const chained = f.positions.open({ symbol }).filter((row) => row.chain_id !== null);
      expect(chained.length).toBeGreaterThan(0);
      expect(f.positions.openInChains(symbol)).toEqual(chained);
    }
  });

  it('counts each loser in full on the gross basis while the net lets winners offset', () => {
    f = fixture();
    fill(f, 21, 60);
    const expected = perRow(f);
    expect(expected.marks.some((pnl) => pnl > 0) && expected.marks.some((pnl) => pnl < 0)).toBe(true);
    const marks = openMarks(f);
    expect(round2(marks.losses)).toBe(expected.gross);
    expect(round2(Math.max(0, -marks.net))).toBe(round2(Math.max(0, -expected.net)));
    expect(round2(marks.losses)).toBeGreaterThan(round2(Math.max(0, -marks.net)));
  });

  it('counts a symbol with no price as 0 and is 0 with nothing open', () => {
    f = fixture();
    expect(openMarks(f)).toEqual({ losses: 0, net: 0 });
    fill(f, 31, 80);
    const unpriced = f.positions.open({ symbol: 'USDCAD' });
    expect(unpriced.length).toBeGreaterThan(0);
    expect(unpriced.map((row) => f.quotes.unrealized(row))).toEqual(unpriced.map(() => 0));
    expect(round2(openMarks(f).losses)).toBe(perRow(f).gross);
  });
});
