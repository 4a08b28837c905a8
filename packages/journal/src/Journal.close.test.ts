import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommitQueue } from './GroupCommitQueue.js';
import { Journal } from './index.js';
import { accepted, rejected, tempDir } from './testSupport.js';

let tmp: ReturnType<typeof tempDir>;

beforeEach(() => {
  tmp = tempDir();
});

afterEach(() => {
  tmp.remove();
});

describe('closing the journal', () => {
  it('commits accepted and refused writes still queued, in one last batch, before it answers', async () => {
    const journal = Journal.open({ path: tmp.dbPath });
    const writes = [journal.appendAccepted(accepted('k1')), journal.appendRejected(rejected())];
    expect(journal.stats()).toEqual({ commits: 0, batchedWrites: 0 });
    await journal.close();
    expect(journal.stats()).toEqual({ commits: 1, batchedWrites: 2 });
    expect(await Promise.all(writes)).toEqual([{ id: 1, duplicate: false }, { id: 2 }]);
    // Read by a connection of the test's own, so nothing of the journal's is involved.
    const raw = new Database(tmp.dbPath, { readonly: true });
    expect(raw.prepare('SELECT status FROM alerts ORDER BY id').all()).toEqual([
      { status: 'accepted' },
      { status: 'rejected' },
    ]);
    raw.close();
  });

  it('closes both connections: the write-ahead log is checkpointed and removed', async () => {
    const journal = Journal.open({ path: tmp.dbPath });
    await journal.appendAccepted(accepted('k1'));
    journal.recordOutcome({ alertId: 1, plugin: 'alpha', status: 'ok', message: 'done', durationMs: 1 });
    expect(existsSync(`${tmp.dbPath}-wal`)).toBe(true);
    await journal.close();
    expect(existsSync(`${tmp.dbPath}-wal`)).toBe(false);
    expect(existsSync(`${tmp.dbPath}-shm`)).toBe(false);
  });

  it('says it is closed in its health and refuses every later use, naming the file', async () => {
    const journal = Journal.open({ path: tmp.dbPath });
    expect(journal.health()).toEqual({ ok: true });
    await journal.close();
    expect(journal.health()).toEqual({ ok: false, reason: `the journal at "${tmp.dbPath}" is closed` });
    for (const use of [
      () => journal.recordOutcome({ alertId: 1, plugin: 'alpha', status: 'ok', message: 'done', durationMs: 1 }),
      () => journal.setPluginState('alpha', true, 'x'),
      () => journal.pendingDispatch(),
      () => journal.get(1),
      () => journal.counts(),
      () => journal.pluginStates(),
    ])
      expect(use).toThrow(expect.objectContaining({ code: 'ZEPIX_JOURNAL_CLOSED', path: tmp.dbPath }));
    await expect(journal.appendAccepted(accepted('late'))).rejects.toMatchObject({
      message: expect.stringContaining('Cannot append alert "late"'),
    });
    await expect(journal.appendRejected(rejected())).rejects.toMatchObject({
      message: expect.stringContaining('Cannot append a rejected request'),
    });
  });

  it('closes an in-memory journal, whose two roles share one connection', async () => {
    const journal = Journal.open({ path: ':memory:' });
    await journal.appendAccepted(accepted('m1'));
    await expect(journal.close()).resolves.toBeUndefined();
    expect(journal.health().ok).toBe(false);
  });
});

describe('bookkeeping failures', () => {
  it('wraps a failed bookkeeping write with what it was writing', async () => {
    const journal = Journal.open({ path: tmp.dbPath, now: () => new Date('2026-01-05T12:00:00.000Z') });
    try {
      expect(() =>
        journal.recordOutcome({ alertId: 999, plugin: 'alpha', status: 'ok', message: 'done', durationMs: 1 }),
      ).toThrow(
        expect.objectContaining({
          code: 'ZEPIX_JOURNAL_WRITE_FAILED',
          message: expect.stringContaining('Could not write the outcome of plugin "alpha" for alert 999'),
        }),
      );
      expect(() => journal.markDispatched(999)).not.toThrow();
    } finally {
      await journal.close();
    }
  });
});

describe('the group-commit queue on its own', () => {
  it('answers each write with its own result, in order, from one transaction', async () => {
    let transactions = 0;
    const queue = new GroupCommitQueue(
      (writes) => {
        transactions++;
        writes();
      },
      (cause) => new Error(String(cause)),
    );
    const results = Promise.all([queue.push(() => 'a'), queue.push(() => 'b'), queue.push(() => 'c')]);
    expect(queue.size).toBe(3);
    await expect(results).resolves.toEqual(['a', 'b', 'c']);
    expect(transactions).toBe(1);
    expect(queue.size).toBe(0);
    expect(queue.stats).toEqual({ commits: 1, batchedWrites: 3 });
    queue.flush(); // nothing queued: no empty transaction
    expect(transactions).toBe(1);
  });

  it('retries a failed batch one write at a time, failing only the bad write with its batch size', async () => {
    const sizes: number[] = [];
    const queue = new GroupCommitQueue(
      (writes) => writes(),
      (cause, size) => {
        sizes.push(size);
        return new Error(`failed: ${String(cause)}`);
      },
    );
    const good = queue.push(() => 1);
    const bad = queue.push(() => {
      throw new Error('bad row');
    });
    const alsoGood = queue.push(() => 3);
    await expect(good).resolves.toBe(1);
    await expect(bad).rejects.toThrow('failed: Error: bad row');
    await expect(alsoGood).resolves.toBe(3);
    expect(sizes).toEqual([1]);
    expect(queue.state).toEqual({ ok: true });
    expect(queue.stats).toEqual({ commits: 2, batchedWrites: 2 });
  });

  it('remembers since when writes fail, until one commits', async () => {
    let failing = true;
    const queue = new GroupCommitQueue(
      (writes) => {
        if (failing) throw new Error('disk full');
        writes();
      },
      (cause) => new Error(String(cause)),
    );
    await expect(queue.push(() => 1)).rejects.toThrow('disk full');
    const first = queue.state;
    expect(first).toMatchObject({ ok: false, cause: new Error('disk full'), since: expect.any(Date) });
    await expect(queue.push(() => 2)).rejects.toThrow('disk full');
    expect(queue.state).toBe(first); // the first failure's time is kept
    failing = false;
    await expect(queue.push(() => 3)).resolves.toBe(3);
    expect(queue.state).toEqual({ ok: true });
  });
});
