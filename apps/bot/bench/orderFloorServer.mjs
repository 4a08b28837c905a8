/**
 * The order floor: the least any bot that stores an alert durably, hands it to a trading thread, records the order's
 * intent durably and only then sends it, can do on this machine. The main thread is floorServer.mjs (bare node:http
 * plus one SQLite FULL commit per alert, then the answer) that also posts each committed alert to a worker thread;
 * the worker commits one intent row (FULL, its own database) and POSTs `{ "clientId": <the alert's id> }` to the
 * target over a keep-alive connection. No parsing beyond JSON, no checks, no framework, no plugin, no risk gate.
 * Rows 12 and 13 report it beside the bot: alert sent → request at the broker.
 * Usage: node orderFloorServer.mjs <port> <data dir> <target url>
 */
import { mkdirSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import process from 'node:process';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');

function openTable(file) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, at TEXT NOT NULL, body TEXT NOT NULL)');
  return db.prepare('INSERT INTO rows (at, body) VALUES (?, ?)');
}

function intake() {
  const port = Number(process.argv[2] ?? 0);
  const dir = process.argv[3] ?? '.';
  mkdirSync(dir, { recursive: true });
  const insert = openTable(join(dir, 'journal.db'));
  const worker = new Worker(new URL(import.meta.url), { workerData: { dir, target: process.argv[4] } });
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
      const id = Number(insert.run(new Date().toISOString(), body).lastInsertRowid);
      worker.postMessage(body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id, status: 'accepted' }));
    });
  });
  server.listen(port, '127.0.0.1', () => {
    process.stdout.write(`order floor server listening on http://127.0.0.1:${server.address().port}\n`);
  });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

function trader() {
  const insert = openTable(join(workerData.dir, 'orders.db'));
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const target = new URL(workerData.target);
  parentPort.on('message', (body) => {
    let id;
    try {
      ({ id } = JSON.parse(body));
    } catch {
      return;
    }
    insert.run(new Date().toISOString(), id);
    const order = JSON.stringify({ clientId: id });
    const req = request(target, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(order) },
    });
    req.on('response', (res) => res.resume());
    req.on('error', () => undefined);
    req.end(order);
  });
}

if (isMainThread) intake();
else trader();
