/**
 * Scenarios for the engine split (issue 10): order-placing load must not slow the webhook answer, and a locked
 * trading database must not reach it either.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { runJsonScript } from './children.mjs';
import { checkPositions } from './databases.mjs';
import { BENCH_PLUGIN_ID } from './project.mjs';
import { ORDER_WARMUP, lean, load, warmedLoad, withServer } from './scenarios.mjs';
import { getJson } from './servers.mjs';
import { summarize } from './stats.mjs';

const HOLD_LOCK = fileURLToPath(new URL('./holdLock.mjs', import.meta.url));
/** Long enough for the dispatcher's bounded retries (about a minute) to outlast a 10 s lock. */
const DRAIN_TIMEOUT_MS = 120_000;
const LOCK_SECONDS = 10;

/** Waits until the engine has dispatched everything, retries included. */
async function waitForEngine(server) {
  const started = performance.now();
  for (;;) {
    const status = await server.status();
    const idle = status.dispatchQueue === 0 && status.retrying === 0 && status.journal.pendingDispatch === 0;
    if (idle) return (performance.now() - started) / 1000;
    if (performance.now() - started > DRAIN_TIMEOUT_MS) return null;
    await sleep(100);
  }
}

/** Polls /health every 100 ms until `stop()`; returns its latencies and how many answers were not "ok". */
function pollHealth(url) {
  const latencies = [];
  const statuses = {};
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const answer = await getJson(`${url}/health`, {}, 15_000).catch(() => ({ body: { status: 'no answer' } }));
      latencies.push(performance.now() - started);
      statuses[answer.body.status] = (statuses[answer.body.status] ?? 0) + 1;
      await sleep(100);
    }
  })();
  return async () => {
    running = false;
    await loop;
    return { latencyMs: summarize(latencies), statuses };
  };
}

/** A bar-close burst of 1000 alerts at once, each placing an order (a dual order with `project` = projectDual). */
export function burstWithOrders(ctx) {
  return withServer(ctx, 'bot', ctx.projectDual, async (server) => {
    const { warmup, run } = await load(server, 'dual', {
      connections: 1000,
      amount: 1000,
      warmup: { amount: 200, connections: 200 },
      price: 2030,
    });
    const afterLoadMemoryMb = server.memory();
    const drainSeconds = await waitForEngine(server);
    await server.stop();
    return {
      load: lean(run),
      warmup: lean(warmup),
      afterLoadMemoryMb,
      drainSeconds,
      answeredAccepted: warmup.accepted + run.accepted,
      positions: checkPositions(server.dataDir, BENCH_PLUGIN_ID),
    };
  });
}

/** Ack latency at `rate`/s while every alert places an order (the bot), or on the bare server. */
export function ordersAckLatency(ctx, kind, shape) {
  return withServer(ctx, kind, ctx.projectOrders, async (server) => {
    const { warmup, run } = await warmedLoad(server, 'orders', { ...shape, price: 2030 }, ORDER_WARMUP);
    const afterLoadMemoryMb = server.memory();
    if (kind !== 'bot') return { load: lean(run), warmup: lean(warmup), afterLoadMemoryMb };
    const drainSeconds = await waitForEngine(server);
    await server.stop();
    return {
      load: lean(run),
      warmup: lean(warmup),
      afterLoadMemoryMb,
      drainSeconds,
      positions: checkPositions(server.dataDir, BENCH_PLUGIN_ID),
    };
  });
}

/**
 * 100 order-placing alerts/s, first with nothing locked, then while another process holds zepix_trading.db
 * locked for 10 s; /health is polled throughout. The held-up alerts must trade once the lock goes.
 */
export function lockedDatabase(ctx) {
  return withServer(ctx, 'bot', ctx.projectOrders, async (server) => {
    const shape = { connections: 1, rate: 100, duration: LOCK_SECONDS, price: 2030 };
    const unlockedHealth = pollHealth(server.url);
    const unlocked = await load(server, 'unlocked', shape);
    const unlockedHealthResult = await unlockedHealth();
    const lockedHealth = pollHealth(server.url);
    const lock = runJsonScript(
      HOLD_LOCK,
      { path: join(server.dataDir, 'zepix_trading.db'), seconds: LOCK_SECONDS },
      (LOCK_SECONDS + 30) * 1000,
    );
    // Give the holder a moment to take the lock before the measured load starts.
    await sleep(300);
    const locked = await load(server, 'locked', shape);
    const held = await lock;
    const lockedHealthResult = await lockedHealth();
    const drainSeconds = await waitForEngine(server);
    await server.stop();
    return {
      unlocked: lean(unlocked.run),
      locked: lean(locked.run),
      health: { unlocked: unlockedHealthResult, locked: lockedHealthResult },
      heldMs: held.heldMs,
      drainSeconds,
      answeredAccepted: unlocked.run.accepted + locked.run.accepted,
      positions: checkPositions(server.dataDir, BENCH_PLUGIN_ID),
    };
  });
}
