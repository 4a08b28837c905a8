import { SingleBar } from 'cli-progress';
import type { Logger } from 'pino';
import { BotError, BotErrorCode } from '../errors.js';
import { replay } from '../replay/replay.js';
import type { TimeRange } from '../replay/records.js';
import { formatReport } from '../replay/summary.js';
import type { CommandIo } from './pluginsCommand.js';

/** Options of `zepix replay`. */
export interface ReplayCommandOptions {
  readonly input: string | undefined;
  readonly plugin?: string;
  readonly range: TimeRange;
  readonly configPath?: string;
  readonly projectDir?: string;
  readonly json: boolean;
  readonly failOnChange: boolean;
  readonly logger: Logger;
}

/**
 * `zepix replay <journal.db | alerts.jsonl>`: the recorded alerts through the installed plugins on a fresh paper
 * broker, with a progress bar on a terminal, then trades, win rate, P/L and drawdown per plugin and every decision
 * that changed. Exit 1 with --fail-on-change when any did (a plugin author's regression test).
 */
export async function replayCommand(options: ReplayCommandOptions, io: CommandIo): Promise<number> {
  if (!options.input) {
    throw new BotError(BotErrorCode.Usage, 'replay needs a recording', {
      hint: 'zepix replay data/zepix_journal.db, or a file from zepix export alerts: zepix replay alerts.jsonl',
    });
  }
  // cli-progress draws only on a terminal; piped output gets the summary alone.
  const bar = new SingleBar({ stream: process.stderr, format: 'replay [{bar}] {value}/{total} alerts  {eta}s left' });
  const started = performance.now();
  const report = await replay({
    input: options.input,
    range: options.range,
    logger: options.logger,
    ...(options.plugin ? { plugin: options.plugin } : {}),
    ...(options.configPath ? { configPath: options.configPath } : {}),
    ...(options.projectDir ? { projectDir: options.projectDir } : {}),
    onStart: (total) => bar.start(total, 0),
    onProgress: (done) => bar.update(done),
  }).finally(() => bar.stop());
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage();
  const cpuSeconds = (user + system) / 1e6;
  io.out(options.json ? JSON.stringify({ ...report, seconds, cpuSeconds }, null, 2) : formatReport(report, seconds));
  return options.failOnChange && report.changed.length > 0 ? 1 : 0;
}
