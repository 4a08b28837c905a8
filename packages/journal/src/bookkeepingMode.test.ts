import { afterEach, describe, expect, it, vi } from 'vitest';
import { bookkeepingMode } from './bookkeepingMode.js';
import { BOOKKEEPING_BUSY_TIMEOUT_MS, openConnection } from './schema.js';
import type { Connection } from './schema.js';
import { tempDir } from './testSupport.js';

/** SQLite's numbers for `PRAGMA synchronous`. */
const NORMAL = 1;
const FULL = 2;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function connection(): Connection {
  const tmp = tempDir();
  const db = openConnection(tmp.dbPath, 'FULL', 100);
  cleanups.push(() => {
    db.close();
    tmp.remove();
  });
  return db;
}

const settings = (db: Connection) => ({
  synchronous: db.pragma('synchronous', { simple: true }),
  busyTimeout: db.pragma('busy_timeout', { simple: true }),
});

describe('bookkeepingMode', () => {
  it('runs the work at NORMAL with the bookkeeping busy timeout, then gives the intake back FULL and its own', () => {
    const db = connection();
    const asBookkeeping = (work: () => unknown) =>
      bookkeepingMode(db, { synchronous: 'FULL', busyTimeoutMs: 40 }).run(work);
    expect(asBookkeeping(() => settings(db))).toEqual({
      synchronous: NORMAL,
      busyTimeout: BOOKKEEPING_BUSY_TIMEOUT_MS,
    });
    expect(settings(db)).toEqual({ synchronous: FULL, busyTimeout: 40 });
  });

  it('gives the intake its own settings back, also when the work throws', () => {
    const db = connection();
    db.pragma('synchronous = NORMAL');
    const asBookkeeping = (work: () => unknown) =>
      bookkeepingMode(db, { synchronous: 'NORMAL', busyTimeoutMs: 250 }).run(work);
    expect(() =>
      asBookkeeping(() => {
        throw new Error('write failed');
      }),
    ).toThrow('write failed');
    expect(settings(db)).toEqual({ synchronous: NORMAL, busyTimeout: 250 });
  });

  it('leaves a transaction already open as it is (SQLite cannot change synchronous inside one)', () => {
    const db = connection();
    const asBookkeeping = (work: () => unknown) =>
      bookkeepingMode(db, { synchronous: 'FULL', busyTimeoutMs: 100 }).run(work);
    const inside = db.transaction(() => asBookkeeping(() => settings(db)))();
    expect(inside).toEqual({ synchronous: FULL, busyTimeout: 100 });
  });

  it('readyForIntake refuses an open transaction and re-applies the intake settings after an unfinished restore', () => {
    const db = connection();
    const mode = bookkeepingMode(db, { synchronous: 'FULL', busyTimeoutMs: 100 });
    mode.readyForIntake();
    expect(settings(db)).toEqual({ synchronous: FULL, busyTimeout: 100 });
    db.prepare('BEGIN').run();
    expect(() => mode.readyForIntake()).toThrow('a transaction is still open on the journal connection');
    // A bookkeeping run inside that open transaction changes nothing; once it ends the intake is ready again.
    expect(mode.run(() => settings(db))).toEqual({ synchronous: FULL, busyTimeout: 100 });
    db.prepare('COMMIT').run();
    mode.readyForIntake();
    // A restore cut short (here: settings changed behind its back mid-run) is completed before the next intake commit.
    expect(() =>
      mode.run(() => {
        db.prepare('BEGIN').run();
        return undefined;
      }),
    ).toThrow('Safety level may not be changed inside a transaction');
    db.prepare('ROLLBACK').run();
    expect(settings(db).synchronous).toBe(NORMAL);
    mode.readyForIntake();
    expect(settings(db)).toEqual({ synchronous: FULL, busyTimeout: 100 });
  });

  it('readyForIntake costs nothing while the intake settings are in place', () => {
    const db = connection();
    const exec = vi.spyOn(db, 'exec');
    const mode = bookkeepingMode(db, { synchronous: 'FULL', busyTimeoutMs: 100 });
    mode.readyForIntake();
    expect(exec).not.toHaveBeenCalled();
    mode.run(() => undefined);
    // One switch to the bookkeeping settings and one back.
    expect(exec).toHaveBeenCalledTimes(2);
    mode.readyForIntake();
    expect(exec).toHaveBeenCalledTimes(2);
  });

  it("runs an in-memory journal's bookkeeping without switching anything", () => {
    const db = connection();
    const pragma = vi.spyOn(db, 'pragma');
    const exec = vi.spyOn(db, 'exec');
    const mode = bookkeepingMode(db, { synchronous: 'FULL', busyTimeoutMs: 100, inMemory: true });
    expect(mode.run(() => 'done')).toBe('done');
    mode.readyForIntake();
    expect(pragma).not.toHaveBeenCalled();
    expect(exec).not.toHaveBeenCalled();
  });
});
