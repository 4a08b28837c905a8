/**
 * `pnpm bench`: measures the built bot against a bare node:http server in the same run, for the numbers of
 * DESIGN.md §9, and prints one table. ZEPIX_BENCH_SECONDS (1–60, default 10) sets the length of each timed run.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { removeOnExit } from './children.mjs';
import { BOT_DIR, createBenchProject } from './project.mjs';
import { BROKER_ALERT_RATE, MEMORY_PAIRS, orderFloorLatency, paperFloorLatency } from './brokerBench.mjs';
import { burstWithOrders, lockedDatabase, ordersAckLatency } from './engineScenarios.mjs';
import { measureFsync } from './fsyncBaseline.mjs';
import { engineNotes, engineRows } from './engineReport.mjs';
import { COLUMNS, buildNotes, buildRows, derive } from './report.mjs';
import {
  OANDA_BROKER,
  adapterRoundTrip,
  oandaBurst,
  oandaAdapterMemory,
  oandaOrderLatency,
  paperOrderBurst,
} from './oandaScenarios.mjs';
import {
  METAAPI_BROKER,
  metaapiAdapterRoundTrip,
  metaapiBurst,
  metaapiAdapterMemory,
  metaapiOrderLatency,
} from './metaapiScenarios.mjs';
import {
  IDLE_SETTLE_MS,
  ackLatency,
  createContext,
  idleSettled,
  orderLatency,
  pluginLatency,
  startupOnly,
  throughput,
} from './scenarios.mjs';
import { formatTable } from './table.mjs';
import { metricsCost, replayTenThousand, windowNotes } from './window.mjs';

const require = createRequire(import.meta.url);
const THROUGHPUT_CONNECTIONS = 50;
const MANY_PLUGINS = 50;
const STARTUP_REPEATS = 3;
const IDLE_REPEATS = 3;
/** Gold near 2030: the alert price the paper broker fills the order scenario at. */
const ORDER_PRICE = 2030;
const RESULTS_FILE = join(tmpdir(), 'zepix-bench-latest.json');

function runSeconds() {
  const seconds = Number(process.env.ZEPIX_BENCH_SECONDS ?? 10);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 60) {
    throw new Error(
      `ZEPIX_BENCH_SECONDS must be a whole number from 1 to 60, got "${process.env.ZEPIX_BENCH_SECONDS}"`,
    );
  }
  return seconds;
}

/** Other work on a 2-core machine skews every number; say so next to them. */
function busyWarning(load) {
  const base = `load average at start ${load.toFixed(2)}`;
  return load > 0.5 ? `${base}: other processes were busy, expect noisy numbers` : base;
}

function progress(text) {
  process.stderr.write(`bench: ${text}\n`);
}

async function step(label, measure) {
  const started = performance.now();
  progress(`${label} …`);
  const result = await measure();
  progress(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

async function botAndBare(label, measure) {
  return {
    bot: await step(`${label} (bot)`, () => measure('bot')),
    bare: await step(`${label} (bare node:http)`, () => measure('bare')),
  };
}

async function main() {
  const started = performance.now();
  const seconds = runSeconds();
  if (!existsSync(join(BOT_DIR, 'dist', 'cli.js'))) {
    throw new Error('apps/bot/dist/cli.js is missing: run pnpm build first');
  }
  const work = removeOnExit(mkdtempSync(join(tmpdir(), 'zepix-bench-')));
  const ctx = createContext({
    work,
    project1: createBenchProject(join(work, 'project-1'), 1),
    project50: createBenchProject(join(work, `project-${MANY_PLUGINS}`), MANY_PLUGINS),
    projectOrders: createBenchProject(join(work, 'project-orders'), 1, { placeOrders: true }),
    projectBook: createBenchProject(join(work, 'project-book'), 1, { placeOrders: true, closeOpposite: true }),
    projectDual: createBenchProject(join(work, 'project-dual'), 1, { placeOrders: true, dualOrders: true }),
    seconds,
  });
  // The real-broker rows trade on a closing book as row 8 does: each entry closes the other side at the broker.
  ctx.projectOanda = createBenchProject(join(work, 'project-oanda'), 1, {
    placeOrders: true,
    closeOpposite: true,
    broker: OANDA_BROKER,
  });
  ctx.projectMetaApi = createBenchProject(join(work, 'project-metaapi'), 1, {
    placeOrders: true,
    closeOpposite: true,
    broker: METAAPI_BROKER,
  });
  const results = {
    meta: {
      date: new Date().toISOString(),
      node: process.version,
      cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
      autocannon: require('autocannon/package.json').version,
      seconds,
      throughputConnections: THROUGHPUT_CONNECTIONS,
      loadAverageAtStart: loadavg(),
    },
    project50Plugins: MANY_PLUGINS,
  };
  // "100/s" latency scenarios are paced: one alert every 10 ms (pacedLoad.mjs), not autocannon's burst of 100 at
  // the start of each second, which measures a queue the generator builds (8b keeps that shape, for comparison).
  const paced = { rate: 100, duration: seconds, paced: true };
  results.s1 = await botAndBare('1 ack latency, 100/s paced, new connection per request', (kind) =>
    ackLatency(ctx, kind, { ...paced, newConnection: true }),
  );
  results.s1k = await botAndBare('1b ack latency, 100/s paced, keep-alive', (kind) => ackLatency(ctx, kind, paced));
  // The floor: what bare costs with one durable SQLite commit per request, the least the bot's answer can cost.
  results.s1.floor = await step('1 the same, floor (bare + one journal commit)', () =>
    ackLatency(ctx, 'floor', { ...paced, newConnection: true }),
  );
  results.s1k.floor = await step('1b the same, floor (bare + one journal commit)', () =>
    ackLatency(ctx, 'floor', paced),
  );
  // Sparse alerts on a cold process, the way most traders' bots see them: no warm-up, one every 500 ms.
  results.s1c = await botAndBare('1c ack latency, sparse (2/s) and cold', (kind) =>
    ackLatency(ctx, kind, { rate: 2, duration: 3 * seconds, paced: true, warmup: { amount: 0 } }),
  );
  results.fsync = await step('fsync baseline: one journal commit (synchronous=FULL)', () => measureFsync(work));
  results.s2 = await botAndBare('2 ack latency, 1000/s, keep-alive', (kind) =>
    ackLatency(ctx, kind, { connections: 10, rate: 1000, duration: seconds }),
  );
  results.s3 = await botAndBare('3 burst of 1000 at once', (kind) =>
    ackLatency(ctx, kind, { connections: 1000, amount: 1000, warmup: { amount: 200, connections: 200 } }),
  );
  results.s4 = await botAndBare('4 sustained throughput', (kind) =>
    throughput(ctx, kind, { connections: THROUGHPUT_CONNECTIONS, duration: seconds }),
  );
  results.s5 = {
    bot: await step('5 alert → plugin latency, 100/s (bot)', () => pluginLatency(ctx, paced)),
  };
  results.startup50 = await step(`6 start-up with ${MANY_PLUGINS} plugins ×${STARTUP_REPEATS} (bot)`, () =>
    startupOnly(ctx, 'bot', ctx.project50, STARTUP_REPEATS),
  );
  results.idle = await step(
    `7 idle memory ${IDLE_SETTLE_MS / 1000} s after start ×${IDLE_REPEATS}, bot and bare in turn`,
    () => idleSettled(ctx, ctx.project1, IDLE_REPEATS),
  );
  // A realistic book (issue 10): buys and sells in turn, each entry closing the other side once its order is
  // recorded, so the gate and price checks run over one or two positions, not hundreds.
  results.s8 = {
    bot: await step('8 alert → paper order recorded, 100/s paced, book closing as it opens (bot)', () =>
      orderLatency(ctx, { ...paced, price: ORDER_PRICE, alternate: true }),
    ),
  };
  // What row 8 cannot beat here: the alert and the intent committed FULL, a thread hop, a fill committed NORMAL.
  results.s8floor = await step('8 floor: alert → paper fill, 100/s paced (orderFloorServer.mjs paper)', () =>
    paperFloorLatency(ctx, paced),
  );
  results.s8b = {
    bot: await step("8b the same, each second's 100 alerts back to back (bot)", () =>
      orderLatency(ctx, { connections: 1, rate: 100, duration: seconds, price: ORDER_PRICE, alternate: true }),
    ),
  };
  const brokerPaced = { rate: BROKER_ALERT_RATE, duration: seconds, paced: true };
  results.s9 = { bot: await step('9 burst of 1000 dual orders at once (bot)', () => burstWithOrders(ctx)) };
  results.s10 = await botAndBare('10 ack latency, 100 orders/s, keep-alive', (kind) =>
    ordersAckLatency(ctx, kind, paced),
  );
  results.s11 = { bot: await step('11 trading database locked for 10 s (bot)', () => lockedDatabase(ctx)) };
  // What rows 12 and 13 cannot beat here: two durable commits, a thread hop and a request, nothing else.
  results.orderFloor = await step(
    `12–13 floor: alert → request, ${BROKER_ALERT_RATE}/s paced (orderFloorServer.mjs, 2 FULL commits + thread hop)`,
    () => orderFloorLatency(ctx, { ...brokerPaced, price: ORDER_PRICE }),
  );
  // Adapter memory: idle RSS with the adapter minus the same project on paper, in alternating pairs of starts.
  results.s12 = {
    memory: await step(`12 adapter memory: idle RSS on OANDA vs paper, ${MEMORY_PAIRS} pairs (bot, v20 emulator)`, () =>
      oandaAdapterMemory(ctx),
    ),
    adapter: await step('12 adapter alone: order round trips to the v20 emulator', () => adapterRoundTrip()),
    latency: {
      bot: await step(`12 alert → OANDA order request, ${BROKER_ALERT_RATE}/s paced (bot, v20 emulator)`, () =>
        oandaOrderLatency(ctx, { ...brokerPaced, price: ORDER_PRICE, alternate: true }),
      ),
    },
    burst: {
      paper: await step('12 burst of 1000 order-placing alerts (bot, paper baseline)', () =>
        paperOrderBurst(ctx, ORDER_PRICE),
      ),
      bot: await step('12 burst of 1000 order-placing alerts (bot, v20 emulator)', () => oandaBurst(ctx, ORDER_PRICE)),
    },
  };
  results.s13 = {
    memory: await step(
      `13 adapter memory: idle RSS on MetaApi vs paper, ${MEMORY_PAIRS} pairs (bot, MetaApi emulator)`,
      () => metaapiAdapterMemory(ctx),
    ),
    adapter: await step('13 adapter alone: order round trips to the MetaApi emulator', () => metaapiAdapterRoundTrip()),
    latency: {
      bot: await step(`13 alert → MetaApi trade request, ${BROKER_ALERT_RATE}/s paced (bot, MetaApi emulator)`, () =>
        metaapiOrderLatency(ctx, { ...brokerPaced, price: ORDER_PRICE, alternate: true }),
      ),
    },
    burst: {
      bot: await step('13 burst of 1000 order-placing alerts (bot, MetaApi emulator)', () =>
        metaapiBurst(ctx, ORDER_PRICE),
      ),
    },
  };
  results.window = {
    metrics: await step('14 /metrics cost on ack p50, off vs on (bot)', () => metricsCost(ctx)),
    replay: await step('15 zepix replay of 10,000 alerts', () => replayTenThousand(ctx)),
  };
  const derived = derive(results);
  results.derived = derived;
  results.meta.wallSeconds = (performance.now() - started) / 1000;
  results.meta.loadAverageAtEnd = loadavg();
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  const notes = [...buildNotes(results, derived), ...engineNotes(results), ...windowNotes(results.window)].map(
    (line) => `- ${line}`,
  );
  return [
    '',
    `Zepix bench — ${results.meta.date}, node ${results.meta.node}, ${results.meta.cpus}`,
    busyWarning(results.meta.loadAverageAtStart[0]),
    '',
    formatTable(COLUMNS, [...buildRows(results, derived), ...engineRows(results)]),
    '',
    ...notes,
    `- Raw numbers: ${RESULTS_FILE} (bench wall time ${results.meta.wallSeconds.toFixed(0)} s)`,
    '',
  ].join('\n');
}

main().then(
  (report) => process.stdout.write(report, () => process.exit(0)),
  (error) => {
    process.stderr.write(`bench failed: ${error?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
