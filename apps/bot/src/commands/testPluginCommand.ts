import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAlert, formatParseIssues } from '@zepix/alert-parser';
import { bootstrap } from '../bootstrap.js';
import type { BootstrapOptions } from '../bootstrap.js';
import { formatStartupReport } from '../discovery/startupReport.js';
import type { CommandIo } from './pluginsCommand.js';
import { sampleAlertBodies } from './samples.js';

/** Options of `zepix test-plugin <id>`. */
export interface TestPluginOptions extends BootstrapOptions {
  readonly id: string;
  readonly symbol?: string;
  readonly price?: number;
}

/**
 * `zepix test-plugin <id>`: loads one plugin through the real discovery (in a throwaway data folder unless
 * --data-dir is given), sends it sample entry, exit and reversal alerts and prints each result. Exit code 1 when
 * the plugin fails to load or any call fails.
 */
export async function testPluginCommand(options: TestPluginOptions, io: CommandIo): Promise<number> {
  const scratch = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'zepix-test-plugin-'));
  const bot = await bootstrap({ ...options, only: [options.id], dataDir: options.dataDir ?? scratch });
  try {
    const plugin = bot.registry.get(options.id);
    if (!plugin) {
      io.err(formatStartupReport(bot.report));
      io.err(`\nplugin "${options.id}" did not load; see the report above.`);
      return 1;
    }
    if (!plugin.enabled) {
      io.out(`note: ${options.id} is disabled in config; enabled for this test only`);
      plugin.enable();
    }
    let failures = 0;
    for (const sample of sampleAlertBodies(options.symbol ?? 'XAUUSD', options.price ?? 2650.5)) {
      const parsed = parseAlert(sample.body);
      if (!parsed.ok) throw new Error(`sample ${sample.name} does not parse: ${formatParseIssues(parsed.issues)}`);
      const result = await bot.registry.routeAlert(parsed.alert, options.id);
      if (result.status === 'failed') failures += 1;
      const mark = result.status === 'failed' ? '✘' : '✔';
      io.out(
        `${mark} ${sample.name} → ${result.method}: ${result.status} — ${result.message} (${result.durationMs.toFixed(1)} ms)`,
      );
    }
    io.out(failures ? `${failures} of 3 calls failed` : `${options.id} handled all 3 sample alerts`);
    return failures ? 1 : 0;
  } finally {
    await bot.registry.shutdownAll();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
