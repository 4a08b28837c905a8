import { describe, expect, it } from 'vitest';
import { GroupCommitQueue } from './GroupCommitQueue.js';
import type { BurstOptions } from './GroupCommitQueue.js';

const turn = () => new Promise((resolve) => setImmediate(resolve));
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A queue over a fake transaction that records each batch's size, on a clock the test moves. */
function queue(burst: Partial<BurstOptions> = {}) {
  const clock = { ms: 1000 };
  const batches: number[] = [];
  const q = new GroupCommitQueue(
    (writes) => {
      const before = batches.length;
      batches.push(0);
      writes();
      expect(batches.length).toBe(before + 1);
    },
    (cause) => cause as Error,
    { windowMs: 1, delayMs: 20, maxBatch: 1000, now: () => clock.ms, ...burst },
  );
  const write = () =>
    q.push(() => {
      batches[batches.length - 1]! += 1;
      return batches.length;
    });
  return { q, clock, batches, write };
}

/** Commits one write at clock 1000, so the next write's timing decides whether it is part of a burst. */
async function afterACommit(t: ReturnType<typeof queue>) {
  const first = t.write();
  await turn();
  await first;
  expect(t.batches).toEqual([1]);
}

describe('group commit during a burst', () => {
  it('commits a write after a quiet spell in its own turn', async () => {
    const t = queue();
    await afterACommit(t);
    t.clock.ms = 1001;
    const second = t.write();
    await turn();
    expect(t.batches).toEqual([1, 1]);
    await second;
  });

  it('waits delayMs for more writes when the last commit ended less than windowMs ago', async () => {
    const t = queue();
    await afterACommit(t);
    t.clock.ms = 1000.9;
    const writes = [t.write(), t.write()];
    await turn();
    expect(t.batches).toEqual([1]);
    writes.push(t.write());
    await wait(40);
    expect(t.batches).toEqual([1, 3]);
    await Promise.all(writes);
  });

  it('never waits with delayMs 0', async () => {
    const t = queue({ delayMs: 0 });
    await afterACommit(t);
    const second = t.write();
    await turn();
    expect(t.batches).toEqual([1, 1]);
    await second;
  });

  it('commits a full batch in the next turn instead of waiting out the delay', async () => {
    const t = queue({ maxBatch: 3 });
    await afterACommit(t);
    const writes = [t.write(), t.write()];
    await turn();
    expect(t.batches).toEqual([1]);
    writes.push(t.write());
    await turn();
    expect(t.batches).toEqual([1, 3]);
    await Promise.all(writes);
  });

  it('commits a full batch once, whether or not a commit was already due', async () => {
    const t = queue({ maxBatch: 2 });
    const writes = [t.write(), t.write(), t.write()];
    await turn();
    expect(t.batches).toEqual([3]);
    await Promise.all(writes);
  });

  it('a flush (closing the journal) commits at once and leaves no timer to commit again', async () => {
    const t = queue();
    await afterACommit(t);
    const second = t.write();
    t.q.flush();
    await second;
    expect(t.batches).toEqual([1, 1]);
    await wait(40);
    expect(t.batches).toEqual([1, 1]);
  });
});
