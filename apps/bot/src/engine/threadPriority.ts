import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** How much lower than the intake the engine thread runs, as a nice increment. */
export const ENGINE_NICE_INCREMENT = 10;

/**
 * Lowers the calling thread's scheduling priority by `increment` nice steps, on Linux only, where each thread has
 * its own nice value and `/proc/thread-self` names it. The engine calls it for itself: when a burst keeps the
 * intake and the engine busy at once on a small machine, the kernel gives the intake (webhook answers, /health)
 * most of the CPU and the engine catches up once the burst has passed; TradingView gives up on an answer after
 * 3 s, an order a few hundred ms later loses nothing. With a core to spare it changes nothing. Returns whether it
 * applied.
 */
export function lowerThisThreadPriority(increment: number = ENGINE_NICE_INCREMENT): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    setPriority(tid, Math.min(19, getPriority(tid) + increment));
    return true;
  } catch {
    // No /proc (a sandbox) or setpriority refused: the engine keeps the bot's priority, as before.
    return false;
  }
}
