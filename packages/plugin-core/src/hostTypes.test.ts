import Database from 'better-sqlite3';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { PluginDatabase } from './database.js';
import type { PluginLogger } from './logger.js';

// The typed assignments below are the real check: `pnpm typecheck` fails if either library stops fitting.
describe('host-provided handles', () => {
  it("better-sqlite3's Database satisfies PluginDatabase as it is", () => {
    const db: PluginDatabase = new Database(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const insert = db.prepare<[string]>('INSERT INTO t (v) VALUES (?)');
    expect(insert.run('a')).toMatchObject({ changes: 1 });
    const named = db.prepare<{ v: string }>('INSERT INTO t (v) VALUES (@v)');
    named.run({ v: 'b' });
    const rows = db.prepare<[], { v: string }>('SELECT v FROM t ORDER BY id').all();
    expect(rows.map((r) => r.v)).toEqual(['a', 'b']);
    db.close();
    expect(db.open).toBe(false);
  });

  it("pino's Logger satisfies PluginLogger as it is", () => {
    const lines: string[] = [];
    const logger: PluginLogger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    logger.child({ plugin: 'p' }).info({ symbol: 'XAUUSD' }, 'opened');
    logger.warn('plain');
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toMatchObject([
      { plugin: 'p', symbol: 'XAUUSD', msg: 'opened' },
      { msg: 'plain' },
    ]);
  });
});
