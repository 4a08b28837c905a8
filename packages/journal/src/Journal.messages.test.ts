import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from './index.js';
import { accepted, rejected, tempDir } from './testSupport.js';

let tmp: ReturnType<typeof tempDir>;
let journal: Journal;

beforeEach(() => {
  tmp = tempDir();
  journal = Journal.open({ path: tmp.dbPath });
});

afterEach(async () => {
  await journal.close();
  tmp.remove();
});

function onFile(sql: string): void {
  const raw = new Database(tmp.dbPath);
  raw.exec(sql);
  raw.close();
}

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
    onFile("CREATE TRIGGER fail_all BEFORE INSERT ON alerts BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
    await expect(journal.appendRejected(rejected())).rejects.toMatchObject({
      message: expect.stringContaining('Could not write a batch of 1 webhook request(s)'),
    });
    const health = journal.health();
    expect(health).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/Could not write the last batch of webhook requests .* \(failing since \d{4}-/),
    });
  });

  it('names the probe when another process holds the lock', () => {
    const holder = new Database(tmp.dbPath);
    holder.exec('BEGIN EXCLUSIVE');
    try {
      expect(journal.health()).toMatchObject({
        ok: false,
        reason: expect.stringContaining('Could not write a probe transaction'),
      });
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });
});
