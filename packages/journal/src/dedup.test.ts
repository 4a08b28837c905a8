import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from './index.js';
import { accepted, tempDir } from './testSupport.js';

let tmp: ReturnType<typeof tempDir>;
let journal: Journal;

beforeEach(() => {
  tmp = tempDir();
  journal = Journal.open({ path: tmp.dbPath });
});

afterEach(async () => {
  await journal.close();
  tmp.remove();
});

const FIRST_AT = '2026-01-05T10:00:00.000Z';

describe('deduplication', () => {
  it('answers a resend in a later batch with the first id and counts the repeat', async () => {
    const first = await journal.appendAccepted(accepted('dup', { receivedAt: FIRST_AT }));
    const again = await journal.appendAccepted(accepted('dup', { receivedAt: '2026-01-05T10:00:03.000Z' }));
    const third = await journal.appendAccepted(accepted('dup', { receivedAt: '2026-01-05T10:00:06.000Z' }));
    expect(again).toEqual({ id: first.id, duplicate: true, firstReceivedAt: FIRST_AT });
    expect(third).toEqual({ id: first.id, duplicate: true, firstReceivedAt: FIRST_AT });
    expect(journal.get(first.id)).toMatchObject({ repeatCount: 2, lastRepeatAt: '2026-01-05T10:00:06.000Z' });
    expect(journal.counts()).toMatchObject({ total: 1, accepted: 1, duplicates: 2, pendingDispatch: 1 });
  });

  it('recognises two identical entries in the same batch', async () => {
    const [one, two] = await Promise.all([
      journal.appendAccepted(accepted('same')),
      journal.appendAccepted(accepted('same')),
    ]);
    expect(journal.stats().commits).toBe(1);
    expect(one).toEqual({ id: 1, duplicate: false });
    expect(two).toEqual({ id: 1, duplicate: true, firstReceivedAt: FIRST_AT });
    expect(journal.get(1)!.repeatCount).toBe(1);
  });

  it('stores a key older than the window as a new alert and dedups against the new one', async () => {
    const old = await journal.appendAccepted(accepted('k', { receivedAt: FIRST_AT, dedupWindowMs: 60_000 }));
    const later = '2026-01-05T10:01:00.000Z';
    const fresh = await journal.appendAccepted(accepted('k', { receivedAt: later, dedupWindowMs: 60_000 }));
    expect(fresh).toEqual({ id: old.id + 1, duplicate: false });
    const repeat = await journal.appendAccepted(accepted('k', { receivedAt: '2026-01-05T10:01:10.000Z' }));
    expect(repeat).toEqual({ id: fresh.id, duplicate: true, firstReceivedAt: later });
    expect(journal.get(old.id)).toMatchObject({ idempotencyKey: 'k', repeatCount: 0 });
    expect(journal.get(fresh.id)).toMatchObject({ idempotencyKey: 'k', repeatCount: 1, dispatchState: 'pending' });
    expect(journal.counts()).toMatchObject({ accepted: 2, duplicates: 1 });
  });

  it('keeps different keys apart', async () => {
    const results = await Promise.all([journal.appendAccepted(accepted('x')), journal.appendAccepted(accepted('y'))]);
    expect(results.map((r) => r.duplicate)).toEqual([false, false]);
  });

  it('treats a zero window as no dedup', async () => {
    await journal.appendAccepted(accepted('z', { dedupWindowMs: 0 }));
    const second = await journal.appendAccepted(accepted('z', { dedupWindowMs: 0 }));
    expect(second.duplicate).toBe(false);
  });

  it('dedups across a restart', async () => {
    const first = await journal.appendAccepted(accepted('r'));
    await journal.close();
    journal = Journal.open({ path: tmp.dbPath });
    await expect(journal.appendAccepted(accepted('r'))).resolves.toMatchObject({ id: first.id, duplicate: true });
  });
});
