/** Columns whose cells line up on the right (numbers); the rest line up on the left. */
const RIGHT = new Set(['bot', 'bare node:http', 'bot/bare']);

/** Renders rows of strings as a plain-text table with aligned columns and a rule under the header. */
export function formatTable(columns, rows) {
  const widths = columns.map((name, i) => Math.max(name.length, ...rows.map((row) => String(row[i] ?? '').length)));
  const line = (cells) =>
    cells
      .map((cell, i) => {
        const text = String(cell ?? '');
        return RIGHT.has(columns[i]) ? text.padStart(widths[i]) : text.padEnd(widths[i]);
      })
      .join('  ')
      .trimEnd();
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A number with a fixed count of decimals and a unit, or "n/a" when there is nothing to show. */
export function fmt(value, decimals, unit = '') {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a';
  const text = value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return unit ? `${text} ${unit}` : text;
}

export const ms = (value) => fmt(value, 2, 'ms');
export const perSecond = (value) => fmt(value, 0, '/s');
export const mb = (value) => fmt(value, 1, 'MB');
export const count = (value) => fmt(value, 0);

/** a / b, or null when either is missing. */
export function ratio(a, b) {
  return typeof a === 'number' && typeof b === 'number' && b > 0 ? a / b : null;
}

/** A goal check: passes when `value` ≤ `limit`; `why` names the miss; "no data" when either is missing. */
export function atMost(value, limit, why) {
  const known = typeof value === 'number' && Number.isFinite(limit);
  return { ok: known ? value <= limit : null, why };
}

/**
 * The checks every paced run needs before its latencies mean anything: every request answered 200 (an error or a
 * timeout has no latency, so a run that drops requests would look faster), and the sender on schedule.
 */
export function pacedRunChecks(load) {
  const answered = (load?.statusCodes?.['200'] ?? 0) === load?.requests && (load?.errors ?? 0) === 0;
  const late = load?.senderLateMs?.p99;
  return [
    { ok: load ? answered : null, why: 'not every request answered 200' },
    { ok: typeof late === 'number' ? (late <= SENDER_LATE_LIMIT_MS ? true : null) : true, why: 'sender late' },
  ];
}

/** A paced sender further behind its schedule than this (p99) measured itself, not the server: no data. */
const SENDER_LATE_LIMIT_MS = 2;

/** "pass", "MISS (why, …)", "—" when no goal applies, or "no data" when a number is missing. */
function mark(checks) {
  if (checks.length === 0) return '—';
  const unknown = checks.filter((check) => check.ok === null).map((check) => check.why);
  if (unknown.length > 0) return `no data (${[...new Set(unknown)].join('; ')})`;
  const missed = checks.filter((check) => !check.ok).map((check) => check.why);
  return missed.length === 0 ? 'pass' : `MISS (${missed.join('; ')})`;
}

/** One table row: the bot's figure, what it is compared with (and how many times it is), the goal and its mark. */
export function row(scenario, metric, bot, against, format, goal = '—', checks = []) {
  const r = format === count ? null : ratio(bot, against);
  return [
    scenario,
    metric,
    format(bot),
    against === undefined ? 'n/a' : format(against),
    fmt(r, 2, '×'),
    goal,
    mark(checks),
  ];
}
