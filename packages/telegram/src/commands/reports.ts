import { percent, signedMoney, table } from '../format.js';
import type { Html } from '../html.js';
import { bold, lines, pre } from '../html.js';
import type { OperatorDaily } from '../ports.js';
import type { CommandSpec } from './types.js';
import { ok } from './types.js';

/** `/pnl`: overall performance and a line per plugin. */
export const pnlCommand: CommandSpec = {
  name: 'pnl',
  description: 'P&L, win rate and drawdown by plugin',
  failure: 'get the P&L',
  async run({ operator }) {
    const p = await operator.pnl();
    const overall = table([
      ['trades', String(p.trades)],
      ['win rate', percent(p.winRate)],
      ['P&L', signedMoney(p.pnl)],
      ['max drawdown', signedMoney(-Math.abs(p.maxDrawdown))],
    ]);
    const byPlugin = table([
      ['plugin', 'trades', 'win', 'P&L'],
      ...p.byPlugin.map((b) => [b.plugin, String(b.trades), percent(b.winRate), signedMoney(b.pnl)]),
    ]);
    return ok(lines(bold('P&L'), pre(p.byPlugin.length > 0 ? [...overall, '', ...byPlugin] : overall)));
  },
};

/** The daily summary text: used by `/daily` and by the scheduled report to the analytics chat. */
export function formatDaily(daily: OperatorDaily): Html {
  const rows = [
    ['plugin', 'trades', 'wins', 'P&L'],
    ...daily.byPlugin.map((b) => [b.plugin, String(b.trades), String(b.wins), signedMoney(b.pnl)]),
    ['total', '', '', signedMoney(daily.total)],
  ];
  return lines(bold(`Daily summary ${daily.date}`), pre(table(rows)));
}

/** `/daily`: today's result per plugin, on demand. */
export const dailyCommand: CommandSpec = {
  name: 'daily',
  description: "Today's result per plugin",
  failure: "get today's summary",
  async run({ operator }) {
    return ok(formatDaily(await operator.daily()));
  },
};
