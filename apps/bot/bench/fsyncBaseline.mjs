/**
 * The cost of one durable journal commit on this disk, measured in the same run as the servers: DESIGN §9 allows
 * the webhook's answer "1.3× bare + one fsync", since the bare server stores nothing. 300 single-row commits to a
 * SQLite file in WAL mode with synchronous=FULL, the journal's settings, in the bench's scratch folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { summarize } from './stats.mjs';

const require = createRequire(import.meta.url);
const COMMITS = 300;

export function measureFsync(work) {
  const Database = require('better-sqlite3');
  const dir = mkdtempSync(join(work, 'fsync-'));
  const db = new Database(join(dir, 'commits.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE commits (n INTEGER NOT NULL, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO commits VALUES (?, ?)');
    const body = 'x'.repeat(200);
    const samples = [];
    for (let i = 0; i < COMMITS; i += 1) {
      const started = performance.now();
      insert.run(i, body);
      samples.push(performance.now() - started);
    }
    return { commitMs: summarize(samples) };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
