/**
 * `pnpm bench` for the MetaApi adapter: latency of each broker call against the loopback emulator, next to a bare
 * undici → node:http round trip measured in the same run (the floor any REST adapter sits on). Not a test: it
 * prints numbers. ZEPIX_BENCH_ORDERS (default 500) sets how many orders are timed. The emulator runs in a child
 * process so the heap figure is the adapter's own. Run with --expose-gc for a settled heap figure.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { MetaApiBroker } from '../dist/index.js';

const ORDERS = Number(process.env.ZEPIX_BENCH_ORDERS ?? 500);

function summarize(samples) {
  const sorted = Float64Array.from(samples).sort();
  const rank = (p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return { n: sorted.length, p50: rank(50), p99: rank(99), max: sorted[sorted.length - 1] };
}

async function timed(n, work) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await work(i);
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

function expectOk(result) {
  if (result.status !== 'ok') throw new Error(`bench call failed: ${JSON.stringify(result)}`);
  return result.value;
}

async function bareRoundTrip(n) {
  const server = createServer((_req, res) => res.end('{}'));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const pool = new Pool(`http://127.0.0.1:${server.address().port}`, { connections: 8 });
  const stats = await timed(n, async () => {
    const { body } = await pool.request({ method: 'GET', path: '/' });
    await body.text();
  });
  await pool.close();
  await new Promise((resolve) => server.close(resolve));
  return stats;
}

function startEmulatorChild() {
  const child = fork(new URL('./emulatorChild.mjs', import.meta.url));
  const next = () => new Promise((resolve) => child.once('message', resolve));
  return next().then((info) => ({
    ...info,
    setPrice: (symbol, bid, ask) => {
      child.send({ setPrice: [symbol, bid, ask] });
      return next();
    },
    close: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.send({ stop: true });
      }),
  }));
}

function heapMb() {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1_048_576;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'zepix-metaapi-bench-'));
  const emulator = await startEmulatorChild();
  const heapBefore = heapMb();
  const broker = MetaApiBroker.open({
    token: emulator.token,
    accountId: emulator.accountId,
    apiUrl: emulator.url,
    dataPath: join(dir, 'metaapi.db'),
    pollIntervalMs: 0,
    // Every call measured as the REST round trips it makes, not as a cache hit.
    summaryMaxAgeMs: 0,
    priceMaxAgeMs: 0,
  });
  try {
    await timed(50, (i) =>
      broker.placeMarketOrder({ clientOrderId: `warm-${i}`, symbol: 'EURUSD', direction: 'buy', lots: 0.01 }),
    );
    const rows = [];
    rows.push(['bare undici → node:http GET (1 round trip)', await bareRoundTrip(ORDERS)]);
    const trades = [];
    rows.push([
      'placeMarketOrder (POST trade + GET position)',
      await timed(ORDERS, async (i) => {
        const order = {
          clientOrderId: `z${String(i).padStart(13, '0')}-S`,
          symbol: 'EURUSD',
          direction: 'buy',
          lots: 0.1,
          stopLoss: 1.09,
          takeProfit: 1.11,
        };
        trades.push(expectOk(await broker.placeMarketOrder(order)));
      }),
    ]);
    rows.push([
      'findByClientOrderId, open (GET positions)',
      await timed(100, (i) => broker.findByClientOrderId(trades[i].clientOrderId)),
    ]);
    rows.push([
      'accountSummary (GET account-information + GET positions)',
      await timed(100, () => broker.accountSummary()),
    ]);
    rows.push([
      'closeTrade in full',
      await timed(200, async (i) => expectOk(await broker.closeTrade({ tradeId: trades[i].tradeId }))),
    ]);
    await emulator.setPrice('EURUSD', 1.0899, 1.0901); // fills the stop loss of every order left
    const fills = ORDERS - 200;
    const started = performance.now();
    const closes = expectOk(await broker.pollDeals());
    const pass = performance.now() - started;
    if (closes.length !== fills) throw new Error(`expected ${fills} SL closes, got ${closes.length}`);
    rows.push([`pollDeals reporting ${fills} SL fills (one pass)`, { n: 1, p50: pass, p99: pass, max: pass }]);
    const quiet = await timed(50, () => broker.pollDeals());
    rows.push(['pollDeals with nothing new', quiet]);
    const heap = heapMb() - heapBefore;
    console.log(`MetaApi adapter vs emulator on loopback, ${new Date().toISOString()}, node ${process.version}`);
    console.log('| what | n | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|');
    for (const [what, s] of rows) {
      console.log(`| ${what} | ${s.n} | ${s.p50.toFixed(2)} | ${s.p99.toFixed(2)} | ${s.max.toFixed(2)} |`);
    }
    console.log(
      `adapter heap after ${ORDERS + 50} orders and ${ORDERS} closes: +${heap.toFixed(1)} MB over the process before it opened${globalThis.gc ? '' : ' (run with --expose-gc for a settled figure)'}`,
    );
  } finally {
    await broker.close();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
