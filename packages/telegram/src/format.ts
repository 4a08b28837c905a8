/** `$12.30`, `-$4.00`. */
export function money(value: number): string {
  const sign = value < 0 ? '-' : '';
  return `${sign}$${Math.abs(value).toFixed(2)}`;
}

/** `+$12.30` for results where the sign matters at a glance. */
export function signedMoney(value: number): string {
  return value > 0 ? `+${money(value)}` : money(value);
}

/** A ratio 0..1 as `62%`. */
export function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

/** `3d 4h`, `2h 05m`, `7m 12s`. */
export function duration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  return `${m}m ${String(s).padStart(2, '0')}s`;
}

/** Minutes as a chart timeframe: 5 → `5m`, 60 → `1h`, 1440 → `1d`. */
export function timeframe(minutes: number): string {
  if (minutes >= 1440 && minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes >= 60 && minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/** A trend value as a word a trader reads at a glance. */
export function trendWord(trend: -1 | 0 | 1): string {
  return trend === 1 ? 'BULL' : trend === -1 ? 'BEAR' : 'flat';
}

/** A number without float noise: 2650.1, 0.05. */
export function num(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '-';
  return String(Math.round(value * 1e6) / 1e6);
}

/** Left-aligned columns padded to the widest cell, for a `<pre>` block. */
export function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

/** At most `max` rows, plus a line saying how many were left out. */
export function capRows<T>(rows: readonly T[], max: number): { shown: readonly T[]; more: string | null } {
  if (rows.length <= max) return { shown: rows, more: null };
  return { shown: rows.slice(0, max), more: `… and ${rows.length - max} more` };
}

/** One line, at most `max` characters: for reasons coming from the host. */
export function sentence(text: string, max = 200): string {
  const line = text.split('\n')[0]?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Adds a full stop unless the text already ends a sentence. */
export function endSentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}
