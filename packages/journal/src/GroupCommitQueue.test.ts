import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal, JournalError } from './index.js';
import type { AppendResult } from './index.js';
import { accepted, rejected, tempDir } from './testSupport.js';

let tmp: ReturnType<typeof tempDir>;
let journal: Journal;

beforeEach(() => {
  tmp = tempDir();
  journal = Journal.open({ path: tmp.dbPath, synchronous: 'FULL' });
});

afterEach(async () => {
  await journal.close();
  tmp.remove();
});

/** Runs SQL on the journal file through a connection of the test's own, as an outside fault would. */
function onFile(sql: string): void {
  const raw = new Database(tmp.dbPath);
  raw.exec(sql);
  raw.close();
}

describe('group commit', () => {
  it('commits 500 concurrent appends in far fewer transactions, each with a unique id', async () => {
    const writes = Array.from({ length: 500 }, (_, i) => journal.appendAccepted(accepted(`g${i}`)));
    const results = await Promise.all(writes);
    expect(new Set(results.map((r) => r.id)).size).toBe(500);
    expect(results.every((r) => !r.duplicate)).toBe(true);
    expect(journal.stats()).toEqual({ commits: 1, batchedWrites: 500 });
    expect(journal.counts().accepted).toBe(500);
  });

  it('batches accepted and rejected writes made in the same turn', async () => {
    const [a, r] = await Promise.all([journal.appendAccepted(accepted('mix')), journal.appendRejected(rejected())]);
    expect(a.id).not.toBe(r.id);
    expect(journal.stats().commits).toBe(1);
  });

  it('commits writes from separate turns in separate transactions', async () => {
    await journal.appendAccepted(accepted('t1'));
    await journal.appendAccepted(accepted('t2'));
    expect(journal.stats()).toEqual({ commits: 2, batchedWrites: 2 });
  });
});

describe('commitDelayMs', () => {
  const turn = () => new Promise((resolve) => setImmediate(resolve));

  it('0 commits an append that follows a commit at once; a delay holds it for more', async () => {
    for (const [commitDelayMs, commitsAfterOneTurn] of [
      [0, 2],
      [50, 1],
    ] as const) {
      const own = tempDir();
      const j = Journal.open({ path: own.dbPath, commitDelayMs });
      await j.appendAccepted(accepted('d1'));
      const second = j.appendAccepted(accepted('d2'));
      await turn();
      expect(j.stats().commits, `commitDelayMs ${commitDelayMs}`).toBe(commitsAfterOneTurn);
      await second;
      await j.close();
      own.remove();
    }
  });
});

describe('write failures', () => {
  it('rejects every write of a failed batch with ZEPIX_JOURNAL_WRITE_FAILED and recovers afterwards', async () => {
    onFile("CREATE TRIGGER fail_all BEFORE INSERT ON alerts BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END;");
    const settled = await Promise.allSettled([
      journal.appendAccepted(accepted('f1')),
      journal.appendRejected(rejected()),
    ]);
    for (const outcome of settled) {
      expect(outcome.status).toBe('rejected');
      const reason = (outcome as PromiseRejectedResult).reason as JournalError;
      expect(reason).toBeInstanceOf(JournalError);
      expect(reason.code).toBe('ZEPIX_JOURNAL_WRITE_FAILED');
      expect(reason.message).toContain(tmp.dbPath);
      expect(reason.message).toContain('simulated disk failure');
      expect(reason.message).toContain('retries');
    }
    expect(journal.counts().total).toBe(0);
    expect(journal.stats().commits).toBe(0);

    onFile('DROP TRIGGER fail_all;');
    await expect(journal.appendAccepted(accepted('f1'))).resolves.toEqual({ id: 1, duplicate: false });
  });

  it('fails only the bad row of a batch: the others are retried one by one and stored', async () => {
    onFile(
      "CREATE TRIGGER poison BEFORE INSERT ON alerts WHEN NEW.sender = 'poison' BEGIN SELECT RAISE(ABORT, 'bad row'); END;",
    );
    const settled = await Promise.allSettled([
      journal.appendAccepted(accepted('ok-1')),
      journal.appendAccepted(accepted('bad', { sender: 'poison' })),
      journal.appendRejected(rejected()),
      journal.appendAccepted(accepted('ok-2')),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(settled[1]).toMatchObject({ reason: { code: 'ZEPIX_JOURNAL_WRITE_FAILED' } });
    expect(journal.counts()).toMatchObject({ total: 3, accepted: 2, rejected: 1 });
  });

  it('refuses a row with a missing field before it joins a batch, so the batch commits', async () => {
    const lost = rejected({ sender: undefined as unknown as string });
    const settled = await Promise.allSettled([
      journal.appendAccepted(accepted('a')),
      journal.appendRejected(lost),
      journal.appendAccepted(accepted('b')),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(settled[1]).toMatchObject({ reason: { code: 'ZEPIX_JOURNAL_INVALID_ENTRY' } });
    expect(((settled[1] as PromiseRejectedResult).reason as Error).message).toContain('"sender" must be a string');
    expect(journal.stats()).toEqual({ commits: 1, batchedWrites: 2 });
  });

  it('fails only the append whose alert cannot be serialised', async () => {
    const settled = await Promise.allSettled([
      journal.appendAccepted(accepted('fine')),
      journal.appendAccepted(accepted('bigint', { alert: { lots: 10n } })),
    ]);
    expect(settled[0].status).toBe('fulfilled');
    expect(settled[1]).toMatchObject({ status: 'rejected', reason: { code: 'ZEPIX_JOURNAL_WRITE_FAILED' } });
  });
});

describe('a lock held by another process', () => {
  it('fails the write after the short busy timeout, reports degraded health, and recovers when released', async () => {
    await journal.appendAccepted(accepted('before'));
    expect(journal.health()).toEqual({ ok: true, value: undefined });
    const holder = new Database(tmp.dbPath);
    holder.exec('BEGIN EXCLUSIVE');
    try {
      await expect(journal.appendAccepted(accepted('locked'))).rejects.toMatchObject({
        code: 'ZEPIX_JOURNAL_WRITE_FAILED',
        message: expect.stringContaining('database is locked'),
      });
      const health = journal.health();
      expect(health.ok).toBe(false);
      expect(health).toMatchObject({
        error: { code: 'ZEPIX_JOURNAL_WRITE_FAILED', message: expect.stringContaining(tmp.dbPath) },
      });
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(journal.health()).toEqual({ ok: true, value: undefined });
    await expect(journal.appendAccepted(accepted('locked'))).resolves.toMatchObject({ duplicate: false });
  });

  it('reports degraded while the last batch failed even when the lock probe passes', async () => {
    onFile("CREATE TRIGGER fail_all BEFORE INSERT ON alerts BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
    await expect(journal.appendRejected(rejected())).rejects.toBeInstanceOf(JournalError);
    expect(journal.health()).toMatchObject({ ok: false, error: { message: expect.stringContaining('disk full') } });
    onFile('DROP TRIGGER fail_all;');
    await journal.appendRejected(rejected());
    expect(journal.health()).toEqual({ ok: true, value: undefined });
  });
});

describe('close', () => {
  it('commits queued writes before closing', async () => {
    const writes = Array.from({ length: 20 }, (_, i) => journal.appendAccepted(accepted(`q${i}`)));
    await journal.close();
    const results: AppendResult[] = await Promise.all(writes);
    expect(results).toHaveLength(20);
    const reopened = Journal.open({ path: tmp.dbPath });
    expect(reopened.counts().accepted).toBe(20);
    await reopened.close();
  });

  it('is idempotent and refuses use afterwards with ZEPIX_JOURNAL_CLOSED', async () => {
    await journal.close();
    await journal.close();
    await expect(journal.appendAccepted(accepted('late'))).rejects.toMatchObject({ code: 'ZEPIX_JOURNAL_CLOSED' });
    await expect(journal.appendRejected(rejected())).rejects.toMatchObject({ code: 'ZEPIX_JOURNAL_CLOSED' });
    expect(() => journal.markDispatched(1)).toThrow(expect.objectContaining({ code: 'ZEPIX_JOURNAL_CLOSED' }));
    expect(() => journal.list()).toThrow(/is closed/);
  });
});
