import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseTotals } from './CloseTotals.js';
import { openDatabase } from './schema.js';
import type { Connection } from './schema.js';

const DAYS = ['2026-03-01T10:00:00.000Z', '2026-03-02T10:00:00.000Z', '2026-03-03T10:00:00.000Z'];
const PLUGINS = ['alpha', 'beta'];

let db: Connection | undefined;
afterEach(() => db?.close());

function open(): Connection {
  db = openDatabase(':memory:');
  db.exec(
    `INSERT INTO positions (id, client_order_id, plugin, symbol, direction, leg, origin, state, requested_lots, lots, created_at)
       VALUES (1, 'c1', 'alpha', 'XAUUSD', 'buy', 'single', 'alert', 'closed', 0.1, 0.1, '${DAYS[0]}')`,
  );
  return db;
}

let keys = 0;
function insertClose(conn: Connection, plugin: string, closedAt: string, pnl: number): void {
  keys += 1;
  conn
    .prepare(
      `INSERT INTO closes (position_id, close_key, plugin, symbol, lots, price, pnl, reason, closed_at)
         VALUES (1, ?, ?, 'XAUUSD', 0.1, 2000, ?, 'tp', ?)`,
    )
    .run(`k${keys}`, plugin, pnl, closedAt);
}

/** What one SQL sum over the whole table says. */
function truth(conn: Connection, since: string, plugin?: string): { grossLoss: number; net: number } {
  const row = conn
    .prepare(
      `SELECT COALESCE(SUM(CASE WHEN pnl < 0 THEN -pnl ELSE 0 END), 0) AS grossLoss, COALESCE(SUM(pnl), 0) AS net
         FROM closes WHERE closed_at >= @since AND (@plugin IS NULL OR plugin = @plugin)`,
    )
    .get({ since, plugin: plugin ?? null }) as { grossLoss: number; net: number };
  return row;
}

const close = (a: { grossLoss: number; net: number }, b: { grossLoss: number; net: number }) => {
  expect(a.grossLoss).toBeCloseTo(b.grossLoss, 6);
  expect(a.net).toBeCloseTo(b.net, 6);
};

describe('CloseTotals', () => {
  it('adds the closes recorded after a read, whatever their plugin or day', () => {
    const conn = open();
    const totals = new CloseTotals(conn);
    expect(totals.since(DAYS[1]!)).toEqual({ grossLoss: 0, net: 0, throughId: 0 });
    insertClose(conn, 'alpha', DAYS[1]!, -12.5);
    insertClose(conn, 'beta', DAYS[2]!, 30);
    insertClose(conn, 'alpha', DAYS[0]!, -100);
    expect(totals.since(DAYS[1]!)).toMatchObject({ grossLoss: 12.5, net: 17.5 });
    expect(totals.since(DAYS[1]!, 'alpha')).toMatchObject({ grossLoss: 12.5, net: -12.5 });
    insertClose(conn, 'alpha', DAYS[2]!, -7.25);
    expect(totals.since(DAYS[1]!, 'alpha')).toMatchObject({ grossLoss: 19.75, net: -19.75 });
    expect(totals.since(DAYS[1]!)).toMatchObject({ grossLoss: 19.75, net: 10.25 });
    expect(totals.since('')).toMatchObject({ grossLoss: 119.75, net: -89.75 });
  });

  it('forgets what it read inside a transaction that was rolled back, although the next close reuses the id', () => {
    const conn = open();
    const totals = new CloseTotals(conn);
    insertClose(conn, 'alpha', DAYS[1]!, -5);
    expect(totals.since(DAYS[0]!)).toMatchObject({ net: -5 });
    expect(() =>
      conn.transaction(() => {
        insertClose(conn, 'alpha', DAYS[1]!, -40);
        expect(totals.since(DAYS[0]!)).toMatchObject({ net: -45 });
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    insertClose(conn, 'alpha', DAYS[1]!, 8);
    expect(totals.since(DAYS[0]!)).toMatchObject({ grossLoss: 5, net: 3 });
  });

  it('keeps a sum read inside a transaction once `within` sees it commit, and adds only later closes to it', () => {
    const conn = open();
    const totals = new CloseTotals(conn);
    insertClose(conn, 'alpha', DAYS[1]!, -5);
    const inside = totals.within(() =>
      conn.transaction(() => {
        insertClose(conn, 'alpha', DAYS[1]!, -10);
        return totals.since(DAYS[0]!);
      })(),
    );
    expect(inside).toMatchObject({ grossLoss: 15, net: -15 });
    // Closes are never changed after insert; changing one anyway shows the kept sum is not read afresh.
    conn.exec('UPDATE closes SET pnl = -1000');
    insertClose(conn, 'alpha', DAYS[1]!, 2);
    expect(totals.since(DAYS[0]!)).toMatchObject({ grossLoss: 15, net: -13 });
  });

  it('drops the sums read in a nested transaction that rolled back, even when the outer one commits', () => {
    const conn = open();
    const totals = new CloseTotals(conn);
    const tx = <T>(fn: () => T): T => totals.within(() => conn.transaction(fn)());
    tx(() => {
      insertClose(conn, 'alpha', DAYS[1]!, -5);
      try {
        tx(() => {
          insertClose(conn, 'beta', DAYS[1]!, -40);
          expect(totals.since(DAYS[0]!)).toMatchObject({ net: -45 });
          throw new Error('inner rolled back');
        });
      } catch (error) {
        // the outer transaction goes on without the inner one's close
        if ((error as Error).message !== 'inner rolled back') throw error;
      }
    });
    insertClose(conn, 'alpha', DAYS[1]!, 3);
    expect(totals.since(DAYS[0]!)).toMatchObject({ grossLoss: 5, net: -2 });
  });

  it('keeps a sum read outside a transaction, and one read in a transaction it was not told about only until then', () => {
    const conn = open();
    const totals = new CloseTotals(conn);
    insertClose(conn, 'alpha', DAYS[1]!, -5);
    totals.since(DAYS[0]!);
    // Closes are never changed after insert; changing one anyway shows whether a sum is read afresh.
    conn.exec('UPDATE closes SET pnl = -1000');
    expect(totals.since(DAYS[0]!)).toMatchObject({ net: -5 });
    conn.transaction(() => {
      insertClose(conn, 'alpha', DAYS[1]!, -1);
      expect(totals.since(DAYS[0]!)).toMatchObject({ net: -6 });
    })();
    conn.exec('UPDATE closes SET pnl = -1000 WHERE pnl = -1');
    expect(totals.since(DAYS[0]!)).toMatchObject({ net: -1005 });
  });

  it('drops what a nested transaction read when it committed but the outer one rolled back', () => {
    const conn = open();
    const totals = new CloseTotals(conn);
    const tx = <T>(fn: () => T): T => totals.within(() => conn.transaction(fn)());
    insertClose(conn, 'alpha', DAYS[1]!, -5);
    expect(() =>
      tx(() => {
        tx(() => {
          insertClose(conn, 'alpha', DAYS[1]!, -40);
          expect(totals.since(DAYS[0]!)).toMatchObject({ net: -45 });
        });
        expect(totals.since(DAYS[0]!)).toMatchObject({ net: -45 });
        throw new Error('outer rolled back');
      }),
    ).toThrow('outer rolled back');
    insertClose(conn, 'beta', DAYS[1]!, 1);
    expect(totals.since(DAYS[0]!)).toMatchObject({ grossLoss: 5, net: -4 });
  });

  it('keeps the 64 sums read last: an older one is summed afresh', () => {
    const conn = open();
    const totals = new CloseTotals(conn);
    insertClose(conn, 'alpha', DAYS[1]!, -5);
    const since = (i: number) =>
      `2026-02-${String(1 + (i % 28)).padStart(2, '0')}T00:00:${String(i).padStart(2, '0')}Z`;
    for (let i = 0; i < 65; i += 1) totals.since(since(i));
    conn.exec('UPDATE closes SET pnl = -1000');
    expect(totals.since(since(0)).net).toBe(-1000);
    expect(totals.since(since(64)).net).toBe(-5);
    expect(totals.since(since(2)).net).toBe(-5);
  });

  it('sums afresh once another connection has changed the file (an operator editing closes by hand)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zepix-close-totals-'));
    const path = join(dir, 'trading.db');
    const conn = openDatabase(path);
    const other = openDatabase(path);
    try {
      conn.exec(
        `INSERT INTO positions (id, client_order_id, plugin, symbol, direction, leg, origin, state, requested_lots, lots, created_at)
           VALUES (1, 'c1', 'alpha', 'XAUUSD', 'buy', 'single', 'alert', 'closed', 0.1, 0.1, '${DAYS[0]}')`,
      );
      const totals = new CloseTotals(conn);
      insertClose(conn, 'alpha', DAYS[1]!, -5);
      insertClose(conn, 'alpha', DAYS[1]!, -7);
      expect(totals.since(DAYS[0]!)).toMatchObject({ net: -12 });
      // This connection's own writes leave data_version alone: the kept sum is used (and added to).
      conn.exec('UPDATE closes SET pnl = -1000 WHERE pnl = -7');
      expect(totals.since(DAYS[0]!)).toMatchObject({ net: -12 });
      other.exec('DELETE FROM closes WHERE pnl = -5');
      expect(totals.since(DAYS[0]!)).toMatchObject({ grossLoss: 1000, net: -1000 });
    } finally {
      other.close();
      conn.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not build on sums of a transaction SQLite rolled back under code that went on (a full disk)', () => {
    const conn = open();
    const totals = new CloseTotals(conn);
    insertClose(conn, 'alpha', DAYS[1]!, -5);
    expect(totals.since(DAYS[0]!)).toMatchObject({ net: -5 });
    expect(() =>
      totals.within(() =>
        conn.transaction(() => {
          insertClose(conn, 'alpha', DAYS[1]!, -40);
          expect(totals.since(DAYS[0]!)).toMatchObject({ net: -45 });
          // What SQLite does by itself on SQLITE_FULL or SQLITE_IOERR: the whole transaction is gone.
          conn.exec('ROLLBACK');
          expect(totals.since(DAYS[0]!)).toMatchObject({ net: -5 });
        })(),
      ),
    ).toThrow(/no transaction is active/);
    insertClose(conn, 'alpha', DAYS[1]!, 8);
    expect(totals.since(DAYS[0]!)).toMatchObject({ grossLoss: 5, net: 3 });
  });

  it('keeps nothing read through `within` inside a transaction opened some other way, which then rolled back', () => {
    const conn = open();
    const totals = new CloseTotals(conn);
    insertClose(conn, 'alpha', DAYS[1]!, -5);
    expect(() =>
      conn.transaction(() => {
        totals.within(() =>
          conn.transaction(() => {
            insertClose(conn, 'alpha', DAYS[1]!, -40);
            expect(totals.since(DAYS[0]!)).toMatchObject({ net: -45 });
          })(),
        );
        throw new Error('outer rolled back');
      })(),
    ).toThrow('outer rolled back');
    insertClose(conn, 'alpha', DAYS[1]!, 8);
    expect(totals.since(DAYS[0]!)).toMatchObject({ grossLoss: 5, net: 3 });
  });

  it('always equals one SQL sum over the table (any mix of closes, reads, commits and rollbacks)', () => {
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('close' as const),
        plugin: fc.constantFrom(...PLUGINS),
        day: fc.constantFrom(...DAYS),
        cents: fc.integer({ min: -50_000, max: 50_000 }),
        mode: fc.constantFrom('plain', 'rolledBack', 'committed', 'innerRolledBack', 'outerRolledBack'),
      }),
      fc.record({
        kind: fc.constant('read' as const),
        plugin: fc.option(fc.constantFrom(...PLUGINS), { nil: undefined }),
        day: fc.constantFrom('', ...DAYS),
      }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const conn = open();
        try {
          const totals = new CloseTotals(conn);
          for (const s of steps) {
            if (s.kind === 'read') close(totals.since(s.day, s.plugin), truth(conn, s.day, s.plugin));
            else if (s.mode === 'plain') insertClose(conn, s.plugin, s.day, s.cents / 100);
            else {
              const tx = <T>(fn: () => T): T => totals.within(() => conn.transaction(fn)());
              const readBack = () => close(totals.since(s.day, s.plugin), truth(conn, s.day, s.plugin));
              try {
                tx(() => {
                  insertClose(conn, s.plugin, s.day, s.cents / 100);
                  readBack();
                  if (s.mode === 'rolledBack') throw new Error('rolled back');
                  if (s.mode === 'outerRolledBack') {
                    tx(() => {
                      insertClose(conn, s.plugin, s.day, -s.cents / 50);
                      readBack();
                    });
                    readBack();
                    throw new Error('rolled back');
                  }
                  if (s.mode !== 'innerRolledBack') return;
                  try {
                    tx(() => {
                      insertClose(conn, s.plugin, s.day, -s.cents / 50);
                      readBack();
                      throw new Error('rolled back');
                    });
                  } catch (error) {
                    if ((error as Error).message !== 'rolled back') throw error;
                    readBack();
                  }
                });
              } catch (error) {
                if ((error as Error).message !== 'rolled back') throw error;
              }
            }
          }
          for (const day of ['', ...DAYS])
            for (const plugin of [undefined, ...PLUGINS]) close(totals.since(day, plugin), truth(conn, day, plugin));
        } finally {
          conn.close();
          db = undefined;
        }
      }),
      { numRuns: 200 },
    );
  });
});
