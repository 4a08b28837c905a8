import { profitRowsSql } from '@zepix/symbols';
import type { EngineContext } from './context.js';
import { sql } from './schema.js';

/** Profits of open positions at the latest prices, summed two ways: only the losses, and all of them netted. */
export interface OpenMarks {
  readonly losses: number;
  readonly net: number;
}

// Each open row is valued and rounded to cents exactly as Quotes.unrealized does, but inside SQLite, so the order
// path reads one row per symbol instead of every open position (the partial index positions_open_marks covers it).
const OPEN_ROWS = profitRowsSql({
  from: "positions WHERE state = 'open' AND symbol = @symbol AND entry_price IS NOT NULL",
  direction: 'direction',
  entry: 'entry_price',
  lots: 'lots',
});
// The loss each open position takes if its stop-loss is hit (0 when the SL locks in a profit).
const STOP_ROWS = profitRowsSql({
  from: "positions WHERE state = 'open' AND symbol = @symbol AND entry_price IS NOT NULL AND stop_loss IS NOT NULL",
  direction: 'direction',
  entry: 'entry_price',
  lots: 'lots',
  exit: 'stop_loss',
});
const STOP_LOSSES = `SELECT COALESCE(SUM(MAX(0, -pnl)), 0) AS losses FROM (${STOP_ROWS})`;
const UNSTOPPED_LOSSES = `SELECT COALESCE(SUM(MAX(0, -pnl)), 0) AS losses FROM (${profitRowsSql({
  from: "positions WHERE state = 'open' AND symbol = @symbol AND entry_price IS NOT NULL AND stop_loss IS NULL",
  direction: 'direction',
  entry: 'entry_price',
  lots: 'lots',
})})`;
const SYMBOL_MARKS = `SELECT COALESCE(SUM(MAX(0, -pnl)), 0) AS losses, COALESCE(SUM(pnl), 0) AS net FROM (${OPEN_ROWS})`;

/** The open positions' marks, one query per symbol; a symbol with no price yet counts 0, as in Quotes.unrealized. */
export function openMarks(ctx: Pick<EngineContext, 'db' | 'positions' | 'quotes'>): OpenMarks {
  let losses = 0;
  let net = 0;
  for (const symbol of ctx.positions.openSymbols()) {
    const valuation = ctx.quotes.valuation(symbol);
    if (valuation === undefined) continue;
    const marks = sql(ctx.db, SYMBOL_MARKS).get({ symbol, ...valuation }) as OpenMarks;
    losses += marks.losses;
    net += marks.net;
  }
  return { losses, net };
}

/**
 * What the open positions lose if every stop-loss is hit: each one's loss at its SL, and for a position without an
 * SL its loss at the latest price (the most that is known). One or two queries per symbol.
 */
export function openWorstLoss(ctx: Pick<EngineContext, 'db' | 'positions' | 'quotes' | 'symbols'>): number {
  let losses = 0;
  for (const symbol of ctx.positions.openSymbols()) {
    const terms = ctx.symbols.profitTerms(symbol);
    losses += (sql(ctx.db, STOP_LOSSES).get({ symbol, ...terms }) as { losses: number }).losses;
    const valuation = ctx.quotes.valuation(symbol);
    if (valuation !== undefined)
      losses += (sql(ctx.db, UNSTOPPED_LOSSES).get({ symbol, ...valuation }) as { losses: number }).losses;
  }
  return losses;
}
