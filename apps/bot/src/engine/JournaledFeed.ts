import type { Alert } from '@zepix/plugin-core';
import type { Logger } from 'pino';

/**
 * Most journaled alerts handed to the engine thread and not yet dispatched. A bar-close burst of 1,000 fits; past
 * it the journal (the durable queue) holds the rest and they are read back as the engine catches up, so an engine
 * that falls behind a sustained load no longer fills both heaps and the port between them with whole alerts.
 */
export const MAX_IN_FLIGHT = 1000;
/** Ids remembered while the engine is behind or down (8 bytes each); past this the next start dispatches them. */
const MAX_WAITING = 1_000_000;
/** Handed-over ids are dropped from the front of the waiting list in slices, not one shift() each. */
const COMPACT_AFTER = 4096;

/** How the feed reaches the engine and the journal. */
export interface FeedPorts {
  /** Hands one journaled alert to the engine thread. */
  readonly send: (id: number, alert: Alert) => void;
  /** The accepted alert stored under `id` (undefined if there is none); may throw if the journal cannot be read. */
  readonly read: (id: number) => Alert | undefined;
  readonly logger: Logger;
  readonly limit?: number;
}

/**
 * Hands journaled alerts to the engine in journal order with at most `limit` in flight. An alert that finds the
 * engine full, down, or older alerts still waiting is remembered by id only and read back from the journal when a
 * slot frees, so the per-(plugin, symbol) order and every guarantee of the journal stay as they were: the engine
 * sees the same `journaled` messages, only later.
 */
export class JournaledFeed {
  readonly #ports: FeedPorts;
  readonly #limit: number;
  readonly #inFlight = new Set<number>();
  #waiting: number[] = [];
  #head = 0;
  #warnedFull = false;
  /** Heartbeats in a row in which the engine had nothing queued and dispatched nothing. */
  #idleBeats = 0;

  constructor(ports: FeedPorts) {
    this.#ports = ports;
    this.#limit = ports.limit ?? MAX_IN_FLIGHT;
  }

  /** A newly journaled alert; `open` is false while there is no engine thread to hand it to. */
  add(id: number, alert: Alert, open: boolean): void {
    if (open && this.waiting === 0 && this.#inFlight.size < this.#limit) return this.#send(id, alert);
    if (this.#waiting.length - this.#head >= MAX_WAITING) {
      if (!this.#warnedFull) {
        this.#ports.logger.error(
          { journalId: id },
          'the engine is far behind: further alerts stay pending in the journal until the next start',
        );
      }
      this.#warnedFull = true;
      return;
    }
    this.#waiting.push(id);
  }

  /** The engine finished an alert: its slot goes to the oldest waiting one. */
  dispatched(id: number): void {
    this.#idleBeats = 0;
    if (this.#inFlight.delete(id)) this.pump();
  }

  /**
   * The engine's heartbeat: whether it had plugin calls queued or retrying. Two idle beats in a row without a
   * dispatch between mean what is still counted in flight never will be dispatched by this thread (a dispatch
   * that failed outright is left pending for the next start): those slots are freed. Being wrong here could only
   * let more than `limit` through for a moment, never change the order.
   */
  heartbeat(busy: boolean): void {
    this.#idleBeats = busy ? 0 : this.#idleBeats + 1;
    if (this.#idleBeats >= 2 && this.#inFlight.size > 0) this.#inFlight.clear();
    this.pump();
  }

  /** A new engine thread takes every pending row itself at start: nothing is in flight to it. */
  reset(): void {
    this.#inFlight.clear();
  }

  /**
   * Hands waiting alerts over, oldest first, while there is room (`all`: regardless of room, for the drain at
   * shutdown). A journal read that fails leaves the rest waiting for the next call.
   */
  pump(all = false): void {
    while (this.#head < this.#waiting.length && (all || this.#inFlight.size < this.#limit)) {
      const id = this.#waiting[this.#head] as number;
      let alert: Alert | undefined;
      try {
        alert = this.#ports.read(id);
      } catch (error) {
        this.#ports.logger.warn({ err: error, journalId: id }, 'could not read a waiting alert back; trying again');
        break;
      }
      this.#head += 1;
      if (alert === undefined) this.#ports.logger.error({ journalId: id }, 'a waiting alert is not in the journal');
      else this.#send(id, alert);
    }
    this.#compact();
  }

  /** Alerts journaled and not yet handed to the engine. */
  get waiting(): number {
    return this.#waiting.length - this.#head;
  }

  /** Alerts handed to the engine and not yet dispatched. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  #send(id: number, alert: Alert): void {
    this.#inFlight.add(id);
    this.#ports.send(id, alert);
  }

  #compact(): void {
    if (this.#head === this.#waiting.length) {
      this.#waiting = [];
      this.#head = 0;
      this.#warnedFull = false;
    } else if (this.#head >= COMPACT_AFTER) {
      this.#waiting = this.#waiting.slice(this.#head);
      this.#head = 0;
    }
  }
}
