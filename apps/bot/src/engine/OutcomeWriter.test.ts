import { setImmediate as nextTurn } from 'node:timers/promises';
import { pino } from 'pino';
import { JournalError, JournalErrorCode } from '@zepix/journal';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutcomeWriter } from './OutcomeWriter.js';
import type { OutcomeJournal } from './OutcomeWriter.js';

const outcome = (alertId: number) => ({
  type: 'outcome' as const,
  outcome: { alertId, plugin: 'p1', status: 'ok' as const, message: 'ok', durationMs: 1 },
});

/**
 * Records every write and every batch; `failOn` makes the write for that alert id throw; while `lock.held`, every
 * batch throws as a journal locked by another process does.
 */
function fakeJournal(failOn?: number, lock = { held: false }) {
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
      if (lock.held) throw new JournalError(JournalErrorCode.Locked, 'locked', 'journal.db');
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

  describe('while another process holds the journal', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('keeps the outcomes, tries again later without waiting on the event loop, and writes each once, in order', () => {
      vi.useFakeTimers();
      const lock = { held: true };
      const fake = fakeJournal(undefined, lock);
      const writer = new OutcomeWriter(fake.journal, pino({ level: 'silent' }));
      writer.add(outcome(1));
      writer.flush();
      writer.add({ type: 'dispatched', id: 1 });
      writer.flush();
      expect(fake.writes).toEqual([]);
      expect(writer.waiting).toBe(2);
      vi.advanceTimersByTime(2_000);
      const triesWhileLocked = fake.batches();
      expect(triesWhileLocked).toBeGreaterThan(2);
      expect(triesWhileLocked).toBeLessThan(8);
      lock.held = false;
      writer.add(outcome(2));
      vi.advanceTimersByTime(5_000);
      expect(fake.writes).toEqual(['outcome 1', 'dispatched 1', 'outcome 2']);
      expect(writer.waiting).toBe(0);
      // Back to writing at the end of each turn: no retry timer is left behind.
      expect(vi.getTimerCount()).toBe(0);
    });

    it('at stop, stops trying and leaves what is kept pending (dispatched again at the next start)', () => {
      vi.useFakeTimers();
      const fake = fakeJournal(undefined, { held: true });
      const writer = new OutcomeWriter(fake.journal, pino({ level: 'silent' }));
      writer.add(outcome(1));
      // The end-of-turn write finds the journal locked and sets a retry.
      vi.advanceTimersToNextTimer();
      expect(vi.getTimerCount()).toBe(1);
      writer.stop();
      expect(vi.getTimerCount()).toBe(0);
      expect(writer.waiting).toBe(1);
    });
  });
});
