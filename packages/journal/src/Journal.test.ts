import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal, JournalError } from './index.js';
import { accepted, rejected, tempDir } from './testSupport.js';

let tmp: ReturnType<typeof tempDir>;
let journal: Journal;
const clock = () => new Date('2026-01-05T12:00:00.000Z');

beforeEach(() => {
  tmp = tempDir();
  journal = Journal.open({ path: tmp.dbPath, now: clock });
});

afterEach(async () => {
  await journal.close();
  tmp.remove();
});

describe('appending and reading', () => {
  it('stores an accepted alert as pending with its parsed alert', async () => {
    const result = await journal.appendAccepted(accepted('a1'));
    expect(result).toEqual({ id: 1, duplicate: false });
    const row = journal.get(1);
    expect(row).toMatchObject({
      id: 1,
      status: 'accepted',
      httpStatus: 200,
      idempotencyKey: 'a1',
      family: 'v3',
      kind: 'entry',
      symbol: 'EURUSD',
      alert: { kind: 'entry', symbol: 'EURUSD', direction: 'buy', id: 'a1' },
      dispatchState: 'pending',
      repeatCount: 0,
      lastRepeatAt: null,
      dispatchedAt: null,
      errorCode: null,
      reason: null,
      outcomes: [],
    });
  });

  it('stores rejected and unauthorized requests with no key and nothing to dispatch', async () => {
    const bad = await journal.appendRejected(rejected());
    const denied = await journal.appendRejected(
      rejected({ status: 'unauthorized', httpStatus: 401, errorCode: 'ZEPIX_AUTH', reason: 'wrong secret' }),
    );
    expect(journal.get(bad.id)).toMatchObject({
      status: 'rejected',
      httpStatus: 400,
      errorCode: 'ZEPIX_ALERT_UNPARSEABLE',
      idempotencyKey: null,
      alert: null,
      dispatchState: 'none',
    });
    expect(journal.get(denied.id)).toMatchObject({
      status: 'unauthorized',
      httpStatus: 401,
      reason: 'wrong secret',
      dispatchState: 'none',
    });
    expect(journal.pendingDispatch()).toEqual([]);
  });

  it('returns undefined for an unknown id', () => {
    expect(journal.get(42)).toBeUndefined();
  });

  it('lists newest first, filters by status and pages with limit and beforeId', async () => {
    for (let i = 1; i <= 6; i++) await journal.appendAccepted(accepted(`k${i}`));
    await journal.appendRejected(rejected());
    await journal.appendRejected(rejected({ status: 'unauthorized', httpStatus: 401 }));

    expect(journal.list().map((r) => r.id)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(journal.list({ status: 'accepted', limit: 2 }).map((r) => r.id)).toEqual([6, 5]);
    expect(journal.list({ status: 'accepted', limit: 2, beforeId: 5 }).map((r) => r.id)).toEqual([4, 3]);
    expect(journal.list({ beforeId: 2 }).map((r) => r.id)).toEqual([1]);
    expect(journal.list({ status: 'unauthorized' }).map((r) => r.id)).toEqual([8]);
    expect(journal.list({ status: 'rejected' }).map((r) => r.status)).toEqual(['rejected']);
  });

  it('defaults the page to 50 rows and caps it at 500', async () => {
    await Promise.all(Array.from({ length: 520 }, (_, i) => journal.appendAccepted(accepted(`p${i}`))));
    expect(journal.list()).toHaveLength(50);
    expect(journal.list({ limit: 10_000 })).toHaveLength(500);
    expect(journal.list({ limit: 0 })).toHaveLength(1);
  });

  it('counts rows by status, repeats and pending dispatch', async () => {
    await journal.appendAccepted(accepted('c1'));
    await journal.appendAccepted(accepted('c1'));
    await journal.appendAccepted(accepted('c1'));
    await journal.appendAccepted(accepted('c2'));
    await journal.appendRejected(rejected());
    await journal.appendRejected(rejected({ status: 'unauthorized', httpStatus: 401 }));
    journal.markDispatched(1);
    expect(journal.counts()).toEqual({
      total: 4,
      accepted: 2,
      rejected: 1,
      unauthorized: 1,
      aborted: 0,
      duplicates: 2,
      pendingDispatch: 1,
    });
  });

  it('counts zero on an empty journal', () => {
    expect(journal.counts()).toEqual({
      total: 0,
      accepted: 0,
      rejected: 0,
      unauthorized: 0,
      aborted: 0,
      duplicates: 0,
      pendingDispatch: 0,
    });
  });
});

describe('dispatch bookkeeping', () => {
  it('lists pending alerts oldest first with their outcomes until marked dispatched', async () => {
    const [a, b, c] = await Promise.all([
      journal.appendAccepted(accepted('d1')),
      journal.appendAccepted(accepted('d2')),
      journal.appendAccepted(accepted('d3')),
    ]);
    journal.recordOutcome({
      alertId: b.id,
      plugin: 'combined-v3',
      status: 'ok',
      message: 'opened 7',
      durationMs: 3.5,
      data: { orderId: 7 },
    });
    journal.markDispatched(a.id);

    const pending = journal.pendingDispatch();
    expect(pending.map((r) => r.id)).toEqual([b.id, c.id]);
    expect(pending[0]!.outcomes).toEqual([
      {
        alertId: b.id,
        plugin: 'combined-v3',
        status: 'ok',
        message: 'opened 7',
        durationMs: 3.5,
        data: { orderId: 7 },
        attempts: 1,
        at: '2026-01-05T12:00:00.000Z',
      },
    ]);
    expect(pending[1]!.outcomes).toEqual([]);
    expect(journal.get(a.id)).toMatchObject({ dispatchState: 'done', dispatchedAt: '2026-01-05T12:00:00.000Z' });
  });

  it('writes a batch of outcomes and dispatch marks in one transaction, all or nothing', async () => {
    const [a, b] = await Promise.all([journal.appendAccepted(accepted('b1')), journal.appendAccepted(accepted('b2'))]);
    const outcome = (alertId: number) => ({
      alertId,
      plugin: 'p1',
      status: 'ok' as const,
      message: 'ok',
      durationMs: 1,
    });
    journal.bookkeepingBatch(() => {
      journal.recordOutcome(outcome(a.id));
      journal.markDispatched(a.id);
    });
    expect(journal.get(a.id)).toMatchObject({ dispatchState: 'done', outcomes: [{ plugin: 'p1', status: 'ok' }] });

    expect(() =>
      journal.bookkeepingBatch(() => {
        journal.recordOutcome(outcome(b.id));
        journal.markDispatched(b.id);
        throw new Error('cut short');
      }),
    ).toThrow('cut short');
    expect(journal.get(b.id)).toMatchObject({ dispatchState: 'pending', outcomes: [] });
  });

  it('counts re-deliveries and keeps the latest outcome', async () => {
    const { id } = await journal.appendAccepted(accepted('o1'));
    journal.recordOutcome({
      alertId: id,
      plugin: 'p1',
      status: 'failed',
      message: 'timeout',
      durationMs: 5000,
      errorCode: 'ZEPIX_PLUGIN_TIMEOUT',
    });
    journal.recordOutcome({ alertId: id, plugin: 'p1', status: 'ok', message: 'opened', durationMs: 12 });
    journal.recordOutcome({ alertId: id, plugin: 'p2', status: 'skipped', message: 'not my symbol', durationMs: 0.1 });
    const outcomes = journal.get(id)!.outcomes;
    expect(outcomes).toEqual([
      {
        alertId: id,
        plugin: 'p1',
        status: 'ok',
        message: 'opened',
        durationMs: 12,
        attempts: 2,
        at: '2026-01-05T12:00:00.000Z',
      },
      {
        alertId: id,
        plugin: 'p2',
        status: 'skipped',
        message: 'not my symbol',
        durationMs: 0.1,
        attempts: 1,
        at: '2026-01-05T12:00:00.000Z',
      },
    ]);
  });

  it('refuses an outcome for an alert that does not exist', () => {
    expect(() =>
      journal.recordOutcome({ alertId: 999, plugin: 'p1', status: 'ok', message: '', durationMs: 1 }),
    ).toThrow(expect.objectContaining({ code: 'ZEPIX_JOURNAL_WRITE_FAILED' }));
  });

  it('never marks a rejected row as dispatched', async () => {
    const { id } = await journal.appendRejected(rejected());
    journal.markDispatched(id);
    expect(journal.get(id)).toMatchObject({ dispatchState: 'none', dispatchedAt: null });
  });
});

describe('plugin state', () => {
  it('upserts and reads plugin states ordered by id', () => {
    journal.setPluginState('zeta', false, 'operator');
    journal.setPluginState('alpha', false, '5 consecutive failures');
    journal.setPluginState('alpha', true, 'operator re-enabled');
    expect(journal.pluginStates()).toEqual([
      { plugin: 'alpha', enabled: true, reason: 'operator re-enabled', updatedAt: '2026-01-05T12:00:00.000Z' },
      { plugin: 'zeta', enabled: false, reason: 'operator', updatedAt: '2026-01-05T12:00:00.000Z' },
    ]);
  });
});

describe('opening', () => {
  it('creates a missing parent folder and uses WAL with a schema version', async () => {
    const nested = join(tmp.dir, 'a', 'b', 'journal.db');
    const other = Journal.open({ path: nested });
    await other.appendAccepted(accepted('n1'));
    await other.close();
    const raw = new Database(nested, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(2);
    raw.close();
    expect(statSync(nested).mode & 0o777).toBe(0o600);
  });

  it('upgrades a version 1 file so aborted requests can be stored, keeping its rows and outcomes', async () => {
    await journal.close();
    const v1 = join(tmp.dir, 'v1.db');
    const raw = new Database(v1);
    raw.exec(`CREATE TABLE alerts (id INTEGER PRIMARY KEY, received_at TEXT NOT NULL, sender TEXT NOT NULL,
      content_type TEXT NOT NULL, raw TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected', 'unauthorized')), http_status INTEGER NOT NULL,
      error_code TEXT, reason TEXT, idempotency_key TEXT, key_retired INTEGER NOT NULL DEFAULT 0, family TEXT,
      kind TEXT, symbol TEXT, alert_json TEXT, dispatch_state TEXT NOT NULL, repeat_count INTEGER NOT NULL DEFAULT 0,
      last_repeat_at TEXT, dispatched_at TEXT);
      CREATE TABLE outcomes (alert_id INTEGER NOT NULL REFERENCES alerts (id), plugin TEXT NOT NULL,
      status TEXT NOT NULL, message TEXT NOT NULL, duration_ms REAL NOT NULL, error_code TEXT, data_json TEXT,
      attempts INTEGER NOT NULL, at TEXT NOT NULL, PRIMARY KEY (alert_id, plugin)) WITHOUT ROWID;
      INSERT INTO alerts (received_at, sender, content_type, raw, status, http_status, idempotency_key,
        dispatch_state) VALUES ('2026-01-05T10:00:00.000Z', '1.2.3.4', 'text/plain', 'x', 'accepted', 200, 'k1', 'done');
      INSERT INTO outcomes VALUES (1, 'p', 'ok', 'fine', 1, NULL, NULL, 1, '2026-01-01T00:00:00Z');
      PRAGMA user_version = 1;`);
    raw.close();
    journal = Journal.open({ path: v1 });
    expect(journal.get(1)).toMatchObject({ idempotencyKey: 'k1', outcomes: [{ plugin: 'p' }] });
    const { id } = await journal.appendRejected(rejected({ status: 'aborted', httpStatus: 400 }));
    expect(journal.get(id)?.status).toBe('aborted');
    expect(journal.counts()).toMatchObject({ total: 2, aborted: 1 });
    await expect(journal.appendAccepted(accepted('k1'))).resolves.toMatchObject({ duplicate: true });
  });

  it('works in memory with a single connection', async () => {
    const memory = Journal.open({ path: ':memory:' });
    const { id } = await memory.appendAccepted(accepted('m1'));
    memory.recordOutcome({ alertId: id, plugin: 'p', status: 'ok', message: 'ok', durationMs: 1 });
    expect(memory.get(id)!.outcomes).toHaveLength(1);
    await memory.close();
  });

  it('fails with ZEPIX_JOURNAL_OPEN_FAILED when the path runs through a file', () => {
    const file = join(tmp.dir, 'plain-file');
    writeFileSync(file, 'x');
    const attempt = () => Journal.open({ path: join(file, 'journal.db') });
    expect(attempt).toThrow(JournalError);
    expect(attempt).toThrow(
      expect.objectContaining({ code: 'ZEPIX_JOURNAL_OPEN_FAILED', message: expect.stringContaining(file) as string }),
    );
  });

  it('refuses a file written by a newer schema', async () => {
    await journal.close();
    const raw = new Database(tmp.dbPath);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => Journal.open({ path: tmp.dbPath })).toThrow(/schema version 99/);
  });
});
