import type { PluginBudgetReport, RiskReport, TradeRow } from '@zepix/trading';
import { apiGet, apiTarget } from './apiClient.js';
import type { CommandIo } from './pluginsCommand.js';

/** Options shared by the commands that ask the running bot. */
export interface ApiCommandOptions {
  readonly url?: string;
  readonly configPath?: string;
  readonly dataDir?: string;
  readonly json?: boolean;
}

const money = (n: number | null) => (n === null ? '-' : n.toFixed(2));

function tradeLine(t: TradeRow): string {
  const levels = `SL ${t.stopLoss ?? '-'} TP ${t.takeProfit ?? '-'}`;
  const pnl = t.state === 'closed' ? ` P&L ${money(t.realizedPnl)} (${t.closeReason ?? t.exitNote ?? ''})` : '';
  return `${t.id.padStart(5)}  ${t.state.padEnd(9)} ${t.plugin.padEnd(14)} ${t.symbol} ${t.direction.padEnd(4)} ${String(t.lots).padEnd(5)} @ ${t.entryPrice ?? '-'}  ${levels}  leg ${t.leg}${pnl}`;
}

/** `zepix trades [--plugin] [--symbol] [--state]`: the running bot's orders and positions. */
export async function tradesCommand(
  options: ApiCommandOptions & { readonly plugin?: string; readonly symbol?: string; readonly state?: string },
  io: CommandIo,
): Promise<number> {
  const query = new URLSearchParams();
  for (const key of ['plugin', 'symbol', 'state'] as const) if (options[key]) query.set(key, options[key]);
  const body = (await apiGet(apiTarget(options), `/trades${query.size ? `?${query.toString()}` : ''}`)) as {
    trades: TradeRow[];
  };
  if (options.json) io.out(JSON.stringify(body, null, 2));
  else if (body.trades.length === 0) io.out('no trades');
  else for (const trade of body.trades) io.out(tradeLine(trade));
  return 0;
}

/** `zepix risk`: the running bot's risk state. */
export async function riskCommand(options: ApiCommandOptions, io: CommandIo): Promise<number> {
  const risk = (await apiGet(apiTarget(options), '/risk')) as RiskReport;
  if (options.json) {
    io.out(JSON.stringify(risk, null, 2));
    return 0;
  }
  io.out(
    `${risk.paused ? `PAUSED (${risk.pauseReason ?? ''}) — exits only` : 'trading'}; balance ${money(risk.balance)} (tier ${risk.tier})`,
  );
  io.out(
    `daily loss ${money(risk.dailyLoss)} of ${money(risk.dailyLossCap)} (since ${risk.dailyResetAt}); lifetime ${money(risk.lifetimeLoss)} of ${money(risk.lifetimeLossCap)}`,
  );
  io.out(`open positions ${risk.openPositions}; orders in the last minute ${risk.ordersLastMinute}`);
  if (risk.blockedReason) io.out(`entries blocked: ${risk.blockedReason}`);
  for (const [plugin, use] of Object.entries(risk.budgets ?? {})) io.out(`${plugin} budget: ${budgetLine(use)}`);
  return 0;
}

/**
 * One plugin's budget use, e.g. `loss 20.00 of 200.00, open 1 of 3, trades 2 of 20 today, max lot 0.1, min
 * reward:risk 0.5`.
 */
function budgetLine(use: PluginBudgetReport): string {
  const { budget } = use;
  const of = (limit: number | undefined, text: string) => (limit === undefined ? text : `${text} of ${limit}`);
  const parts = [
    `loss ${money(use.dailyLoss)}${budget.daily_loss_usd === undefined ? '' : ` of ${money(budget.daily_loss_usd)}`}`,
    of(budget.max_open, `open ${use.open}`),
    `${of(budget.max_trades_per_day, `trades ${use.tradesToday}`)} today`,
    ...(budget.max_lot === undefined ? [] : [`max lot ${budget.max_lot}`]),
    ...(budget.min_rr_ratio === undefined ? [] : [`min reward:risk ${budget.min_rr_ratio}`]),
  ];
  return parts.join(', ');
}
