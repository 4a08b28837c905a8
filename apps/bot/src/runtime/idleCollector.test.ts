import { afterEach, describe, expect, it } from 'vitest';
import { startIdleCollector } from './idleCollector.js';

const MB = 1024 * 1024;

describe('startIdleCollector', () => {
  const stops: (() => void)[] = [];
  afterEach(() => stops.splice(0).forEach((stop) => stop()));

  function collector(state: { now: number; lastActivity: number; used: number; collections: number }) {
    const started = startIdleCollector({
      lastActivityAt: () => state.lastActivity,
      now: () => state.now,
      heapBytes: () => state.used,
      collect: () => {
        state.collections += 1;
        state.used = 20 * MB;
      },
      quietMs: 3000,
      growthBytes: 8 * MB,
    });
    stops.push(started.stop);
    return started;
  }

  it('collects once the intake has been quiet and the heap has grown, once more to hand back the pages, then waits for the next growth', () => {
    const state = { now: 10_000, lastActivity: 9_000, used: 20 * MB, collections: 0 };
    const { check } = collector(state);
    state.used = 40 * MB;
    expect(check()).toBe(false);
    state.now = 12_000;
    expect(check()).toBe(true);
    expect(state.collections).toBe(1);
    expect(check()).toBe(true);
    expect(state.collections).toBe(2);
    expect(check()).toBe(false);
    state.used = 27 * MB;
    expect(check()).toBe(false);
    state.used = 29 * MB;
    expect(check()).toBe(true);
    expect(state.collections).toBe(3);
  });

  it('waits for quiet again before the second collection', () => {
    const state = { now: 10_000, lastActivity: 5_000, used: 40 * MB, collections: 0 };
    const { check } = collector(state);
    state.used = 50 * MB;
    expect(check()).toBe(true);
    state.lastActivity = state.now;
    expect(check()).toBe(false);
    state.now += 3000;
    expect(check()).toBe(true);
    expect(state.collections).toBe(2);
  });

  it('never collects while webhooks keep arriving', () => {
    const state = { now: 10_000, lastActivity: 10_000, used: 20 * MB, collections: 0 };
    const { check } = collector(state);
    for (let i = 0; i < 10; i += 1) {
      state.now += 1000;
      state.lastActivity = state.now - 500;
      state.used += 10 * MB;
      expect(check()).toBe(false);
    }
    expect(state.collections).toBe(0);
  });

  it('collects for real: V8 gives back the garbage without exposing gc to the global scope', () => {
    const garbage = () => Array.from({ length: 200_000 }, (_, i) => ({ i, text: `x${i}` })).length;
    expect(garbage()).toBe(200_000);
    const { check, stop } = startIdleCollector({ lastActivityAt: () => 0, growthBytes: 0 });
    stops.push(stop);
    expect(check()).toBe(true);
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });
});
