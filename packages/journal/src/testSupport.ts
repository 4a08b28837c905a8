import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AcceptedEntry, RejectedEntry } from './types.js';

/** A fresh folder for one test's database files, and a way to remove it. */
export function tempDir(): { dir: string; dbPath: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'zepix-journal-'));
  return { dir, dbPath: join(dir, 'journal.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An accepted entry with sensible defaults; `key` is the idempotency key. */
export function accepted(key: string, overrides: Partial<AcceptedEntry> = {}): AcceptedEntry {
  return {
    receivedAt: '2026-01-05T10:00:00.000Z',
    sender: '52.89.214.238',
    contentType: 'application/json',
    raw: `{"id":"${key}","symbol":"EURUSD","action":"buy"}`,
    idempotencyKey: key,
    dedupWindowMs: 60_000,
    alert: { kind: 'entry', symbol: 'EURUSD', direction: 'buy', id: key },
    family: 'v3',
    kind: 'entry',
    symbol: 'EURUSD',
    ...overrides,
  };
}

/** A rejected entry with sensible defaults. */
export function rejected(overrides: Partial<RejectedEntry> = {}): RejectedEntry {
  return {
    receivedAt: '2026-01-05T10:00:01.000Z',
    sender: '10.0.0.9',
    contentType: 'text/plain',
    raw: 'not an alert',
    status: 'rejected',
    httpStatus: 400,
    errorCode: 'ZEPIX_ALERT_UNPARSEABLE',
    reason: 'body is neither JSON nor a known text format',
    ...overrides,
  };
}

/** Runs SQL on a journal file through a connection of the test's own, as an outside fault would. */
export function runOnFile(path: string, sql: string): void {
  const raw = new Database(path);
  raw.exec(sql);
  raw.close();
}
