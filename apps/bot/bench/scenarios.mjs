import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { runJsonScript } from './children.mjs';
import { checkJournal, checkPositions, readOrderStamps, readPluginReceipts } from './databases.mjs';
import { counterDelta, tcpCounters } from './kernelCounters.mjs';
import { BENCH_PLUGIN_ID } from './project.mjs';
import { WEBHOOK_SECRET, startBare, startBot } from './servers.mjs';
import { summarize } from './stats.mjs';

const LOAD = fileURLToPath(new URL('./load.mjs', import.meta.url));
/** Lets start-up garbage settle before idle memory is read. */
const SETTLE_MS = 500;
const DRAIN_TIMEOUT_MS = 30_000;
/**
 * Quiet time after a load (and the engine's drain) before the "settled" memory reading: each thread's idle
 * collector looks every second and collects after 3 s without work, then once more to hand back the pages.
 */
export const SETTLE_AFTER_LOAD_MS = 6000;
const WARMUP = { duration: 1 };

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
  return kind === 'bot' ? startBot({ project, ...run }) : startBare({ cwd: ctx.work, logFile: run.logFile });
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
  const seconds = (shape.duration ?? 0) + (shape.warmup?.duration ?? 0);
  const input = { url: server.url, secret: WEBHOOK_SECRET, idPrefix, ...shape };
  const result = await runJsonScript(LOAD, input, seconds * 1000 + 60_000);
  // Timing answers that are all errors would measure the wrong code path: stop rather than print them.
  if (result.run.responses > 0 && result.run.accepted === 0) {
    throw new Error(`${server.kind} answered no alert with "accepted": ${JSON.stringify(result.run.statusCodes)}`);
  }
  return result;
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
    const status = await server.status();
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
    const { warmup, run } = await load(server, 'ack', { ...shape, warmup: shape.warmup ?? WARMUP });
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
    const { warmup, run } = await load(server, 'plugin', { ...shape, warmup: WARMUP, recordSendTimes: true });
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
    const { warmup, run } = await load(server, 'order', { ...shape, warmup: WARMUP, recordSendTimes: true });
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

/** Start-up and idle memory only, `repeats` times. */
export async function startupOnly(ctx, kind, project, repeats) {
  const runs = [];
  for (let i = 0; i < repeats; i += 1) runs.push(await withServer(ctx, kind, project, () => ({})));
  return runs;
}
