import { capRows, num, signedMoney, table, timeframe, trendWord } from '../format.js';
import { bold, lines, pre } from '../html.js';
import type { CommandSpec } from './types.js';
import { ok, say } from './types.js';

const SYMBOL = /^[A-Z0-9._:!-]{1,24}$/;

/** `/trends [symbol]`: the trend store, per symbol and timeframe. */
export const trendsCommand: CommandSpec = {
  name: 'trends',
  description: 'Stored trends: /trends [symbol]',
  failure: 'get the trends',
  async run({ operator, args }) {
    const symbol = args[0]?.toUpperCase();
    if (symbol !== undefined && !SYMBOL.test(symbol)) {
      return say('usage', '/trends takes an optional symbol, for example /trends XAUUSD.');
    }
    const trends = await operator.trends(symbol);
    if (trends.length === 0) return say('ok', symbol ? `No trends stored for ${symbol}.` : 'No trends stored yet.');
    const sorted = [...trends].sort((a, b) => a.symbol.localeCompare(b.symbol) || a.timeframe - b.timeframe);
    const { shown, more } = capRows(sorted, 60);
    const rows = shown.map((t) => [t.symbol, timeframe(t.timeframe), trendWord(t.trend)]);
    return ok(lines(bold(symbol ? `Trends ${symbol}` : 'Trends'), pre([...table(rows), ...(more ? [more] : [])])));
  },
};

/** `/chains`: profit-booking chains with their level and booked P&L. */
export const chainsCommand: CommandSpec = {
  name: 'chains',
  description: 'Profit-booking chains',
  failure: 'list the profit chains',
  async run({ operator }) {
    const chains = await operator.chains();
    if (chains.length === 0) return say('ok', 'No profit-booking chains.');
    const { shown, more } = capRows(chains, 30);
    const rows = shown.map((c) => [
      `#${c.id}`,
      c.symbol,
      c.direction.toUpperCase(),
      `L${num(c.level)}`,
      `${c.openOrders} open`,
      signedMoney(c.bookedPnl),
      c.state,
    ]);
    return ok(lines(bold(`Profit chains (${chains.length})`), pre([...table(rows), ...(more ? [more] : [])])));
  },
};
