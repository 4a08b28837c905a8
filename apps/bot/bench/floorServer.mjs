/**
 * The floor: the least any durable webhook can do on this machine. A bare node:http server (bareServer.mjs) that
 * also commits each body to SQLite in WAL mode with synchronous=FULL, as one row in one transaction, before it
 * answers, which is what "stored durably before the 200" costs with no parsing, checks, framework or engine.
 * Rows 1 and 1b report it beside the bot and bare. Usage: node floorServer.mjs <port> <data dir>
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { serveFloor } from './floorHttp.mjs';

const dir = process.argv[3] ?? '.';
mkdirSync(dir, { recursive: true });
serveFloor({ name: 'floor server', port: Number(process.argv[2] ?? 0), file: join(dir, 'floor.db') });
