/** Resolves on the event loop's next turn. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs tasks one after another per key and concurrently across keys. Each task starts on a new turn of the event
 * loop: a backlog of tasks that finish without real I/O (the paper broker, SQLite) would otherwise run as one
 * chain of microtasks and starve timers and messages (heartbeats, operator commands) until it is gone.
 */
export class KeyedQueue {
  readonly #tails = new Map<string, Promise<void>>();
  #running = 0;
  #idleWaiters: (() => void)[] = [];

  /** Queues `task` behind earlier tasks with the same key; resolves with its result. */
  push<T>(key: string, task: () => Promise<T>): Promise<T> {
    this.#running += 1;
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(nextTurn).then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
      this.#running -= 1;
      if (this.#running === 0) for (const wake of this.#idleWaiters.splice(0)) wake();
    });
    return result;
  }

  /** Tasks queued or running. */
  get size(): number {
    return this.#running;
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    return this.#running === 0 ? Promise.resolve() : new Promise((resolve) => this.#idleWaiters.push(resolve));
  }
}
