import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BotConfig } from '../config/configSchema.js';
import { openPositions } from './openPositions.js';
import { TradingRuntime } from './TradingRuntime.js';
import type { TradingRuntimeOptions } from './TradingRuntime.js';

/** The plugins configured with `plugins.<id>.mode: "shadow"`. */
export function shadowPluginIds(config: BotConfig): string[] {
  return Object.entries(config.plugins)
    .filter(([, section]) => section.mode === 'shadow')
    .map(([id]) => id);
}

/**
 * The shadow plugins' own paper broker and trading engine in `<data>/shadow/`, fed every price the live runtime
 * sees; undefined when no plugin is in shadow mode. Its orders never reach the live account or its risk caps.
 */
export async function openShadowRuntime(
  options: TradingRuntimeOptions & { readonly live: TradingRuntime },
): Promise<TradingRuntime | undefined> {
  if (shadowPluginIds(options.config).length === 0) return undefined;
  const dataDir = join(options.dataDir, 'shadow');
  mkdirSync(dataDir, { recursive: true });
  // Always the paper broker, whatever the live one is: a shadow plugin never reaches a real account.
  const config: BotConfig = { ...options.config, broker: { ...options.config.broker, kind: 'paper' } };
  const logger = options.logger.child({ shadow: true });
  const shadow = await TradingRuntime.open({ ...options, config, dataDir, logger });
  options.live.followPrices(shadow);
  return shadow;
}

/** One plugin's results: closed-trade figures and its open positions at the latest prices. */
export interface PluginResults {
  readonly plugin: string;
  readonly mode: 'live' | 'shadow';
  readonly trades: number;
  readonly wins: number;
  readonly winRate: number;
  readonly pnl: number;
  readonly maxDrawdown: number;
  readonly open: number;
  readonly unrealizedPnl: number;
}

async function resultsOf(runtime: TradingRuntime, ids: readonly string[], mode: PluginResults['mode']) {
  const report = runtime.engine.analytics();
  const open = await openPositions(runtime);
  return ids.map((plugin): PluginResults => {
    const s = report.byPlugin[plugin];
    const mine = open.filter((p) => p.plugin === plugin);
    return {
      plugin,
      mode,
      trades: s?.trades ?? 0,
      wins: s?.wins ?? 0,
      winRate: s?.winRate ?? 0,
      pnl: s?.pnl ?? 0,
      maxDrawdown: s?.maxDrawdown ?? 0,
      open: mine.length,
      unrealizedPnl: Math.round(mine.reduce((sum, p) => sum + p.unrealizedPnl, 0) * 100) / 100,
    };
  });
}

/** Shadow plugins' results beside the live plugins', for `GET /api/shadow` and the dashboard. */
export async function shadowReport(parts: {
  readonly live: TradingRuntime;
  readonly shadow: TradingRuntime | undefined;
  readonly shadowIds: readonly string[];
  readonly liveIds: readonly string[];
}): Promise<{ plugins: PluginResults[]; live: PluginResults[] }> {
  return {
    plugins: parts.shadow ? await resultsOf(parts.shadow, parts.shadowIds, 'shadow') : [],
    live: await resultsOf(parts.live, parts.liveIds, 'live'),
  };
}
