import { atMost, count, fmt, mb, ms, pacedRunChecks, ratio, row } from './table.mjs';

function positionsRow(label, positions, legs) {
  const want = positions.acceptedAlerts * legs;
  return row('', `${label} (of ${want})`, positions.open, undefined, count, '= legs of alerts accepted', [
    { ok: positions.open === want, why: `${positions.open} open ≠ ${want}` },
  ]);
}

/** Rows 9–11: issue 10's burst with orders, orders at 100/s, and a locked trading database. */
export function engineRows(results) {
  const { s3, s9, s10, s11 } = results;
  const slowest = s9.bot.load.latencyMs.max;
  const withoutOrders = s3.bot.load.latencyMs.max;
  const p = (run, metric) => run.load.latencyMs[metric];
  const locked = s11.bot;
  return [
    row(
      '9 burst, 1000 dual orders',
      'slowest ack (vs 3 without orders)',
      slowest,
      withoutOrders,
      ms,
      '< 1,000 ms, ≤ 1.5×',
      [atMost(slowest, 1000, 'slowest ≥ 1 s'), atMost(ratio(slowest, withoutOrders), 1.5, '> 1.5× without orders')],
    ),
    row('', 'answered 200 (of 1000)', s9.bot.load.statusCodes['200'] ?? 0, undefined, count),
    positionsRow('open positions', s9.bot.positions, 2),
    row('10 orders, 100/s', 'ack p50 (vs bare)', p(s10.bot, 'p50'), p(s10.bare, 'p50'), ms, '≤ 1.5× bare', [
      atMost(ratio(p(s10.bot, 'p50'), p(s10.bare, 'p50')), 1.5, 'p50 > 1.5× bare'),
      ...pacedRunChecks(s10.bot.load),
      ...pacedRunChecks(s10.bare.load),
    ]),
    row('', 'ack p99 (vs bare)', p(s10.bot, 'p99'), p(s10.bare, 'p99'), ms, '≤ 2× bare', [
      atMost(ratio(p(s10.bot, 'p99'), p(s10.bare, 'p99')), 2, 'p99 > 2× bare'),
    ]),
    positionsRow('open positions', s10.bot.positions, 1),
    row(
      '11 trading db locked 10 s',
      'ack p99 (vs unlocked)',
      locked.locked.latencyMs.p99,
      locked.unlocked.latencyMs.p99,
      ms,
      '≤ 2× unlocked',
      [atMost(ratio(locked.locked.latencyMs.p99, locked.unlocked.latencyMs.p99), 2, 'ack p99 > 2×')],
    ),
    row(
      '',
      '/health p99 (vs unlocked)',
      locked.health.locked.latencyMs.p99,
      locked.health.unlocked.latencyMs.p99,
      ms,
      '≤ 2× unlocked',
      [atMost(ratio(locked.health.locked.latencyMs.p99, locked.health.unlocked.latencyMs.p99), 2, '/health p99 > 2×')],
    ),
    positionsRow('open positions after the lock', locked.positions, 1),
    row('', 'memory after 9 (RSS)', s9.bot.afterLoadMemoryMb.rss, undefined, mb, '≤ 120 MB', [
      atMost(s9.bot.afterLoadMemoryMb.rss, 120, '> 120 MB'),
    ]),
  ];
}

/** The notes under the table for rows 9–11. */
export function engineNotes(results) {
  const { s9, s10, s11 } = results;
  const drained = (seconds) =>
    seconds === null ? 'not drained within 120 s' : `drained ${fmt(seconds, 1, 's')} after the load`;
  return [
    `Burst with orders (9): every alert a legacy entry the bench plugin turns into a dual order (legs A and B, 0.01 lot); ` +
      `${s9.bot.answeredAccepted} answered "accepted" (200-alert warm-up included), ${drained(s9.bot.drainSeconds)}; ` +
      `positions ${JSON.stringify(s9.bot.positions.byState)}.`,
    `Orders at 100/s (10): paced, keep-alive, ${s10.bot.load.responses} answers, ${drained(s10.bot.drainSeconds)}.`,
    `Locked database (11): another process held BEGIN EXCLUSIVE on zepix_trading.db for ${fmt(s11.bot.heldMs / 1000, 1, 's')} ` +
      `while 100 order-placing alerts/s arrived; /health answers unlocked ${JSON.stringify(s11.bot.health.unlocked.statuses)}, ` +
      `locked ${JSON.stringify(s11.bot.health.locked.statuses)}; ${drained(s11.bot.drainSeconds)} (the engine retries ` +
      `locked-database failures with backoff); positions ${JSON.stringify(s11.bot.positions.byState)}.`,
  ];
}
