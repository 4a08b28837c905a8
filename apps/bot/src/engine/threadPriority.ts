import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Lowers the calling thread's scheduling priority by `increment` nice steps (`plugin_system.engine_nice`), on
 * Linux only, where each thread has its own nice value and `/proc/thread-self` names it. The engine calls it for
 * itself: when a burst keeps the intake and the engine busy at once on a small machine, the kernel gives the
 * intake (webhook answers, /health) most of the CPU, since TradingView gives up on an answer after 3 s and the
 * alert is then lost, and the burst's orders go out once the answers are done. It applies against every other
 * program on the machine too: on a machine shared with busy programs, set 0. Returns whether it applied.
 */
export function lowerThisThreadPriority(increment: number): boolean {
  if (process.platform !== 'linux' || increment <= 0) return false;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    setPriority(tid, Math.min(19, getPriority(tid) + increment));
    return true;
  } catch {
    // No /proc (a sandbox) or setpriority refused: the engine keeps the bot's priority, as before.
    return false;
  }
}
