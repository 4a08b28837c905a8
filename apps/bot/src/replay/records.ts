import { existsSync, readFileSync } from 'node:fs';
import { Journal } from '@zepix/journal';
import type { Alert } from '@zepix/plugin-core';
import { BotError, BotErrorCode } from '../errors.js';

/** What one plugin decided about a recorded alert. */
export interface RecordedOutcome {
  readonly plugin: string;
  readonly status: string;
  readonly errorCode?: string;
  readonly message: string;
}

/** One line of `zepix export alerts`: an accepted alert as normalised, when it came, and what each plugin did. */
export interface RecordedAlert {
  readonly id: number;
  readonly receivedAt: string;
  readonly alert: Alert;
  readonly outcomes: readonly RecordedOutcome[];
}

/** A time window over `receivedAt`, both ends inclusive, as ISO strings. */
export interface TimeRange {
  readonly from?: string;
  readonly to?: string;
}

const PAGE = 500;
const SECRET_KEY = /secret|token|password|passphrase|api[_-]?key/i;

const inRange = (at: string, range: TimeRange) =>
  (range.from === undefined || at >= range.from) && (range.to === undefined || at <= range.to);

/** A copy of `value` without any key that looks like a secret, at any depth. */
function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !SECRET_KEY.test(key))
      .map(([key, v]) => [key, withoutSecrets(v)]),
  );
}

/**
 * The accepted alerts of a journal database, oldest first, with their outcomes. The raw body is left out and any
 * secret-looking key removed, so an export can be shared.
 */
export function* journalRecords(path: string, range: TimeRange = {}): Generator<RecordedAlert> {
  if (!existsSync(path)) {
    throw new BotError(BotErrorCode.ReplayInput, `no journal at ${path}`, {
      hint: 'give the path of zepix_journal.db (in the data folder, default ./data)',
    });
  }
  const journal = Journal.open({ path, synchronous: 'NORMAL' });
  try {
    const ids: number[] = [];
    for (let before: number | undefined; ;) {
      const page = journal.list({ status: 'accepted', limit: PAGE, ...(before ? { beforeId: before } : {}) });
      for (const row of page) if (inRange(row.receivedAt, range)) ids.push(row.id);
      if (page.length < PAGE) break;
      before = page.at(-1)!.id;
    }
    for (const id of ids.reverse()) {
      const row = journal.get(id);
      if (!row || row.alert === null) continue;
      yield {
        id: row.id,
        receivedAt: row.receivedAt,
        alert: withoutSecrets(row.alert) as Alert,
        outcomes: row.outcomes.map((o) => ({
          plugin: o.plugin,
          status: o.status,
          message: o.message,
          ...(o.errorCode ? { errorCode: o.errorCode } : {}),
        })),
      };
    }
  } finally {
    void journal.close();
  }
}

function parseLine(line: string, where: string): RecordedAlert {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new BotError(BotErrorCode.ReplayInput, `${where} is not JSON: ${(error as Error).message}`, {
      hint: 'each line must be one object as written by zepix export alerts',
    });
  }
  const record = value as Partial<RecordedAlert> | null;
  const alert = record?.alert as Partial<Alert> | undefined;
  if (
    typeof record?.receivedAt !== 'string' ||
    Number.isNaN(Date.parse(record.receivedAt)) ||
    typeof alert?.kind !== 'string' ||
    typeof alert.symbol !== 'string'
  ) {
    throw new BotError(
      BotErrorCode.ReplayInput,
      `${where} lacks "receivedAt" (an ISO time) or "alert.kind"/"alert.symbol"`,
      {
        hint: 'each line must be {"id","receivedAt","alert":{...},"outcomes":[...]} as written by zepix export alerts',
      },
    );
  }
  return { id: record.id ?? 0, receivedAt: record.receivedAt, alert: alert as Alert, outcomes: record.outcomes ?? [] };
}

/** The records of an `alerts.jsonl` file (the export format), in file order. */
export function* jsonlRecords(path: string, range: TimeRange = {}): Generator<RecordedAlert> {
  if (!existsSync(path)) {
    throw new BotError(BotErrorCode.ReplayInput, `no file at ${path}`, {
      hint: 'give a journal database (.db) or a file written by zepix export alerts (.jsonl)',
    });
  }
  const lines = readFileSync(path, 'utf8').split('\n');
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    const record = parseLine(line, `${path}:${index + 1}`);
    if (inRange(record.receivedAt, range)) yield record;
  }
}

/** Records from a journal database (`.db`, `.sqlite`) or an export file (anything else). */
export function readRecords(path: string, range: TimeRange = {}): RecordedAlert[] {
  return [...(/\.(db|sqlite3?)$/i.test(path) ? journalRecords(path, range) : jsonlRecords(path, range))];
}
