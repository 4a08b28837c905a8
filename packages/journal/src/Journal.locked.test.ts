import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal, JournalErrorCode } from './index.js';
import { accepted, tempDir } from './testSupport.js';

let tmp: ReturnType<typeof tempDir>;
let journal: Journal;

beforeEach(() => {
  tmp = tempDir();
  journal = Journal.open({ path: tmp.dbPath, bookkeepingBusyTimeoutMs: 50 });
});

afterEach(async () => {
  await journal.close();
  tmp.remove();
});

const outcome = (alertId: number) => ({
  alertId,
  plugin: 'alpha',
  status: 'ok' as const,
  message: 'done',
  durationMs: 1,
});

describe('bookkeeping while another process holds the write lock', () => {
  it('fails fast as ZEPIX_JOURNAL_LOCKED, stores nothing, and the same writes succeed once the lock is gone', async () => {
    const { id } = await journal.appendAccepted(accepted('k1'));
    const holder = new Database(tmp.dbPath);
    holder.exec('BEGIN EXCLUSIVE');
    try {
      expect(() => journal.recordOutcome(outcome(id))).toThrow(
        expect.objectContaining({ code: JournalErrorCode.Locked, message: expect.stringContaining('write lock') }),
      );
      expect(() => journal.bookkeepingBatch(() => journal.markDispatched(id))).toThrow(
        expect.objectContaining({ code: JournalErrorCode.Locked }),
      );
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(journal.get(id)?.outcomes).toEqual([]);
    journal.bookkeepingBatch(() => {
      journal.recordOutcome(outcome(id));
      journal.markDispatched(id);
    });
    expect(journal.get(id)).toMatchObject({ dispatchState: 'done', outcomes: [{ plugin: 'alpha', attempts: 1 }] });
  });

  it('still reports a write that fails for another reason as ZEPIX_JOURNAL_WRITE_FAILED', () => {
    expect(() => journal.bookkeepingBatch(() => journal.recordOutcome(outcome(999)))).toThrow(
      expect.objectContaining({ code: JournalErrorCode.WriteFailed }),
    );
  });
});
