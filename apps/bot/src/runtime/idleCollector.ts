import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How the collector decides; the defaults suit the intake thread. */
export interface IdleCollectorOptions {
  /** When the last webhook (or other request) arrived, in `now()` milliseconds. */
  readonly lastActivityAt: () => number;
  /** Quiet this long (ms) before collecting: a burst is over, no answer waits behind the collection. */
  readonly quietMs?: number;
  /** Growth of the heap's resident size since the last collection (bytes) that is worth one. */
  readonly growthBytes?: number;
  /** How often to look (ms); defaults to a third of `quietMs`. */
  readonly intervalMs?: number;
  readonly now?: () => number;
  /** The heap's resident size: what a collection can give back to the system. */
  readonly heapBytes?: () => number;
  readonly collect?: () => void;
}

/** V8's full collection, without exposing `gc` to the bot's and plugins' global scope. */
function fullCollection(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * After a burst of webhooks V8 leaves the burst's garbage in the old generation until its next major collection,
 * which a bot that has gone quiet does not reach, and keeps the pages of the ones it ran: after a max-rate load
 * about 20 MB of the main thread's resident memory was garbage or free heap pages (a collection took its old
 * generation from 35 MB used to 16 MB). Once the thread has been quiet for `quietMs` and the heap's resident size
 * has grown by `growthBytes` since the last collection, one full collection returns the garbage (a few
 * milliseconds to a few tens, at a moment no webhook is waiting). The pages it empties are swept concurrently and
 * only handed back to the system by the next collection, so one more follows at the next quiet look (measured:
 * 86 MB of heap pages resident after the first, 38 MB after the second). What stays is the new baseline, so live
 * data never causes another.
 */
export function startIdleCollector(options: IdleCollectorOptions): {
  readonly check: () => boolean;
  readonly stop: () => void;
} {
  const quietMs = options.quietMs ?? 3000;
  const growthBytes = options.growthBytes ?? 8 * 1024 * 1024;
  const now = options.now ?? (() => Date.now());
  const heapBytes = options.heapBytes ?? (() => getHeapStatistics().total_physical_size);
  let collect = options.collect;
  let baseline = heapBytes();
  let followUp = false;
  const check = (): boolean => {
    if (now() - options.lastActivityAt() < quietMs) return false;
    if (!followUp && heapBytes() - baseline < growthBytes) return false;
    collect ??= fullCollection();
    collect();
    followUp = !followUp;
    baseline = heapBytes();
    return true;
  };
  const timer = setInterval(check, options.intervalMs ?? quietMs / 3);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
