import { describe, expect, it } from 'vitest';
import type { Journal } from '@zepix/journal';
import { countAcceptedSince } from './createOperatorPort.js';

/** A journal of `n` accepted alerts, one a minute from 00:00, listed newest first in pages like the real one. */
function journalOf(n: number): Pick<Journal, 'list'> {
  const rows = Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    receivedAt: new Date(Date.UTC(2026, 10, 30, 0, i)).toISOString(),
  }));
  return {
    list: (options = {}) =>
      rows
        .filter((r) => options.beforeId === undefined || r.id < options.beforeId)
        .reverse()
        .slice(0, Math.min(options.limit ?? 50, 500)) as unknown as ReturnType<Journal['list']>,
  };
}

describe('countAcceptedSince', () => {
  it('counts past the journal page size of 500', () => {
    expect(countAcceptedSince(journalOf(1_234), '2026-11-30T00:00:00.000Z')).toBe(1_234);
  });

  it('stops at the first alert before the day began', () => {
    expect(countAcceptedSince(journalOf(1_234), '2026-11-30T10:00:00.000Z')).toBe(1_234 - 600);
    expect(countAcceptedSince(journalOf(0), '2026-11-30T00:00:00.000Z')).toBe(0);
  });
});
