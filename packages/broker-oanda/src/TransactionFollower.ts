import type { Json } from './translate.js';

const REMEMBERED = 5_000;

/**
 * Follows the account's transaction log exactly once: the stream and `transactions/sinceid` feed it in id order
 * (ids at or below the cursor are skipped), and a transaction already handled from a REST answer (our own close)
 * is claimed so it is never reported twice, whichever path sees it first.
 */
export class TransactionFollower {
  #cursor: string;
  readonly #claimed = new Set<string>();

  constructor(
    cursor: string,
    private readonly fetchSince: (id: string) => Promise<readonly Json[]>,
    private readonly handle: (transaction: Json) => Promise<void>,
    private readonly onCursor: (id: string) => void = () => undefined,
  ) {
    this.#cursor = cursor;
  }

  /** The id of the last transaction taken in order. */
  get cursor(): string {
    return this.#cursor;
  }

  /** Claims a transaction for reporting; false when the other path already reported it. */
  claim(id: string): boolean {
    if (this.#claimed.has(id)) return false;
    this.#claimed.add(id);
    if (this.#claimed.size > REMEMBERED) {
      const oldest = this.#claimed.values().next().value;
      if (oldest !== undefined) this.#claimed.delete(oldest);
    }
    return true;
  }

  /** Reads every transaction after the cursor (on start and after each reconnection). */
  async catchUp(): Promise<void> {
    for (const transaction of await this.fetchSince(this.#cursor)) await this.accept(transaction);
  }

  /** Takes one transaction (from the stream or a catch-up) in id order. */
  async accept(transaction: Json): Promise<void> {
    const id = String(transaction.id);
    if (Number(id) <= Number(this.#cursor)) return;
    this.#cursor = id;
    if (this.claim(id)) await this.handle(transaction);
    this.onCursor(id);
  }

  /** A stream heartbeat: when it names a later transaction than the cursor, something was missed. */
  async heartbeat(lastTransactionID: unknown): Promise<void> {
    if (typeof lastTransactionID === 'string' && Number(lastTransactionID) > Number(this.#cursor)) await this.catchUp();
  }
}
