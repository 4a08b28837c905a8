/**
 * Holds an exclusive lock on a SQLite file from another process, as a backup tool or a stray sqlite3 shell
 * would. Usage: node holdLock.mjs '{"path": "...", "seconds": 10}'; prints {"heldMs": …} once released.
 */
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';

const { path, seconds } = JSON.parse(process.argv[2] ?? '{}');
const db = new Database(path, { fileMustExist: true, timeout: 30_000 });
db.exec('BEGIN EXCLUSIVE');
const started = performance.now();
await sleep(seconds * 1000);
db.exec('COMMIT');
db.close();
process.stdout.write(`${JSON.stringify({ heldMs: performance.now() - started })}\n`);
