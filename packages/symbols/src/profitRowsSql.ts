import type { ProfitTerms } from './SymbolBook.js';

/** The named parameters of `profitRowsSql`: the symbol's profit terms and the prices each side closes at now. */
export interface ProfitRowsParams extends ProfitTerms {
  readonly buyExit: number;
  readonly sellExit: number;
}

/** Where `profitRowsSql` reads positions from, and which of their columns (or SQL expressions) it values. */
export interface ProfitRowsSource {
  /** A table and its filter, as written after FROM: `positions WHERE state = 'open' AND symbol = @symbol`. */
  readonly from: string;
  /** 'buy' or 'sell'. */
  readonly direction: string;
  readonly entry: string;
  readonly lots: string;
  /** A column to close each row at (e.g. its stop-loss); without it, the bound `@buyExit` / `@sellExit`. */
  readonly exit?: string;
}

/**
 * SQL for a subquery with one row per position of `source` and one column, `pnl`: what `SymbolBook.profit` gives
 * for it, to the last bit, so positions can be summed inside SQLite without materialising a row. It repeats
 * profit's IEEE operations in the same order and rounds each row to cents the way Math.round does (SQLite's ROUND
 * sends halves away from zero). Since every row is a whole number of cents, a SUM differs from a JavaScript loop
 * at most in the last bits, which rounding the total to cents removes. Bind a `ProfitRowsParams` (all positions
 * of `source` must be of the one symbol whose terms it carries); with `exit`, only its `ProfitTerms`.
 */
export function profitRowsSql(source: ProfitRowsSource): string {
  const { from, direction, entry, lots } = source;
  const exit = source.exit ?? `(CASE ${direction} WHEN 'buy' THEN @buyExit ELSE @sellExit END)`;
  const sign = `(CASE ${direction} WHEN 'buy' THEN 1 ELSE -1 END)`;
  const cents = `((((((${exit} - ${entry}) * ${sign}) / @pipSize) * @pipValuePerLot) * ${lots}) * 100)`;
  // floor by truncation (portable to SQLite builds without math functions); x - floor(x) is exact here.
  const floor = '(CAST(x AS INTEGER) - (x < CAST(x AS INTEGER)))';
  // LIMIT -1 (no limit) keeps SQLite from flattening the subqueries, which would copy `cents` into every use of
  // x and `pnl` into every use by the caller, evaluating it several times per row.
  return `SELECT (${floor} + (x - ${floor} >= 0.5)) / 100.0 AS pnl FROM (SELECT ${cents} AS x FROM ${from} LIMIT -1) LIMIT -1`;
}
