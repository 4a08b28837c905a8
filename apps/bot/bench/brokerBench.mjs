/** What the real-broker scenarios (9 OANDA, 10 MetaApi) share: the adapter round trip, the burst and the rows. */
import { createServer } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { median, summarize } from './stats.mjs';
import { ORDER_WARMUP, lean, sinceSend, startupOnly, warmedLoad } from './scenarios.mjs';
import { FLOOR_FILLS_FILE, readFloorFills } from './floorHttp.mjs';
import { startOrderFloor } from './servers.mjs';
import { atMost, count, fmt, mb, ms, pacedRunChecks, row } from './table.mjs';

/**
 * Alerts/s in the real-broker latency scenarios: a fifth of the 100 requests/s OANDA asks clients to keep to, so
 * the figure is the bot's and the adapter's own latency, not a wait for the broker's rate limit (the burst rows
 * show that wait). One alert every 50 ms, paced.
 */
export const BROKER_ALERT_RATE = 20;
const ROUND_TRIP_GAP_MS = 1000 / BROKER_ALERT_RATE;

/** 1,000 order-placing alerts at once, after 200 to warm up. */
export const burstShape = (price) => ({
  connections: 1000,
  amount: 1000,
  price,
  warmup: { amount: 200, connections: 200 },
});

/** Alternating pairs of idle starts behind each adapter-memory figure. */
export const MEMORY_PAIRS = 8;

/** Idle RSS (MB) of one fresh start of the bot on `project`. */
async function idleRssOnce(ctx, project) {
  const [run] = await startupOnly(ctx, 'bot', project, 1);
  return run.idleMemoryMb.rss;
}

/**
 * An adapter's memory: the idle RSS of the bot trading on it (`project`) minus the same plugin on paper
 * (`paperProject`), in `pairs` pairs started back to back, paper first then adapter first in turn (P A, A P, P A, …),
 * so drift of the machine over the minute hits both sides alike. One start moves by several MB; the figure is the
 * median of the pairs' differences.
 */
export async function adapterMemory(ctx, paperProject, project, pairs = MEMORY_PAIRS) {
  const samples = [];
  for (let i = 0; i < pairs; i += 1) {
    if (i % 2 === 0) {
      const paper = await idleRssOnce(ctx, paperProject);
      samples.push({ paper, adapter: await idleRssOnce(ctx, project) });
    } else {
      const adapter = await idleRssOnce(ctx, project);
      samples.push({ adapter, paper: await idleRssOnce(ctx, paperProject) });
    }
  }
  const differences = samples.map((sample) => sample.adapter - sample.paper);
  return {
    samples,
    differences,
    median: median(differences),
    adapterIdle: median(samples.map((sample) => sample.adapter)),
    paperIdle: median(samples.map((sample) => sample.paper)),
  };
}

/** The adapter-memory figure with its pairs' spread and both sides' idle RSS, for the notes. */
export function adapterMemoryNote(memory, name) {
  const low = Math.min(...memory.differences);
  const high = Math.max(...memory.differences);
  return (
    `adapter memory ${fmt(memory.median, 1, 'MB')} = median of ${memory.differences.length} alternating pairs' ` +
    `differences (${fmt(low, 1)} to ${fmt(high, 1, 'MB')}); idle RSS medians ${fmt(memory.adapterIdle, 1, 'MB')} ` +
    `on ${name}, ${fmt(memory.paperIdle, 1, 'MB')} on paper`
  );
}

/**
 * 250 sequential 0.01-lot XAUUSD buys through `broker`, one every 50 ms at most, so OANDA's 100 requests/s token
 * bucket never holds one back; the first 50 are warm-up.
 */
export async function orderRoundTrips(broker) {
  const samples = [];
  for (let i = 0; i < 250; i += 1) {
    if (i > 0) await sleep(Math.max(0, ROUND_TRIP_GAP_MS - (samples.at(-1) ?? 0)));
    const started = performance.now();
    const order = { clientOrderId: `rt-${i}`, symbol: 'XAUUSD', direction: 'buy', lots: 0.01, stopLoss: 2028 };
    const answer = await broker.placeMarketOrder(order);
    if (!answer.ok) throw new Error(`adapter round trip: ${JSON.stringify(answer)}`);
    samples.push(performance.now() - started);
  }
  return { roundTripMs: summarize(samples.slice(50)) };
}

/**
 * The order floor (orderFloorServer.mjs) under `shape`, warmed up as the bot is: alert sent → its request at a bare
 * node:http receiver in this process, stamped when the request arrives, as the emulators stamp the bot's. What no
 * bot can beat here: two FULL commits, one thread hop, one keep-alive request.
 */
export async function orderFloorLatency(ctx, shape) {
  const arrivals = new Map();
  const receiver = createServer((req, res) => {
    const arrivedAtMs = performance.timeOrigin + performance.now();
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      arrivals.set(JSON.parse(body).clientId, arrivedAtMs);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const target = `http://127.0.0.1:${receiver.address().port}/order`;
  const server = await startOrderFloor({ cwd: ctx.work, ...ctx.nextRun('order-floor'), target });
  try {
    const { run } = await warmedLoad(server, 'order-floor', { ...shape, recordSendTimes: true }, ORDER_WARMUP);
    // The last alert's request may still be on its way when its answer came back.
    await sleep(200);
    const { latencyMs, missing } = sinceSend(run.sendTimes, (id) => arrivals.get(id));
    return { load: lean(run), requestLatencyMs: latencyMs, missing };
  } finally {
    await server.stop();
    receiver.closeAllConnections();
    receiver.close();
  }
}

/**
 * Row 8's floor: orderFloorServer.mjs with the target `paper` under `shape`, warmed up as the bot is: alert sent →
 * fill committed in the worker (two FULL commits, one thread hop, one NORMAL commit), read from its fills after
 * the stop. The paper bot does no fewer: the alert and the order's intent are FULL commits, the paper broker's
 * fill and the order's result NORMAL ones.
 */
export async function paperFloorLatency(ctx, shape) {
  const run = ctx.nextRun('paper-floor');
  const server = await startOrderFloor({ cwd: ctx.work, ...run, target: 'paper' });
  let load;
  try {
    ({ run: load } = await warmedLoad(server, 'paper-floor', { ...shape, recordSendTimes: true }, ORDER_WARMUP));
    await sleep(200);
  } finally {
    await server.stop();
  }
  const fills = readFloorFills(join(run.dataDir, FLOOR_FILLS_FILE));
  const { latencyMs, missing } = sinceSend(load.sendTimes, (id) => fills.get(id));
  return { load: lean(load), fillLatencyMs: latencyMs, missing };
}

/**
 * The table rows of a real-broker scenario `section` ({ adapter, latency, burst }), titled `title`, with `name`
 * beside "paper" in the burst rows; `paperBurst` is the paper burst of the same run, `floor` the order floor's
 * latency summary (orderFloorLatency) of the same run, in the bot column's place with its p99 beside it.
 */
export function brokerRows({ section, title, name, paperBurst, floor }) {
  const { latency, burst, adapter } = section;
  const lat = latency.bot.requestLatencyMs;
  const adapterMb = section.memory?.median ?? null;
  const slowest = (load) => load?.latencyMs.max;
  const ok200 = (load) => (load === undefined ? undefined : (load.statusCodes['200'] ?? 0));
  return [
    row(title, 'p50', lat.p50, undefined, ms, `≤ 2 ms (at ${BROKER_ALERT_RATE}/s)`, [
      atMost(lat.p50, 2, 'p50 > 2 ms'),
      ...pacedRunChecks(latency.bot.load),
    ]),
    row('', 'p99', lat.p99, undefined, ms),
    row('', 'floor p50 / p99 (2 commits + thread hop + request)', floor?.p50, floor?.p99, ms),
    row('', 'adapter alone: order round trip p50', adapter.roundTripMs.p50, undefined, ms),
    row('', 'orders not ok', latency.bot.notOk, undefined, count, '0', [
      { ok: latency.bot.notOk === 0, why: 'orders not ok' },
    ]),
    row(
      '',
      `burst of 1000 entries: slowest ack (${name} | paper)`,
      slowest(burst.bot.load),
      slowest(paperBurst),
      ms,
      '< 1,000 ms',
      [{ ok: slowest(burst.bot.load) < 1000, why: 'slowest ≥ 1 s' }],
    ),
    row('', `burst answered 200 (${name} | paper)`, ok200(burst.bot.load), ok200(paperBurst), count),
    row('', `adapter memory (idle RSS − paper, median of ${MEMORY_PAIRS} pairs)`, adapterMb, undefined, mb, '≤ 10 MB', [
      atMost(adapterMb, 10, '> 10 MB'),
    ]),
  ];
}
