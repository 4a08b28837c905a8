import { join } from 'node:path';
import { resolveDataDir } from '../bootstrap.js';
import { BotError, BotErrorCode } from '../errors.js';
import { journalRecords } from '../replay/records.js';
import type { TimeRange } from '../replay/records.js';
import type { CommandIo } from './pluginsCommand.js';

/** Options of `zepix export alerts`. */
export interface ExportOptions {
  readonly what: string | undefined;
  readonly dataDir?: string;
  readonly cwd?: string;
  readonly range: TimeRange;
}

/**
 * `zepix export alerts [--from --to] > alerts.jsonl`: every accepted alert of the journal, oldest first, one JSON
 * object a line with each plugin's recorded outcome. Raw bodies and secret-looking keys are left out.
 */
export function exportCommand(options: ExportOptions, io: CommandIo): number {
  if (options.what !== 'alerts') {
    throw new BotError(BotErrorCode.Usage, `export needs what to export; "${options.what ?? ''}" is not known`, {
      hint: 'zepix export alerts [--from <time>] [--to <time>] > alerts.jsonl',
    });
  }
  const path = join(resolveDataDir(options.cwd ?? process.cwd(), options.dataDir), 'zepix_journal.db');
  let count = 0;
  for (const record of journalRecords(path, options.range)) {
    io.out(JSON.stringify(record));
    count += 1;
  }
  io.err(`exported ${count} alerts from ${path}`);
  return 0;
}
