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

  it('rolls back the whole batch when one write in it fails', async () => {
    onFile(
      "CREATE TRIGGER poison BEFORE INSERT ON alerts WHEN NEW.sender = 'poison' BEGIN SELECT RAISE(ABORT, 'bad row'); END;",
    );
    const settled = await Promise.allSettled([
      journal.appendAccepted(accepted('ok-1')),
      journal.appendAccepted(accepted('bad', { sender: 'poison' })),
      journal.appendAccepted(accepted('ok-2')),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(journal.counts().total).toBe(0);
    await expect(journal.appendAccepted(accepted('ok-1'))).resolves.toMatchObject({ duplicate: false });
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
