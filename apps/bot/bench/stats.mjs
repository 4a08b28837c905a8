/**
 * Nearest-rank percentiles of raw samples in milliseconds. Kept as floats: autocannon's own histogram works in
 * whole milliseconds, too coarse for goals of 1.5 ms.
 */
export function summarize(samples) {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  if (n === 0) return { count: 0, p50: null, p90: null, p99: null, max: null, mean: null };
  const rank = (p) => sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))];
  let sum = 0;
  for (const value of sorted) sum += value;
  return { count: n, p50: rank(50), p90: rank(90), p99: rank(99), max: sorted[n - 1], mean: sum / n };
}

/** The middle value of a few repeated measurements. */
export function median(values) {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
