import { describe, expect, it } from 'vitest';
import { KeyedQueue } from './KeyedQueue.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('KeyedQueue', () => {
  it('runs tasks of one key in order and of different keys concurrently', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await sleep(ms);
      log.push(`end ${name}`);
      return name;
    };
    const a1 = queue.push('a', task('a1', 30));
    const a2 = queue.push('a', task('a2', 1));
    const b1 = queue.push('b', task('b1', 5));
    expect(queue.size).toBe(3);
    await expect(Promise.all([a1, a2, b1])).resolves.toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.indexOf('end b1')).toBeLessThan(log.indexOf('end a1'));
    await queue.idle();
    expect(queue.size).toBe(0);
  });

  it('lets other work run between the tasks of a backlog', async () => {
    const queue = new KeyedQueue();
    let done = 0;
    for (let i = 0; i < 100; i += 1) void queue.push('a', () => Promise.resolve((done += 1)));
    let doneWhenOtherWorkRan = -1;
    setImmediate(() => (doneWhenOtherWorkRan = done));
    await queue.idle();
    expect(done).toBe(100);
    // -1: the backlog ran to its end before anything else could.
    expect(doneWhenOtherWorkRan).toBeGreaterThanOrEqual(0);
    expect(doneWhenOtherWorkRan).toBeLessThan(5);
  });

  it('keeps going after a task fails', async () => {
    const queue = new KeyedQueue();
    const failed = queue.push('a', () => Promise.reject(new Error('nope')));
    const next = queue.push('a', () => Promise.resolve('ok'));
    await expect(failed).rejects.toThrow('nope');
    await expect(next).resolves.toBe('ok');
  });
});
