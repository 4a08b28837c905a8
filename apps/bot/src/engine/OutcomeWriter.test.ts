import { setImmediate as nextTurn } from 'node:timers/promises';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { OutcomeWriter } from './OutcomeWriter.js';
import type { OutcomeJournal } from './OutcomeWriter.js';

const outcome = (alertId: number) => ({
  type: 'outcome' as const,
  outcome: { alertId, plugin: 'p1', status: 'ok' as const, message: 'ok', durationMs: 1 },
});

/** Records every write and every batch; `failOn` makes the write for that alert id throw. */
function fakeJournal(failOn?: number) {
  const writes: string[] = [];
  let batches = 0;
  const journal: OutcomeJournal = {
    recordOutcome: (o) => {
      if (o.alertId === failOn) throw new Error('disk full');
      writes.push(`outcome ${o.alertId}`);
    },
    markDispatched: (id) => writes.push(`dispatched ${id}`),
    bookkeepingBatch: (run) => {
      batches += 1;
      const before = writes.length;
      try {
        run();
      } catch (error) {
        writes.splice(before);
        throw error;
      }
    },
  };
  return { journal, writes, batches: () => batches };
}

describe('OutcomeWriter', () => {
  it('writes everything that arrived in one event-loop turn as one batch, in order', async () => {
    const fake = fakeJournal();
    const writer = new OutcomeWriter(fake.journal, pino({ level: 'silent' }));
    writer.add(outcome(1));
    writer.add({ type: 'dispatched', id: 1 });
    writer.add(outcome(2));
    expect(fake.writes).toEqual([]);
    await nextTurn();
    expect(fake.writes).toEqual(['outcome 1', 'dispatched 1', 'outcome 2']);
    expect(fake.batches()).toBe(1);
  });

  it('flush() writes at once, so a reply handled next sees every earlier outcome', () => {
    const fake = fakeJournal();
    const writer = new OutcomeWriter(fake.journal, pino({ level: 'silent' }));
    writer.add(outcome(1));
    writer.flush();
    expect(fake.writes).toEqual(['outcome 1']);
  });

  it('when the batch fails, writes the others one by one', async () => {
    const fake = fakeJournal(2);
    const writer = new OutcomeWriter(fake.journal, pino({ level: 'silent' }));
    writer.add(outcome(1));
    writer.add(outcome(2));
    writer.add({ type: 'dispatched', id: 1 });
    await nextTurn();
    expect(fake.writes).toEqual(['outcome 1', 'dispatched 1']);
  });
});
