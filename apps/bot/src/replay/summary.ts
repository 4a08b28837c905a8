import type { AnalyticsSummary } from '@zepix/plugin-core';
import type { TradingRuntime } from '../runtime/TradingRuntime.js';

/** One plugin's results in a replay. */
export interface PluginSummary extends AnalyticsSummary {
  readonly plugin: string;
  /** Positions still open when the recording ended (not in the figures above). */
  readonly open: number;
}

/** An alert that now leads to a different decision than when it was recorded. */
export interface ChangedDecision {
  readonly id: number;
  readonly receivedAt: string;
  readonly kind: string;
  readonly symbol: string;
  readonly plugin: string;
  /** Recorded status and error code, e.g. "ok" or "rejected ZEPIX_RISK_DAILY_CAP". */
  readonly was: string;
  readonly now: string;
  readonly reason: string;
}

/** What `zepix replay` reports. */
export interface ReplayReport {
  readonly alerts: number;
  /** Alerts that carried recorded outcomes to compare with. */
  readonly compared: number;
  readonly plugins: readonly PluginSummary[];
  readonly changed: readonly ChangedDecision[];
}

const EMPTY: AnalyticsSummary = { trades: 0, wins: 0, losses: 0, winRate: 0, pnl: 0, maxDrawdown: 0 };

/** Closed-trade figures per plugin from the replay's trading database. */
export function summarizePlugins(trading: TradingRuntime, plugins: readonly string[]): PluginSummary[] {
  const report = trading.engine.analytics();
  return plugins.map((plugin) => {
    const scope = report.byPlugin[plugin] ?? EMPTY;
    const { trades, wins, losses, winRate, pnl, maxDrawdown } = scope;
    const open = trading.engine.listTrades({ plugin, state: 'open' }).length;
    return { plugin, trades, wins, losses, winRate, pnl, maxDrawdown, open };
  });
}

const pad = (cells: readonly string[], widths: readonly number[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');

/** The report as the terminal shows it: one row per plugin, then every changed decision. */
export function formatReport(report: ReplayReport, seconds: number): string {
  const header = ['plugin', 'trades', 'win rate', 'P/L', 'max drawdown', 'still open'];
  const rows = report.plugins.map((p) => [
    p.plugin,
    String(p.trades),
    `${Math.round(p.winRate * 100)} %`,
    p.pnl.toFixed(2),
    p.maxDrawdown.toFixed(2),
    String(p.open),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const lines = [
    `Replayed ${report.alerts} alerts in ${seconds.toFixed(1)} s on a fresh paper broker.`,
    '',
    pad(header, widths),
    ...rows.map((r) => pad(r, widths)),
    '',
  ];
  if (report.compared === 0) lines.push('No recorded outcomes to compare with (the input carries none).');
  else if (report.changed.length === 0)
    lines.push(`Every decision matches the recording (${report.compared} alerts compared).`);
  else {
    lines.push(`${report.changed.length} decisions differ from the recording (${report.compared} alerts compared):`);
    for (const c of report.changed) {
      lines.push(
        `  #${c.id} ${c.receivedAt} ${c.kind} ${c.symbol} ${c.plugin}: was ${c.was}, now ${c.now} — ${c.reason}`,
      );
    }
  }
  return lines.join('\n');
}
