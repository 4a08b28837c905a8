import type { OutboxPort, OutboxRowLike } from '../ports.js';

/** A stored outbox row with its sent mark. */
export interface MemoryOutboxRow extends OutboxRowLike {
  readonly payload: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  sentAt: string | null;
}

/** An in-memory OutboxPort with the same contract as the trading outbox: oldest unsent first, marks idempotent. */
export class MemoryOutbox implements OutboxPort {
  readonly rows: MemoryOutboxRow[] = [];
  /** How often `pending` was called: shows the trading side was never blocked. */
  pendingCalls = 0;
  #nextId = 1;

  /** Adds a message the way the trading engine would; returns its id. */
  add(message: { plugin?: string; kind: string; text: string; payload?: Record<string, unknown> }): number {
    const id = this.#nextId++;
    this.rows.push({
      id,
      plugin: message.plugin ?? 'combined-v3',
      kind: message.kind,
      text: message.text,
      payload: message.payload ?? {},
      createdAt: new Date().toISOString(),
      sentAt: null,
    });
    return id;
  }

  pending(limit = 100): MemoryOutboxRow[] {
    this.pendingCalls += 1;
    return this.rows.filter((row) => row.sentAt === null).slice(0, Math.max(1, Math.floor(limit)));
  }

  markSent(ids: readonly number[]): void {
    const at = new Date().toISOString();
    for (const row of this.rows) if (ids.includes(row.id) && row.sentAt === null) row.sentAt = at;
  }

  /** Ids not yet marked sent. */
  unsentIds(): number[] {
    return this.rows.filter((row) => row.sentAt === null).map((row) => row.id);
  }
}
