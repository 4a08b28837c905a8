/**
 * What the floor servers (floorServer.mjs, orderFloorServer.mjs) share: a bare node:http server that commits each
 * request body to SQLite in WAL mode with synchronous=FULL, as one row in one transaction, before it answers.
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import process from 'node:process';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');

/** Opens `file` (WAL, FULL) with one table of rows; returns `insert(body) → row id`. */
export function openFloorTable(file) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, at TEXT NOT NULL, body TEXT NOT NULL)');
  const statement = db.prepare('INSERT INTO rows (at, body) VALUES (?, ?)');
  return (body) => Number(statement.run(new Date().toISOString(), body).lastInsertRowid);
}

/** The paper order floor's fills, beside its journal in the data folder. */
export const FLOOR_FILLS_FILE = 'fills.db';

/** Opens `file` (WAL, NORMAL, as the paper broker's) for fills; returns `fill(clientId)`, stamped once committed. */
export function openFillTable(file) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE IF NOT EXISTS fills (client_id TEXT PRIMARY KEY, at TEXT NOT NULL)');
  db.exec('CREATE TABLE IF NOT EXISTS stamps (client_id TEXT PRIMARY KEY, filled_ms REAL NOT NULL)');
  const fill = db.prepare('INSERT OR REPLACE INTO fills (client_id, at) VALUES (?, ?)');
  const stamp = db.prepare('INSERT OR REPLACE INTO stamps (client_id, filled_ms) VALUES (?, ?)');
  return (clientId) => {
    fill.run(String(clientId), new Date().toISOString());
    // Taken once the fill has committed, as the bot's plugin stamps an order once placeOrder resolved; stored after.
    const filledMs = performance.timeOrigin + performance.now();
    stamp.run(String(clientId), filledMs);
  };
}

/** The paper order floor's fills after its run: client id → wall time in ms. */
export function readFloorFills(file) {
  const db = new Database(file, { readonly: true });
  try {
    return new Map(
      db
        .prepare('SELECT client_id, filled_ms FROM stamps')
        .all()
        .map((r) => [r.client_id, r.filled_ms]),
    );
  } finally {
    db.close();
  }
}

/** Serves /health and stores every other request's body in `file` before answering; `stored(id, body)` after. */
export function serveFloor({ name, port, file, stored = () => undefined }) {
  const insert = openFloorTable(file);
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
      const id = insert(body);
      stored(id, body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id, status: 'accepted' }));
    });
  });
  server.listen(port, '127.0.0.1', () => {
    process.stdout.write(`${name} listening on http://127.0.0.1:${server.address().port}\n`);
  });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}
