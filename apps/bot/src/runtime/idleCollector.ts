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
 * generation from 35 MB used to 16 MB). Once the intake has been quiet for `quietMs` and the heap's resident size
 * has grown by `growthBytes` since the last collection, one full collection returns what it can (a few
 * milliseconds to a few tens, at a moment no webhook is waiting); what stays is the new baseline, so live data
 * never causes a second one.
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
  const check = (): boolean => {
    if (now() - options.lastActivityAt() < quietMs) return false;
    if (heapBytes() - baseline < growthBytes) return false;
    collect ??= fullCollection();
    collect();
    baseline = heapBytes();
    return true;
  };
  const timer = setInterval(check, quietMs);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
