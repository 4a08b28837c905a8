/** Thrown by `withTimeout` when the work did not settle in time. */
export class TimeoutElapsed extends Error {
  constructor(readonly ms: number) {
    super(`did not finish within ${ms} ms`);
  }
}

/** Races `work` against a timer; the timer never keeps the process alive. */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutElapsed(ms)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
