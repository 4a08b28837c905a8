import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { runJsonScript } from './children.mjs';
import { checkJournal, checkPositions, readOrderStamps, readPluginReceipts } from './databases.mjs';
import { counterDelta, tcpCounters } from './kernelCounters.mjs';
import { BENCH_PLUGIN_ID } from './project.mjs';
import { WEBHOOK_SECRET, startBare, startBot, startFloor } from './servers.mjs';
import { summarize } from './stats.mjs';

const LOAD = fileURLToPath(new URL('./load.mjs', import.meta.url));
/** Lets start-up garbage settle before idle memory is read. */
const SETTLE_MS = 500;
const DRAIN_TIMEOUT_MS = 30_000;
const WARMUP_PAUSE_MS = 1000;
/**
 * Quiet time after a load (and the engine's drain) before the "settled" memory reading: each thread's idle
 * collector looks every second and collects after 3 s without work, then once more to hand back the pages.
 */
export const SETTLE_AFTER_LOAD_MS = 6000;
const WARMUP = { duration: 1 };
/**
 * Before a paced (100/s) run: V8 optimises a function only after it has run a few hundred KB of its bytecode, so
 * at 100 requests/s a server's request path is still in its baseline tier for the first tens of seconds, and a
 * 1 s warm-up measures start-up code, not the running bot. 3,000 requests at 1000/s bring bot and bare alike close
 * to their steady state (measured: the bot's intake CPU per alert at 100/s fell from 1.5 ms after 100 requests to
 * 1.2 ms after 2,000 and 1.1 ms after 6,000); the bot's engine then finishes them before the measured run starts.
 */
const PACED_WARMUP = { amount: 3000, rate: 1000 };
/**
 * Order-placing rows warm up with fewer: every warm-up order stays in the day's closes, which the risk gate reads
 * for each new order, and 3,000 of them made the measured book far busier than the realistic one row 8 wants.
 */
export const ORDER_WARMUP = { amount: 500, rate: 250 };

/** What every scenario shares: the throwaway projects, a scratch folder and the run length. */
export function createContext({ work, project1, project50, projectOrders, projectBook, projectDual, seconds }) {
  let runs = 0;
  return {
    project1,
    project50,
    projectOrders,
    projectBook,
    projectDual,
    seconds,
    work,
    // A fresh folder per server run, so every scenario starts from an empty journal.
    nextRun(kind) {
      runs += 1;
      const dir = join(work, `run-${runs}-${kind}`);
      mkdirSync(dir);
      return { dataDir: join(dir, 'data'), logFile: join(dir, 'server.log') };
    },
  };
}

function start(ctx, kind, project) {
  const run = ctx.nextRun(kind);
  if (kind === 'bot') return startBot({ project, ...run });
  if (kind === 'floor') return startFloor({ cwd: ctx.work, ...run });
  return startBare({ cwd: ctx.work, logFile: run.logFile });
}

/** Starts a server, reads its idle memory, runs `measure`, and stops it whatever happened. */
export async function withServer(ctx, kind, project, measure) {
  const server = await start(ctx, kind, project);
  try {
    await sleep(SETTLE_MS);
    const idleMemoryMb = server.memory();
    const measured = await measure(server);
    return { startupMs: server.startupMs, idleMemoryMb, ...measured, stoppedWith: await server.stop() };
  } finally {
    await server.stop();
  }
}

export async function load(server, idPrefix, shape) {
  const seconds = (shape.duration ?? 0) + (shape.warmup?.duration ?? 0) + (shape.amount ?? 0) / (shape.rate ?? 1000);
  const input = { url: server.url, secret: WEBHOOK_SECRET, idPrefix, ...shape };
  const result = await runJsonScript(LOAD, input, seconds * 1000 + 60_000);
  // Timing answers that are all errors would measure the wrong code path: stop rather than print them.
  if (result.run.responses > 0 && result.run.accepted === 0) {
    throw new Error(`${server.kind} answered no alert with "accepted": ${JSON.stringify(result.run.statusCodes)}`);
  }
  return result;
}

/**
 * A measured run after its warm-up: for a paced shape `pacedWarmup` as a run of its own, then (on the bot) a wait
 * until the engine has dispatched it; otherwise `shape.warmup` or one second of the same shape.
 */
export async function warmedLoad(server, idPrefix, shape, pacedWarmup = PACED_WARMUP) {
  if (!shape.paced || shape.warmup) return load(server, idPrefix, { ...shape, warmup: shape.warmup ?? WARMUP });
  const warm = await load(server, `${idPrefix}-warm`, {
    ...shape,
    ...pacedWarmup,
    duration: undefined,
    recordSendTimes: false,
    collectIds: false,
  });
  // Every server gets the same quiet second after the warm-up (the bot's idle work, e.g. a collection, may run in
  // it); the bot then also waits until its engine has dispatched the warm-up alerts.
  await sleep(WARMUP_PAUSE_MS);
  if (server.kind === 'bot') await waitForDrain(server);
  const { run } = await load(server, idPrefix, shape);
  return { warmup: warm.run, run };
}

/** The load result without the bulky per-request lists. */
export function lean(result) {
  if (!result) return result;
  const { sendTimes: _sendTimes, journalIds: _journalIds, ...rest } = result;
  return rest;
}

export async function waitForDrain(server) {
  const started = performance.now();
  for (;;) {
    // A poll that times out on a busy machine is asked again; only the drain timeout ends the wait.
    const status = await server.status().catch((error) => {
      if (performance.now() - started > DRAIN_TIMEOUT_MS) throw error;
      return undefined;
    });
    if (status === undefined) continue;
    if (status.dispatchQueue === 0 && status.journal.pendingDispatch === 0) {
      return { seconds: (performance.now() - started) / 1000, status };
    }
    if (performance.now() - started > DRAIN_TIMEOUT_MS) return { seconds: null, status };
    await sleep(100);
  }
}

/** Ack latency under a load shape; on the bare server also how many TCP connections carried the requests. */
export function ackLatency(ctx, kind, shape) {
  return withServer(ctx, kind, ctx.project1, async (server) => {
    const before = kind === 'bare' ? await server.counters() : undefined;
    const tcpBefore = tcpCounters();
    const { warmup, run } = await warmedLoad(server, 'ack', shape);
    const tcp = counterDelta(tcpBefore, tcpCounters());
    const afterLoadMemoryMb = server.memory();
    const measured = { load: lean(run), warmup: lean(warmup), afterLoadMemoryMb, tcp };
    if (!before) return measured;
    const after = await server.counters();
    // The second /stats call opened one connection of its own.
    const serverSaw = {
      requests: after.requests - before.requests,
      connections: after.connections - before.connections - 1,
    };
    return { ...measured, serverSaw };
  });
}

/** As fast as the server goes; on the bot, proves every "accepted" answer is in the journal. */
export function throughput(ctx, kind, shape) {
  return withServer(ctx, kind, ctx.project1, async (server) => {
    const before = kind === 'bot' ? await server.status() : undefined;
    const { warmup, run } = await load(server, 'tput', { ...shape, warmup: WARMUP, collectIds: true });
    const afterLoadMemoryMb = server.memory();
    if (!before) return { load: lean(run), warmup: lean(warmup), afterLoadMemoryMb };
    const after = await server.status();
    const drain = await waitForDrain(server);
    // Nothing is sent meanwhile, not even /api/status: a request is activity to the intake's collector.
    await sleep(SETTLE_AFTER_LOAD_MS);
    const settledMemoryMb = server.memory();
    await server.stop();
    const answered = warmup.accepted + run.accepted;
    const journaled = after.journal.accepted - before.journal.accepted;
    const onDisk = checkJournal(server.dataDir, [...warmup.journalIds, ...run.journalIds]);
    return {
      load: lean(run),
      warmup: lean(warmup),
      afterLoadMemoryMb,
      settledMemoryMb,
      journal: {
        answeredAccepted: answered,
        journaledAccepted: journaled,
        lost: Math.max(0, answered - journaled),
        // Requests cut off when the load stopped may be journaled without their answer being read.
        journaledUnanswered: Math.max(0, journaled - answered),
        statusAfterLoad: after.journal,
        dispatchQueueAfterLoad: after.dispatchQueue,
        drainSeconds: drain.seconds,
        onDisk,
        missingOnDisk: onDisk.answeredAccepted - onDisk.foundOnDisk,
      },
    };
  });
}

/** Per alert id sent, `stampOf(id)` (a wall time, or undefined) minus its send time; ids without a stamp counted. */
export function sinceSend(sendTimes, stampOf) {
  const samples = [];
  let missing = 0;
  for (const [id, sentMs] of Object.entries(sendTimes)) {
    const stampMs = stampOf(id);
    if (stampMs === undefined) missing += 1;
    else samples.push(stampMs - sentMs);
  }
  return { latencyMs: summarize(samples), missing };
}

/** Send → plugin receipt, from the load generator's send stamps and the bench plugin's own database. */
export function pluginLatency(ctx, shape) {
  return withServer(ctx, 'bot', ctx.project1, async (server) => {
    const { warmup, run } = await warmedLoad(server, 'plugin', { ...shape, recordSendTimes: true });
    const drain = await waitForDrain(server);
    await server.stop();
    const receipts = readPluginReceipts(server.dataDir, BENCH_PLUGIN_ID);
    const { latencyMs, missing } = sinceSend(run.sendTimes, (id) => receipts.get(id));
    return {
      load: lean(run),
      warmup: lean(warmup),
      pluginLatencyMs: latencyMs,
      sent: Object.keys(run.sendTimes).length,
      missing,
      drainSeconds: drain.seconds,
    };
  });
}

/**
 * Send → paper order recorded: the bench plugin places an order for every entry and stamps the time placeOrder
 * resolved ok. Afterwards the trading database must hold one position (open, or closed by a later reversal) per
 * alert the journal accepted. Runs on the closing book (`projectBook`) when the context has one.
 */
export function orderLatency(ctx, shape) {
  return withServer(ctx, 'bot', ctx.projectBook ?? ctx.projectOrders, async (server) => {
    const { warmup, run } = await warmedLoad(server, 'order', { ...shape, recordSendTimes: true }, ORDER_WARMUP);
    const drain = await waitForDrain(server);
    await server.stop();
    const stamps = readOrderStamps(server.dataDir, BENCH_PLUGIN_ID);
    const receipts = readPluginReceipts(server.dataDir, BENCH_PLUGIN_ID);
    const okStamp = (id) => (stamps.get(id)?.ok ? stamps.get(id).orderedMs : undefined);
    const notOk = [...stamps.entries()].filter(([, stamp]) => !stamp.ok);
    // In send order: the keys are not integer-like, so they keep their insertion order.
    const measured = Object.keys(run.sendTimes);
    const inPlugin = (ids) =>
      summarize(ids.filter((id) => okStamp(id) !== undefined).map((id) => okStamp(id) - receipts.get(id)));
    return {
      load: lean(run),
      warmup: lean(warmup),
      orderLatencyMs: sinceSend(run.sendTimes, okStamp).latencyMs,
      // Receipt → order recorded, inside the plugin: the order path's own share of the latency above, over the
      // whole run and over its first and last tenth, since the gate's work grows with the open positions.
      orderPathMs: inPlugin(measured),
      orderPathFirstMs: inPlugin(measured.slice(0, Math.ceil(measured.length / 10))),
      orderPathLastMs: inPlugin(measured.slice(-Math.ceil(measured.length / 10))),
      sent: measured.length,
      // Measured alerts whose order never resolved at all (no stamp), as opposed to resolving not ok.
      unanswered: measured.filter((id) => !stamps.has(id)).length,
      orders: { placed: stamps.size - notOk.length, notOk: notOk.length, codes: countCodes(notOk) },
      answeredAccepted: warmup.accepted + run.accepted,
      positions: checkPositions(server.dataDir, BENCH_PLUGIN_ID),
      drainSeconds: drain.seconds,
    };
  });
}

function countCodes(entries) {
  const codes = {};
  for (const [, stamp] of entries) codes[stamp.code ?? 'none'] = (codes[stamp.code ?? 'none'] ?? 0) + 1;
  return codes;
}

/**
 * How long an idle server is left alone before its settled idle memory is read. Half a second after start-up each
 * V8 heap still holds start-up's garbage, a young generation at its full 2 × 1 MB and old-generation pages half
 * full; V8's memory reducer shrinks and compacts both about 8 s later (measured on the bot: 94 MB at 0.5–8 s, 85–87
 * MB from 12–16 s on, 20 s and later unchanged). A bot left running sits at the second figure.
 */
export const IDLE_SETTLE_MS = 20_000;

/**
 * Idle memory read `IDLE_SETTLE_MS` after the server first answered /health (its start-up poll), with nothing sent
 * after that, bot and bare in turn.
 */
export async function idleSettled(ctx, project, repeats) {
  const runs = { bot: [], bare: [] };
  for (let i = 0; i < repeats; i += 1) {
    for (const kind of i % 2 === 0 ? ['bot', 'bare'] : ['bare', 'bot']) {
      const run = await withServer(ctx, kind, project, async (server) => {
        await sleep(IDLE_SETTLE_MS - SETTLE_MS);
        return { settledIdleMemoryMb: server.memory() };
      });
      runs[kind].push(run);
    }
  }
  return runs;
}

/** Start-up and idle memory only, `repeats` times. */
export async function startupOnly(ctx, kind, project, repeats) {
  const runs = [];
  for (let i = 0; i < repeats; i += 1) runs.push(await withServer(ctx, kind, project, () => ({})));
  return runs;
}
