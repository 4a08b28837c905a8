import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAlert } from '@zepix/alert-parser';
import { isInfoAlert } from '@zepix/plugin-core';
import type { BaseLogicPlugin, LogicPluginClass, SampleAlert } from '@zepix/plugin-core';
import { bootstrap } from '../bootstrap.js';
import type { BootstrapOptions } from '../bootstrap.js';
import { formatStartupReport } from '../discovery/startupReport.js';
import { TradingRuntime } from '../runtime/TradingRuntime.js';
import { TrendStore } from '../trends/TrendStore.js';
import type { CommandIo } from './pluginsCommand.js';
import { sampleAlertBodies } from './samples.js';

/** Options of `zepix test-plugin <id>`. */
export interface TestPluginOptions extends BootstrapOptions {
  readonly id: string;
  readonly symbol?: string;
  readonly price?: number;
}

interface Sandbox {
  readonly trends: TrendStore;
  trading?: TradingRuntime;
}

/** The plugin's declared samples, else the legacy entry/exit/reversal samples on --symbol and --price. */
function samplesOf(plugin: BaseLogicPlugin<unknown>, options: TestPluginOptions, io: CommandIo): SampleAlert[] {
  const declared = (plugin.constructor as unknown as LogicPluginClass).sampleAlerts ?? [];
  if (declared.length > 0) return [...declared];
  io.out(`note: ${options.id} declares no sampleAlerts; sending legacy entry, exit and reversal samples`);
  return sampleAlertBodies(options.symbol ?? 'XAUUSD', options.price ?? 2650.5);
}

/** "order #3 A buy XAUUSD 0.05 lots @ 2650.1, SL 2627.5, TP 2683.75 (open)". */
function describeOrders(trading: TradingRuntime, before: number): string[] {
  return trading.engine
    .listTrades()
    .slice(before)
    .map(
      (t) =>
        `    order #${t.id} ${t.leg} ${t.direction} ${t.symbol} ${t.lots} lots @ ${t.entryPrice ?? '-'}, SL ${t.stopLoss ?? 'none'}, TP ${t.takeProfit ?? 'none'} (${t.state}${t.errorCode ? `: ${t.errorCode}` : ''})`,
    );
}

/** Sends one sample the way the dispatcher does: trends and price first, then the plugin. Returns whether it passed. */
async function sendSample(
  plugin: { readonly id: string; readonly registry: Awaited<ReturnType<typeof bootstrap>>['registry'] },
  sandbox: Required<Sandbox>,
  sample: SampleAlert,
  io: CommandIo,
): Promise<boolean> {
  const parsed = parseAlert(typeof sample.body === 'string' ? sample.body : JSON.stringify(sample.body));
  if (!parsed.ok) {
    io.out(`✘ ${sample.name}: the sample does not parse: ${parsed.error.message}`);
    return false;
  }
  const alert = parsed.value;
  if (isInfoAlert(alert) || alert.kind === 'entry') sandbox.trends.apply(alert, new Date());
  if (alert.price !== undefined) await sandbox.trading.feedPrice({ symbol: alert.symbol, mid: alert.price });
  const before = sandbox.trading.engine.listTrades().length;
  const result = await plugin.registry.routeAlert(alert, plugin.id);
  const passed = result.status !== 'failed' && result.status !== 'rejected';
  io.out(
    `${passed ? '✔' : '✘'} ${sample.name} → ${result.method}: ${result.status} — ${result.message} (${result.durationMs.toFixed(1)} ms)`,
  );
  for (const line of describeOrders(sandbox.trading, before)) io.out(line);
  return passed;
}

/**
 * `zepix test-plugin <id>`: loads one plugin through the real discovery into a throwaway data folder with a fresh
 * paper broker and the real trading engine, sends it the sample alerts it declares (`static sampleAlerts`) and
 * prints what each produced, orders included. Exit code 1 when the plugin fails to load, or a sample throws, is
 * refused or does not parse.
 */
export async function testPluginCommand(options: TestPluginOptions, io: CommandIo): Promise<number> {
  const scratch = mkdtempSync(join(tmpdir(), 'zepix-test-plugin-'));
  const sandbox: Sandbox = { trends: new TrendStore(join(scratch, 'zepix_trends.db')) };
  const clock = { now: () => new Date() };
  try {
    const bot = await bootstrap({
      ...options,
      only: [options.id],
      dataDir: scratch,
      servicesFactory: async ({ config }) => {
        const trading = await TradingRuntime.open({
          dataDir: scratch,
          config,
          trends: sandbox.trends,
          logger: options.logger,
        });
        sandbox.trading = trading;
        return (id, logger) => trading.servicesFor(id, logger, clock);
      },
    });
    try {
      const plugin = bot.registry.get(options.id);
      if (!plugin || !sandbox.trading) {
        io.err(formatStartupReport(bot.report));
        io.err(`\nplugin "${options.id}" did not load; see the report above.`);
        return 1;
      }
      if (!plugin.enabled) {
        io.out(`note: ${options.id} is disabled in config; enabled for this test only`);
        plugin.enable();
      }
      const samples = samplesOf(plugin, options, io);
      let failures = 0;
      const ready = { trends: sandbox.trends, trading: sandbox.trading };
      for (const sample of samples)
        if (!(await sendSample({ id: options.id, registry: bot.registry }, ready, sample, io))) failures += 1;
      io.out(
        failures
          ? `${failures} of ${samples.length} sample alerts failed or were refused`
          : `${options.id} handled all ${samples.length} sample alerts`,
      );
      return failures ? 1 : 0;
    } finally {
      await bot.registry.shutdownAll();
    }
  } finally {
    await sandbox.trading?.close();
    sandbox.trends.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
