import { metaapiNote, metaapiRows } from './metaapiScenarios.mjs';
import { oandaNote, oandaRows } from './oandaScenarios.mjs';
import { median } from './stats.mjs';
import { IDLE_SETTLE_MS, SETTLE_AFTER_LOAD_MS } from './scenarios.mjs';
import { atMost, count, fmt, mb, ms, pacedRunChecks, perSecond, row } from './table.mjs';

/** The table's columns. */
export const COLUMNS = ['scenario', 'metric', 'bot', 'bare node:http', 'bot/bare', 'DESIGN §9 goal', 'mark'];

const rateOf = (load) => load.responses / load.elapsedSeconds;

/** Ack rows without a goal (the 1000/s run, the sparse cold run). */
function plainAckRows(scenario, result) {
  const bot = result.bot.load;
  const bare = result.bare.load;
  return [
    ...['p50', 'p99', 'max'].map((metric, i) =>
      row(i === 0 ? scenario : '', `ack ${metric}`, bot.latencyMs[metric], bare.latencyMs[metric], ms),
    ),
    row('', 'answered rate', rateOf(bot), rateOf(bare), perSecond),
  ];
}

/**
 * DESIGN §9's ack goal at 100/s: p50 ≤ 1.3× bare + one fsync (the bot stores every alert durably, bare stores
 * nothing; the fsync is this run's own journal-commit p50), p99 ≤ 1.5× bare; and the earlier absolute limits
 * (p50 ≤ 1.5 ms, p99 ≤ 7 ms), kept so a slow disk's large fsync cannot turn a slow answer into a pass.
 */
function ackRows(scenario, result, fsyncMs) {
  const bot = result.bot.load.latencyMs;
  const bare = result.bare.load.latencyMs;
  const p50Limit = typeof bare.p50 === 'number' && typeof fsyncMs === 'number' ? 1.3 * bare.p50 + fsyncMs : null;
  const p99Limit = typeof bare.p99 === 'number' ? 1.5 * bare.p99 : null;
  const runs = [...pacedRunChecks(result.bot.load), ...pacedRunChecks(result.bare.load)];
  return [
    row(scenario, 'ack p50', bot.p50, bare.p50, ms, `≤ 1.3× bare + fsync = ${ms(p50Limit)}, ≤ 1.5 ms`, [
      atMost(bot.p50, p50Limit ?? Number.NaN, 'p50 > 1.3× bare + fsync'),
      atMost(bot.p50, 1.5, 'p50 > 1.5 ms'),
      ...runs,
    ]),
    row('', 'ack p99', bot.p99, bare.p99, ms, `≤ 1.5× bare = ${ms(p99Limit)}, ≤ 7 ms`, [
      atMost(bot.p99, p99Limit ?? Number.NaN, 'p99 > 1.5× bare'),
      atMost(bot.p99, 7, 'p99 > 7 ms'),
      ...runs,
    ]),
    row('', 'ack max', bot.max, bare.max, ms),
    row('', 'answered rate', rateOf(result.bot.load), rateOf(result.bare.load), perSecond),
    ...floorRows(result),
  ];
}

/**
 * The floor (floorServer.mjs: bare plus one SQLite FULL commit per request) in the bot's column against bare: how
 * close the goal is to the least a durable answer costs here. No goal of its own.
 */
function floorRows(result) {
  const floor = result.floor?.load;
  if (!floor) return [];
  const bare = result.bare.load.latencyMs;
  return [
    row('', 'floor p50 (bare + 1 commit)', floor.latencyMs.p50, bare.p50, ms),
    row('', 'floor p99 (bare + 1 commit)', floor.latencyMs.p99, bare.p99, ms),
  ];
}

/** Numbers derived from several runs: start-up and idle memory medians, per-plugin memory cost. */
export function derive(results) {
  const botRuns = [results.s1.bot, results.s1k.bot, results.s2.bot, results.s3.bot, results.s4.bot, results.s5.bot];
  const bareRuns = [results.s1.bare, results.s1k.bare, results.s2.bare, results.s3.bare, results.s4.bare];
  const idle = (runs) => median(runs.map((r) => r.idleMemoryMb.rss));
  const startup = (runs) => median(runs.map((r) => r.startupMs));
  const idle1 = idle(botRuns);
  const idle50 = idle(results.startup50);
  const settled = (runs) => median(runs.map((r) => r.settledIdleMemoryMb.rss));
  return {
    startupMs: { bot1: startup(botRuns), bot50: startup(results.startup50), bare: startup(bareRuns) },
    idleRssMb: {
      bot1: idle1,
      bot50: idle50,
      bare: idle(bareRuns),
      bot1Settled: results.idle ? settled(results.idle.bot) : undefined,
      bareSettled: results.idle ? settled(results.idle.bare) : undefined,
    },
    perPluginMb: (idle50 - idle1) / (results.project50Plugins - 1),
    samples: {
      bot1: botRuns.length,
      bot50: results.startup50.length,
      bare: bareRuns.length,
      settled: results.idle?.bot.length ?? 0,
    },
  };
}

/** Positions an order scenario opened: still open, or closed since by a later alert's reversal. */
const placedPositions = ({ byState }) => (byState.open ?? 0) + (byState.closed ?? 0);

function orderRows({ bot }, title, floor) {
  const latency = bot.orderLatencyMs;
  const notOk = bot.orders.notOk + bot.unanswered;
  const { acceptedAlerts } = bot.positions;
  const placed = placedPositions(bot.positions);
  return [
    row(title, 'p50', latency.p50, undefined, ms, '≤ 2 ms', [
      atMost(latency.p50, 2, 'p50 > 2 ms'),
      ...pacedRunChecks(bot.load),
    ]),
    row('', 'p99', latency.p99, undefined, ms, '≤ 10 ms', [
      atMost(latency.p99, 10, 'p99 > 10 ms'),
      ...pacedRunChecks(bot.load),
    ]),
    ...(floor ? [row('', 'floor p50 / p99 (2 FULL commits + thread hop + 1 NORMAL)', floor.p50, floor.p99, ms)] : []),
    row('', 'max', latency.max, undefined, ms),
    row('', 'rate reached (of 100/s)', bot.load.responses / bot.load.elapsedSeconds, undefined, perSecond),
    row('', 'orders not ok', notOk, undefined, count, '0', [{ ok: notOk === 0, why: 'orders not ok' }]),
    row('', `positions opened (of ${acceptedAlerts} alerts)`, placed, undefined, count, '= alerts accepted', [
      { ok: placed === acceptedAlerts, why: 'positions ≠ alerts' },
    ]),
    row('', 'still open at the end', bot.positions.open, undefined, count, '—'),
  ];
}

/** A row kept for comparison only: its figures stay, its goal and mark go. */
const informational = (cells) => [...cells.slice(0, 5), '—', '—'];

/** The table rows for every scenario. */
export function buildRows(results, derived) {
  const { s3, s4, s5 } = results;
  const burst = (load) => load.latencyMs.max;
  const ok200 = (load) => load.statusCodes['200'] ?? 0;
  const lost = s4.bot.journal.lost + s4.bot.journal.missingOnDisk;
  return [
    ...ackRows('1 ack, 100/s paced, new conn', results.s1, results.fsync.commitMs.p50),
    ...ackRows('1b ack, 100/s paced, keep-alive', results.s1k, results.fsync.commitMs.p50),
    row('', 'fsync: one journal commit p50', results.fsync.commitMs.p50, undefined, ms),
    ...(results.s1c ? plainAckRows('1c ack, sparse 2/s, cold', results.s1c) : []),
    ...plainAckRows('2 ack, 1000/s, keep-alive', results.s2),
    row('3 burst, 1000 at once', 'slowest ack', burst(s3.bot.load), burst(s3.bare.load), ms, '< 1,000 ms', [
      { ok: burst(s3.bot.load) < 1000, why: 'slowest ≥ 1 s' },
    ]),
    row('', 'answered 200 (of 1000)', ok200(s3.bot.load), ok200(s3.bare.load), count),
    row(
      '4 sustained, max rate',
      'accepted/s',
      s4.bot.load.acceptedPerSecond,
      s4.bare.load.acceptedPerSecond,
      perSecond,
      '≥ 2,500/s',
      [{ ok: s4.bot.load.acceptedPerSecond >= 2500, why: '< 2,500/s' }],
    ),
    row('', 'lost (acked, not journaled)', lost, undefined, count, '0', [{ ok: lost === 0, why: 'lost' }]),
    row('5 alert → plugin, 100/s paced', 'p50', s5.bot.pluginLatencyMs.p50, undefined, ms, '≤ 2 ms', [
      atMost(s5.bot.pluginLatencyMs.p50, 2, 'p50 > 2 ms'),
      ...pacedRunChecks(s5.bot.load),
    ]),
    row('', 'p99', s5.bot.pluginLatencyMs.p99, undefined, ms, '≤ 10 ms', [
      atMost(s5.bot.pluginLatencyMs.p99, 10, 'p99 > 10 ms'),
      ...pacedRunChecks(s5.bot.load),
    ]),
    row('6 start-up → 200 /health', '1 plugin', derived.startupMs.bot1, derived.startupMs.bare, ms, '≤ 500 ms', [
      atMost(derived.startupMs.bot1, 500, '> 0.5 s'),
    ]),
    row('', '50 plugins', derived.startupMs.bot50, derived.startupMs.bare, ms, '≤ 1,500 ms', [
      atMost(derived.startupMs.bot50, 1500, '> 1.5 s'),
    ]),
    row('7 memory (RSS)', 'idle, 1 plugin, 0.5 s after start', derived.idleRssMb.bot1, derived.idleRssMb.bare, mb),
    row(
      '',
      `idle, 1 plugin, settled (${IDLE_SETTLE_MS / 1000} s)`,
      derived.idleRssMb.bot1Settled,
      derived.idleRssMb.bareSettled,
      mb,
      '≤ 90 MB',
      [atMost(derived.idleRssMb.bot1Settled, 90, '> 90 MB')],
    ),
    row('', 'after load (4), when it stops', s4.bot.afterLoadMemoryMb.rss, s4.bare.afterLoadMemoryMb.rss, mb),
    row('', 'after load (4), settled', s4.bot.settledMemoryMb?.rss, s4.bare.afterLoadMemoryMb.rss, mb, '≤ 120 MB', [
      atMost(s4.bot.settledMemoryMb?.rss, 120, '> 120 MB'),
    ]),
    row('', 'idle, 50 plugins', derived.idleRssMb.bot50, derived.idleRssMb.bare, mb),
    row('', 'per plugin', derived.perPluginMb, undefined, mb, '≤ 5 MB', [atMost(derived.perPluginMb, 5, '> 5 MB')]),
    ...orderRows(results.s8, '8 alert → paper order, 100/s paced, closing book', results.s8floor?.fillLatencyMs),
    ...orderRows(results.s8b, '8b the same, 100 back to back each second').slice(0, 3).map(informational),
    ...(results.s12 ? oandaRows(results) : []),
    ...(results.s13 ? metaapiRows(results) : []),
  ];
}

function orderNote(bot) {
  const { placed, notOk, codes } = bot.orders;
  const { acceptedAlerts, byState } = bot.positions;
  const refused = notOk === 0 ? '0 refused or failed' : `${notOk} refused or failed (${JSON.stringify(codes)})`;
  const verdict = placedPositions(bot.positions) === acceptedAlerts ? 'verified' : 'MISMATCH';
  return (
    `Alert → paper order (8): ${placed} orders placed ok (warm-up included), ${refused}, ${bot.unanswered} of ` +
    `${bot.sent} measured alerts without an order stamp; ${verdict}: positions in zepix_trading.db ` +
    `(${JSON.stringify(byState)}) for ${acceptedAlerts} alerts accepted in the journal (${bot.answeredAccepted} ` +
    `answered "accepted"). Stamp taken after placeOrder resolved ok; receipt → order recorded inside the plugin ` +
    `p50 ${fmt(bot.orderPathMs.p50, 2, 'ms')}, p99 ${fmt(bot.orderPathMs.p99, 2, 'ms')} (p50 ` +
    `${fmt(bot.orderPathFirstMs.p50, 2, 'ms')} over the first tenth of the run, ` +
    `${fmt(bot.orderPathLastMs.p50, 2, 'ms')} over the last). XAUUSD buys and sells in turn at 2030, each ` +
    `entry closing the other side after its order is stamped, SL −2, TP +4, 0.01 lot, risk limits lifted, ` +
    `$100k paper account.`
  );
}

/** The lines under the table: how the numbers were taken, and the checks behind them. */
export function buildNotes(results, derived) {
  const { s1, s1k, s2, s3, s4, s5, s8 } = results;
  const overflows = (run) => run.tcp?.ListenOverflows ?? 'n/a';
  const j = s4.bot.journal;
  const counts = j.statusAfterLoad;
  const drained = j.drainSeconds === null ? 'not drained within 30 s' : `drained in ${fmt(j.drainSeconds, 1, 's')}`;
  const sockets = (load) => `${load.sockets} socket(s) for ${load.requests} request(s)`;
  return [
    `Load: in its own process, 1 s warm-up (not counted) before each run, ${results.meta.seconds} s per run; ` +
      `latency = request written → response headers, in float ms. "Paced" (1, 1b, 5, 8, 10, 12, 13): one request ` +
      `every 1000/rate ms on a fixed schedule (node:http, up to 32 keep-alive sockets so a slow answer never ` +
      `delays the next send; new connection: Connection: close, no agent); the sender ran late by p99 ` +
      `${fmt(s1k.bot.load.senderLateMs?.p99, 2, 'ms')} (1b, bot). Otherwise autocannon ${results.meta.autocannon}, ` +
      `whose rate limit sends each second's quota back to back, then waits (8b; 2: 10 connections × 100/s; ` +
      `4: ${results.meta.throughputConnections} connections, no limit).`,
    `fsync baseline: 300 single-row commits to a WAL file with synchronous=FULL in the bench's folder, p50 ` +
      `${fmt(results.fsync.commitMs.p50, 3, 'ms')}, p99 ${fmt(results.fsync.commitMs.p99, 3, 'ms')}.`,
    `New connection per request (1): the bare server counted ${s1.bare.serverSaw.connections} TCP connections ` +
      `for ${s1.bare.serverSaw.requests} requests (warm-up included); the client opened ` +
      `${sockets(s1.bot.load)} to the bot and ${sockets(s1.bare.load)} to bare; keep-alive (2): ` +
      `${sockets(s2.bot.load)} to the bot.`,
    `Burst (3): the listen queue overflowed ${overflows(s3.bot)} time(s) during the bot's run and ` +
      `${overflows(s3.bare)} during bare's (machine-wide counter, warm-up included; the bot listens with a 4096 backlog, the bare server with Node's default 511; a dropped SYN is retried after 1 s). Both columns ` +
      `include the load generator's own time to open 1000 connections from one process.`,
    `Journal after 4: ${counts.accepted} accepted, ${counts.duplicates} duplicates, ${counts.rejected} rejected; ` +
      `${j.answeredAccepted} answered "accepted", ${j.journaledAccepted} counted by /api/status ` +
      `(${j.journaledUnanswered} journaled but cut off before their answer), ${j.onDisk.foundOnDisk} of ` +
      `${j.onDisk.answeredAccepted} acked ids found in the file after stop; dispatch queue ${j.dispatchQueueAfterLoad} ` +
      `at the end of the load, ${drained}.`,
    `Alert → plugin (5): ${s5.bot.pluginLatencyMs.count} of ${s5.bot.sent} alerts stamped by the plugin ` +
      `(${s5.bot.missing} missing), max ${fmt(s5.bot.pluginLatencyMs.max, 2, 'ms')}; send stamp taken as ` +
      `the request is written, receipt stamp on entry to processEntrySignal, both performance.timeOrigin + now().`,
    orderNote(s8.bot),
    `8b: scenario 8 with autocannon's rate shape, 100 alerts back to back at the start of each second: in-plugin ` +
      `order time p50 ${fmt(results.s8b.bot.orderPathMs.p50, 2, 'ms')}; each alert also closes the other side, so ` +
      `when the engine's time per alert exceeds their spacing they queue in the plugin's (plugin, symbol) lane.`,
    ...(results.s12 ? [oandaNote(results)] : []),
    ...(results.s13 ? [metaapiNote(results)] : []),
    `Start-up and idle memory are medians of ${derived.samples.bot1} bot runs (1 plugin), ` +
      `${derived.samples.bot50} runs with 50 plugins and ${derived.samples.bare} bare runs; the bot logs at info to a file.`,
    `Idle memory (7) is read twice: 0.5 s after start (every run above) and, the goal's figure, in ` +
      `${derived.samples.settled} starts of bot and bare in turn left alone for ${IDLE_SETTLE_MS / 1000} s, once ` +
      `V8's memory reducer has shrunk each heap's young generation and compacted its old one (it runs about 8 s ` +
      `after start-up; what a running bot holds from then on).`,
    `Memory after load (7): RSS read the moment row 4's load stops (${fmt(s4.bot.afterLoadMemoryMb.rss, 1, 'MB')}, ` +
      `peak ${fmt(s4.bot.afterLoadMemoryMb.peak, 1, 'MB')}: garbage V8 has not collected yet, since it lets the old ` +
      `generation grow to a multiple of what is live before a full collection) and "settled", once the engine has ` +
      `drained and nothing has been sent for ${SETTLE_AFTER_LOAD_MS / 1000} s (each thread's idle collector has run); ` +
      `the goal is checked against the settled figure, what the bot holds once a burst is over.`,
  ];
}
