import type { PluginRiskBudget } from '@zepix/plugin-core';
import { profitRowsSql } from '@zepix/symbols';
import type { EngineContext } from './context.js';
import { TradingErrorCode } from './errors.js';
import type { Refusal } from './RiskGate.js';
import { sql } from './schema.js';
import type { PluginBudgetReport, TradeOrigin } from './types.js';

const round2 = (value: number) => Math.round(value * 100) / 100;

// One plugin's open rows of one symbol, valued in SQL exactly like the account's open marks (openMarks.ts).
const PLUGIN_ROWS = profitRowsSql({
  from: "positions WHERE state = 'open' AND symbol = @symbol AND plugin = @plugin AND entry_price IS NOT NULL",
  direction: 'direction',
  entry: 'entry_price',
  lots: 'lots',
});
const PLUGIN_MARKS = `SELECT COALESCE(SUM(MAX(0, -pnl)), 0) AS losses, COALESCE(SUM(pnl), 0) AS net FROM (${PLUGIN_ROWS})`;

/** What a budget check needs to know about the order. */
export interface BudgetCheck {
  readonly plugin: string;
  readonly origin: TradeOrigin;
  /** Start of the trading day (the gate's daily reset). */
  readonly resetAt: Date;
}

/** One plugin's use of its budget today. */
export interface BudgetUse {
  readonly dailyLoss: number;
  readonly open: number;
  readonly tradesToday: number;
}

/**
 * Per-plugin risk budgets (`plugins.<id>.risk`), checked after the account caps so one plugin can never spend
 * another's allowance. The budgets live in memory: the host registers each plugin's when it builds its services;
 * what they count (losses, open positions, trades) is read from the database, so counts survive restarts.
 */
export class PluginBudgets {
  readonly #ctx: EngineContext;
  readonly #budgets = new Map<string, PluginRiskBudget>();

  constructor(ctx: EngineContext) {
    this.#ctx = ctx;
  }

  /** Sets (or replaces) a plugin's budget. */
  set(plugin: string, budget: PluginRiskBudget): void {
    this.#budgets.set(plugin, budget);
  }

  /** A plugin's budget; `{}` (no limits of its own) when none was set. */
  get(plugin: string): PluginRiskBudget {
    return this.#budgets.get(plugin) ?? {};
  }

  /** Every plugin with a budget, with what it used since `resetAt`. */
  report(resetAt: Date): Record<string, PluginBudgetReport> {
    const report: Record<string, PluginBudgetReport> = {};
    for (const [plugin, budget] of this.#budgets) report[plugin] = { budget, ...this.use(plugin, resetAt) };
    return report;
  }

  /** Losses, open positions and trades the plugin has used today. */
  use(plugin: string, resetAt: Date): BudgetUse {
    return {
      dailyLoss: round2(this.#realizedLoss(plugin, resetAt) + this.#openLoss(plugin)),
      open: this.#ctx.positions.countLive(plugin),
      tradesToday: this.#tradesSince(plugin, resetAt),
    };
  }

  /** The first budget the order would break, naming it; chain orders are bounded by their chain, not the counts. */
  refusal(check: BudgetCheck): Refusal | undefined {
    const budget = this.#budgets.get(check.plugin);
    if (budget === undefined) return undefined;
    const { plugin } = check;
    const key = `plugins.${plugin}.risk`;
    if (budget.daily_loss_usd !== undefined) {
      const loss = round2(this.#realizedLoss(plugin, check.resetAt) + this.#openLoss(plugin));
      if (loss >= budget.daily_loss_usd) {
        return {
          code: TradingErrorCode.BudgetDailyLoss,
          reason: `plugin "${plugin}" lost $${loss} today (realized + open), its budget ${key}.daily_loss_usd is $${budget.daily_loss_usd}; its new entries wait for the daily reset, other plugins trade on. Fix: wait for the reset or raise ${key}.daily_loss_usd`,
        };
      }
    }
    if (check.origin === 'chain') return undefined;
    if (budget.max_open !== undefined) {
      const open = this.#ctx.positions.countLive(plugin);
      if (open >= budget.max_open) {
        return {
          code: TradingErrorCode.BudgetMaxOpen,
          reason: `plugin "${plugin}" has ${open} open trades, its budget ${key}.max_open is ${budget.max_open}. Fix: let one close first or raise ${key}.max_open`,
        };
      }
    }
    if (budget.max_trades_per_day !== undefined && check.origin === 'alert') {
      const trades = this.#tradesSince(plugin, check.resetAt);
      if (trades >= budget.max_trades_per_day) {
        return {
          code: TradingErrorCode.BudgetTradesPerDay,
          reason: `plugin "${plugin}" has placed ${trades} trades today, its budget ${key}.max_trades_per_day is ${budget.max_trades_per_day}. Fix: wait for the daily reset or raise ${key}.max_trades_per_day`,
        };
      }
    }
    return undefined;
  }

  /** Cuts a size down to the plugin's `max_lot` (on the symbol's lot step); other sizes pass unchanged. */
  capLots(plugin: string, symbol: string, lots: number): number {
    const max = this.#budgets.get(plugin)?.max_lot;
    if (max === undefined || lots <= max) return lots;
    return this.#ctx.symbols.normalizeLots(symbol, max);
  }

  #realizedLoss(plugin: string, since: Date): number {
    const sums = this.#ctx.closeTotals.since(since.toISOString(), plugin);
    return this.#ctx.config.risk.loss_basis === 'gross' ? sums.grossLoss : Math.max(0, -sums.net);
  }

  #openLoss(plugin: string): number {
    const symbols = sql(this.#ctx.db, "SELECT DISTINCT symbol FROM positions WHERE state = 'open' AND plugin = ?").all(
      plugin,
    ) as { symbol: string }[];
    let losses = 0;
    let net = 0;
    for (const { symbol } of symbols) {
      const valuation = this.#ctx.quotes.valuation(symbol);
      if (valuation === undefined) continue;
      const marks = sql(this.#ctx.db, PLUGIN_MARKS).get({ symbol, plugin, ...valuation }) as {
        losses: number;
        net: number;
      };
      losses += marks.losses;
      net += marks.net;
    }
    return this.#ctx.config.risk.loss_basis === 'net' ? Math.max(0, -net) : losses;
  }

  /** Alert orders that reached (or may have reached) the broker today; refused and failed ones are not trades. */
  #tradesSince(plugin: string, since: Date): number {
    const row = sql(
      this.#ctx.db,
      "SELECT COUNT(*) AS n FROM positions WHERE plugin = ? AND origin = 'alert' AND created_at >= ? AND state IN ('submitting', 'unknown', 'open', 'closed')",
    ).get(plugin, since.toISOString()) as { n: number };
    return row.n;
  }
}
