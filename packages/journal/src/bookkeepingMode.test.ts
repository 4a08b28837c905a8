import { afterEach, describe, expect, it } from 'vitest';
import { bookkeepingMode } from './bookkeepingMode.js';
import { openConnection } from './schema.js';
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
  it('runs the work at NORMAL with the long busy timeout, then gives the intake back FULL and its short wait', () => {
    const db = connection();
    const asBookkeeping = bookkeepingMode(db, { synchronous: 'FULL', busyTimeoutMs: 100 });
    expect(asBookkeeping(() => settings(db))).toEqual({ synchronous: NORMAL, busyTimeout: 5000 });
    expect(settings(db)).toEqual({ synchronous: FULL, busyTimeout: 100 });
  });

  it('gives the intake its own settings back, also when the work throws', () => {
    const db = connection();
    db.pragma('synchronous = NORMAL');
    const asBookkeeping = bookkeepingMode(db, { synchronous: 'NORMAL', busyTimeoutMs: 250 });
    expect(() =>
      asBookkeeping(() => {
        throw new Error('write failed');
      }),
    ).toThrow('write failed');
    expect(settings(db)).toEqual({ synchronous: NORMAL, busyTimeout: 250 });
  });

  it('leaves a transaction already open as it is (SQLite cannot change synchronous inside one)', () => {
    const db = connection();
    const asBookkeeping = bookkeepingMode(db, { synchronous: 'FULL', busyTimeoutMs: 100 });
    const inside = db.transaction(() => asBookkeeping(() => settings(db)))();
    expect(inside).toEqual({ synchronous: FULL, busyTimeout: 100 });
  });
});
