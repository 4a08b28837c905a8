import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from './RateLimiter.js';

afterEach(() => vi.useRealTimers());

describe('RateLimiter', () => {
  it('lets a burst of the budget through, then holds the next request until the bucket refills', async () => {
    vi.useFakeTimers();
    let now = 0;
    const limiter = new RateLimiter(3, () => now);
    await Promise.all([limiter.take(), limiter.take(), limiter.take()]);
    let fourth = false;
    void limiter.take().then(() => (fourth = true));
    await vi.advanceTimersByTimeAsync(100);
    expect(fourth).toBe(false);
    now = 400;
    await vi.advanceTimersByTimeAsync(400);
    expect(fourth).toBe(true);
  });
});
