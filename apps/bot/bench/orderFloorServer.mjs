/**
 * The order floor: the least any bot that stores an alert durably, hands it to a trading thread, records the order's
 * intent durably and only then sends it, can do on this machine. The main thread is floorServer.mjs (bare node:http
 * plus one SQLite FULL commit per alert, then the answer) that also posts each committed alert to a worker thread;
 * the worker commits one intent row (FULL, its own database) and POSTs `{ "clientId": <the alert's id> }` to the
 * target over a keep-alive connection. No parsing beyond JSON, no checks, no framework, no plugin, no risk gate.
 * Rows 12 and 13 report it beside the bot: alert sent → request at the broker.
 * With the target `paper` the worker sends nothing: after the intent it commits a fill row stamped with the time
 * (synchronous=NORMAL, as the paper broker commits), the floor of row 8's alert → paper order recorded.
 * Usage: node orderFloorServer.mjs <port> <data dir> <target url | paper>
 */
import { mkdirSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import process from 'node:process';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { FLOOR_FILLS_FILE, openFillTable, openFloorTable, serveFloor } from './floorHttp.mjs';

function intake() {
  const dir = process.argv[3] ?? '.';
  mkdirSync(dir, { recursive: true });
  const worker = new Worker(new URL(import.meta.url), { workerData: { dir, target: process.argv[4] } });
  serveFloor({
    name: 'order floor server',
    port: Number(process.argv[2] ?? 0),
    file: join(dir, 'journal.db'),
    stored: (_id, body) => worker.postMessage(body),
  });
}

/** Sends each order as a keep-alive POST of `{ "clientId" }` to `target`. */
function sendOverHttp(target) {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  return (id) => {
    const order = JSON.stringify({ clientId: id });
    const req = request(target, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(order) },
    });
    req.on('response', (res) => res.resume());
    req.on('error', () => undefined);
    req.end(order);
  };
}

function trader() {
  const insert = openFloorTable(join(workerData.dir, 'orders.db'));
  const send =
    workerData.target === 'paper'
      ? openFillTable(join(workerData.dir, FLOOR_FILLS_FILE))
      : sendOverHttp(new URL(workerData.target));
  parentPort.on('message', (body) => {
    let id;
    try {
      ({ id } = JSON.parse(body));
    } catch {
      return;
    }
    insert(String(id));
    send(id);
  });
}

if (isMainThread) intake();
else trader();
