import type { Alert } from '@zepix/plugin-core';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { JournaledFeed } from './JournaledFeed.js';

const alertFor = (id: number) => ({ kind: 'entry', symbol: `S${id % 3}`, id: `a${id}` }) as unknown as Alert;

/** A feed over a journal of `journal` (id → alert) that records what reached the engine, in order. */
function feedWith(limit: number, options: { failReads?: () => boolean } = {}) {
  const journal = new Map<number, Alert>();
  const sent: number[] = [];
  const reads: number[] = [];
  const feed = new JournaledFeed({
    send: (id) => sent.push(id),
    read: (id) => {
      if (options.failReads?.()) throw new Error('SQLITE_BUSY');
      reads.push(id);
      return journal.get(id);
    },
    logger: pino({ level: 'silent' }),
    limit,
  });
  const journaled = (id: number, open = true) => {
    journal.set(id, alertFor(id));
    feed.add(id, alertFor(id), open);
  };
  return { feed, sent, reads, journaled };
}

describe('JournaledFeed', () => {
  it('hands alerts over at once while the engine has room', () => {
    const { feed, sent, reads, journaled } = feedWith(3);
    [1, 2, 3].forEach((id) => journaled(id));
    expect(sent).toEqual([1, 2, 3]);
    expect(reads).toEqual([]);
    expect(feed.inFlight).toBe(3);
  });

  it('past the limit keeps ids only and reads each back from the journal as a slot frees, in journal order', () => {
    const { feed, sent, reads, journaled } = feedWith(2);
    [1, 2, 3, 4, 5].forEach((id) => journaled(id));
    expect(sent).toEqual([1, 2]);
    expect(feed.waiting).toBe(3);
    feed.dispatched(2);
    expect(sent).toEqual([1, 2, 3]);
    feed.dispatched(1);
    journaled(6);
    expect(sent).toEqual([1, 2, 3, 4]);
    [3, 4, 5, 6].forEach((id) => feed.dispatched(id));
    expect(sent).toEqual([1, 2, 3, 4, 5, 6]);
    expect(reads).toEqual([3, 4, 5, 6]);
    expect(feed.waiting).toBe(0);
    expect(feed.inFlight).toBe(0);
  });

  it('an unknown dispatched id (a row the engine recovered itself) frees nothing', () => {
    const { feed, sent, journaled } = feedWith(1);
    journaled(10);
    journaled(11);
    feed.dispatched(3);
    expect(sent).toEqual([10]);
    feed.dispatched(10);
    expect(sent).toEqual([10, 11]);
  });

  it('holds everything while the engine is down, and hands it to the next thread after reset', () => {
    const { feed, sent, journaled } = feedWith(2);
    journaled(1);
    [2, 3, 4].forEach((id) => journaled(id, false));
    expect(sent).toEqual([1]);
    feed.reset();
    feed.pump();
    expect(sent).toEqual([1, 2, 3]);
    expect(feed.waiting).toBe(1);
  });

  it('hands over everything on a drain, regardless of the limit', () => {
    const { feed, sent, journaled } = feedWith(1);
    [1, 2, 3].forEach((id) => journaled(id));
    feed.pump(true);
    expect(sent).toEqual([1, 2, 3]);
  });

  it('a failed journal read leaves the alert waiting and in place for the next try', () => {
    let failing = true;
    const { feed, sent, journaled } = feedWith(1, { failReads: () => failing });
    [1, 2, 3].forEach((id) => journaled(id));
    feed.dispatched(1);
    expect(sent).toEqual([1]);
    expect(feed.waiting).toBe(2);
    // The slot is free, but a newer alert must not overtake the ones waiting.
    journaled(4);
    expect(sent).toEqual([1]);
    failing = false;
    feed.heartbeat(true);
    expect(sent).toEqual([1, 2]);
  });

  it('frees slots counted in flight once the engine has been idle for two heartbeats without a dispatch', () => {
    const { feed, sent, journaled } = feedWith(1);
    [1, 2].forEach((id) => journaled(id));
    feed.heartbeat(false);
    expect(sent).toEqual([1]);
    feed.heartbeat(true);
    feed.heartbeat(false);
    expect(sent).toEqual([1]);
    feed.heartbeat(false);
    expect(sent).toEqual([1, 2]);
  });
});
