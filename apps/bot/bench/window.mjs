/**
 * The operator's window in `pnpm bench`: what /metrics costs on the ack (the same load against the bot with
 * ZEPIX_METRICS=off and with metrics on and scraped every second, alternated), and a replay of 10,000 alerts.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { runJsonScript } from './children.mjs';
import { BOT_DIR } from './project.mjs';
import { WEBHOOK_SECRET, getJson, startBot } from './servers.mjs';
import { median } from './stats.mjs';

const LOAD = fileURLToPath(new URL('./load.mjs', import.meta.url));
const CLI = join(BOT_DIR, 'dist', 'cli.js');
const METRICS_TOKEN = 'bench-metrics-token-0123456789';
const ROUNDS = 3;
const REPLAY_ALERTS = 10_000;

async function ackP50(ctx, metricsOn) {
  const env = metricsOn ? { ZEPIX_METRICS_TOKEN: METRICS_TOKEN } : { ZEPIX_METRICS: 'off' };
  const server = await startBot({ project: ctx.project1, ...ctx.nextRun('bot'), env });
  const auth = { authorization: `Bearer ${METRICS_TOKEN}` };
  // A scraper far keener than Prometheus' usual 15 s, so its cost is visible if there is one.
  const scraper = metricsOn ? setInterval(() => void getJson(`${server.url}/metrics`, auth).catch(() => {}), 1000) : 0;
  try {
    // 100/s on one keep-alive connection, below saturation: at 1,000/s on two cores the p50 is queueing, and the
    // noise between runs (±10 %) hid a cost of a few percent either way.
    const shape = { connections: 1, rate: 100, duration: ctx.seconds, warmup: { duration: 1 }, idPrefix: 'm' };
    const { run } = await runJsonScript(
      LOAD,
      { url: server.url, secret: WEBHOOK_SECRET, ...shape },
      ctx.seconds * 1000 + 60_000,
    );
    return run.latencyMs.p50;
  } finally {
    clearInterval(scraper);
    await server.stop();
  }
}

/** Ack p50 at 100/s keep-alive, metrics off and on, alternated ROUNDS times; the medians and the overhead. */
export async function metricsCost(ctx) {
  const off = [];
  const on = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    off.push(await ackP50(ctx, false));
    on.push(await ackP50(ctx, true));
  }
  const offP50 = median(off);
  const onP50 = median(on);
  return { off, on, offP50, onP50, overheadPercent: ((onP50 - offP50) / offP50) * 100 };
}

/** V3 entries and exits on gold, alternating, one a minute, the price walking: the export format. */
function replayInput(file) {
  const lines = [];
  const start = Date.parse('2026-11-02T08:00:00Z');
  let price = 2030;
  for (let i = 0; i < REPLAY_ALERTS; i += 1) {
    price = Math.round((price + Math.sin(i / 7) * 0.8) * 100) / 100;
    const common = { family: 'v3', symbol: 'XAUUSD', rawSymbol: 'XAUUSD', timeframe: 15, price, raw: {} };
    const alert =
      i % 2 === 0
        ? {
            ...common,
            kind: 'entry',
            direction: 'buy',
            signalType: 'Institutional_Launchpad',
            consensusScore: 8,
            marketTrend: 1,
            mtfTrends: { 5: 1, 15: 1, 60: 1, 240: 1, 1440: 1 },
            levels: { sl: price - 2, tp1: price + 2, tp2: price + 5 },
          }
        : { ...common, kind: 'exit', closeSide: 'buy', signalType: 'Bearish_Exit', consensusScore: 3 };
    const outcomes = [{ plugin: 'combined-v3', status: 'ok', message: 'recorded' }];
    lines.push(JSON.stringify({ id: i + 1, receivedAt: new Date(start + i * 60_000).toISOString(), alert, outcomes }));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** `zepix replay` of 10,000 alerts through the real plugins: wall and CPU seconds, and what it traded. */
export async function replayTenThousand(ctx) {
  const file = join(ctx.work, 'replay-10k.jsonl');
  replayInput(file);
  const started = performance.now();
  const stdout = await new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [CLI, 'replay', file, '--project', BOT_DIR, '--json'],
      { cwd: ctx.work, maxBuffer: 64e6, timeout: 600_000 },
      (error, out, err) => (error ? reject(new Error(`replay failed: ${err}`)) : resolve(out)),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const report = JSON.parse(stdout);
  const v3 = report.plugins.find((p) => p.plugin === 'combined-v3');
  return {
    alerts: report.alerts,
    seconds,
    cpuSeconds: report.cpuSeconds,
    trades: v3?.trades,
    changed: report.changed.length,
  };
}

/** The lines `pnpm bench` prints under its table. */
export function windowNotes({ metrics, replay }) {
  const ms = (v) => `${v.toFixed(3)} ms`;
  return [
    `/metrics cost on ack p50 (100/s keep-alive, median of ${ROUNDS} alternated runs, scraped every second): off ${ms(metrics.offP50)}, on ${ms(metrics.onP50)}, ${metrics.overheadPercent >= 0 ? '+' : ''}${metrics.overheadPercent.toFixed(1)} % (goal ≤ 5 %)`,
    `replay of ${replay.alerts} alerts through combined-v3 (${replay.trades} trades): ${replay.seconds.toFixed(1)} s wall, ${replay.cpuSeconds.toFixed(1)} s CPU (goal ≤ 20 s)`,
  ];
}
