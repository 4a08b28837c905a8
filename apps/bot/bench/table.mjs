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
