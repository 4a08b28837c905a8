import { BotError, BotErrorCode } from '../errors.js';
import type { TimeRange } from '../replay/records.js';

/** `--from`/`--to` as ISO times; a bad value is a usage error saying what was given. */
export function timeRange(values: { readonly from?: string; readonly to?: string }): TimeRange {
  const parse = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const at = Date.parse(value);
    if (Number.isNaN(at)) {
      throw new BotError(BotErrorCode.Usage, `--${name} "${value}" is not a time`, {
        hint: `use an ISO date or time, e.g. --${name} 2026-11-02 or --${name} 2026-11-02T14:30:00Z`,
      });
    }
    return new Date(at).toISOString();
  };
  const from = parse('from', values.from);
  const to = parse('to', values.to);
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}
