import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommitQueue } from './GroupCommitQueue.js';
import { Journal } from './index.js';
import { accepted, rejected, runOnFile, tempDir } from './testSupport.js';

let tmp: ReturnType<typeof tempDir>;
/** The journal of a test that does not close it itself; closed after the test. */
let journal: Journal;

beforeEach(() => {
  tmp = tempDir();
  journal = Journal.open({ path: tmp.dbPath });
});

afterEach(async () => {
  await journal.close();
  tmp.remove();
});

describe('closing the journal', () => {
  it('commits accepted and refused writes still queued, in one last batch, before it answers', async () => {
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

  it('closes the connection: the write-ahead log is checkpointed and removed', async () => {
    await journal.appendAccepted(accepted('k1'));
    journal.recordOutcome({ alertId: 1, plugin: 'alpha', status: 'ok', message: 'done', durationMs: 1 });
    expect(existsSync(`${tmp.dbPath}-wal`)).toBe(true);
    await journal.close();
    expect(existsSync(`${tmp.dbPath}-wal`)).toBe(false);
    expect(existsSync(`${tmp.dbPath}-shm`)).toBe(false);
  });

  it('says it is closed in its health and refuses every later use, naming the file', async () => {
    expect(journal.health()).toMatchObject({ ok: true });
    await journal.close();
    expect(journal.health()).toEqual({
      ok: false,
      error: { code: 'ZEPIX_JOURNAL_CLOSED', message: `the journal at "${tmp.dbPath}" is closed` },
    });
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
    await journal.close();
    journal = Journal.open({ path: ':memory:' });
    await journal.appendAccepted(accepted('m1'));
    await expect(journal.close()).resolves.toBeUndefined();
    expect(journal.health().ok).toBe(false);
  });
});

describe('bookkeeping failures', () => {
  it('wraps a failed bookkeeping write with what it was writing', () => {
    expect(() =>
      journal.recordOutcome({ alertId: 999, plugin: 'alpha', status: 'ok', message: 'done', durationMs: 1 }),
    ).toThrow(
      expect.objectContaining({
        code: 'ZEPIX_JOURNAL_WRITE_FAILED',
        message: expect.stringContaining('Could not write the outcome of plugin "alpha" for alert 999'),
      }),
    );
    expect(() => journal.markDispatched(999)).not.toThrow();
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

describe('what each journal error says', () => {
  it('names what could not be done on a closed journal', async () => {
    await journal.close();
    const cases: [() => unknown, string][] = [
      [() => journal.markDispatched(3), 'Cannot write the dispatch mark of alert 3:'],
      [() => journal.setPluginState('alpha', true, 'x'), 'Cannot write the state of plugin "alpha":'],
      [() => journal.pendingDispatch(), 'Cannot list pending alerts:'],
      [() => journal.get(4), 'Cannot read alert 4:'],
      [() => journal.list(), 'Cannot list alerts:'],
      [() => journal.counts(), 'Cannot count alerts:'],
      [() => journal.pluginStates(), 'Cannot read plugin states:'],
    ];
    for (const [use, message] of cases) expect(use).toThrow(message);
  });

  it('refuses an accepted entry with a missing field before it joins a batch', async () => {
    const lost = accepted('x', { raw: undefined as unknown as string });
    await expect(journal.appendAccepted(lost)).rejects.toMatchObject({
      code: 'ZEPIX_JOURNAL_INVALID_ENTRY',
      message: expect.stringContaining('"raw" must be a string'),
    });
    expect(journal.counts().accepted).toBe(0);
  });

  it('says which alert could not be serialised', async () => {
    await expect(journal.appendAccepted(accepted('big', { alert: { lots: 10n } }))).rejects.toMatchObject({
      message: expect.stringContaining('Could not write alert "big" (its alert is not JSON-serialisable)'),
    });
  });

  it('names the failed batch and, in health, the last failed batch and since when', async () => {
    runOnFile(
      tmp.dbPath,
      "CREATE TRIGGER fail_all BEFORE INSERT ON alerts BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
    );
    await expect(journal.appendRejected(rejected())).rejects.toMatchObject({
      message: expect.stringContaining('Could not write a batch of 1 webhook request(s)'),
    });
    const health = journal.health();
    expect(health).toMatchObject({
      ok: false,
      error: {
        code: 'ZEPIX_JOURNAL_WRITE_FAILED',
        message: expect.stringMatching(/Could not write the last batch of webhook requests .* \(failing since \d{4}-/),
      },
    });
  });

  it('names the probe when another process holds the lock', () => {
    const holder = new Database(tmp.dbPath);
    holder.exec('BEGIN EXCLUSIVE');
    try {
      expect(journal.health()).toMatchObject({
        ok: false,
        error: {
          code: 'ZEPIX_JOURNAL_WRITE_FAILED',
          message: expect.stringContaining('Could not write a probe transaction'),
        },
      });
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });
});
