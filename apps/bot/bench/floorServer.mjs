/**
 * The floor: the least any durable webhook can do on this machine. A bare node:http server (bareServer.mjs) that
 * also commits each body to SQLite in WAL mode with synchronous=FULL, as one row in one transaction, before it
 * answers, which is what "stored durably before the 200" costs with no parsing, checks, framework or engine.
 * Rows 1 and 1b report it beside the bot and bare. Usage: node floorServer.mjs <port> <data dir>
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import process from 'node:process';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');
const port = Number(process.argv[2] ?? 0);
const dir = process.argv[3] ?? '.';
mkdirSync(dir, { recursive: true });
const db = new Database(join(dir, 'floor.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS alerts (id INTEGER PRIMARY KEY, received_at TEXT NOT NULL, body TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO alerts (received_at, body) VALUES (?, ?)');

const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"ok"}');
      return;
    }
    const { lastInsertRowid } = insert.run(new Date().toISOString(), body);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: Number(lastInsertRowid), status: 'accepted' }));
  });
});
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`floor server listening on http://127.0.0.1:${server.address().port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
