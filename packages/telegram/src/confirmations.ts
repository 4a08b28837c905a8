import { randomBytes } from 'node:crypto';
import type { ChatId } from './settings.js';

/** A destructive action waiting for its Confirm button. */
export interface PendingConfirmation {
  readonly nonce: string;
  readonly action: string;
  readonly chatId: ChatId;
  messageId: number | null;
}

/** What to do when a confirmation runs out: edit its message to say so. */
export type ExpireHandler = (confirmation: PendingConfirmation) => void;

/**
 * Confirmations for destructive commands. Each has a random nonce carried in the button's callback data, so a
 * button from an old message, another runtime or a forged callback matches nothing. Expiry is a timer; after it,
 * the nonce is gone and pressing Confirm does nothing.
 */
export class Confirmations {
  readonly #timeoutMs: number;
  readonly #onExpire: ExpireHandler;
  readonly #pending = new Map<string, { confirmation: PendingConfirmation; timer: NodeJS.Timeout }>();
  readonly #expiredUnsent = new Map<string, PendingConfirmation>();

  constructor(timeoutMs: number, onExpire: ExpireHandler) {
    this.#timeoutMs = timeoutMs;
    this.#onExpire = onExpire;
  }

  /** Starts a confirmation; the clock runs from now. */
  create(action: string, chatId: ChatId): PendingConfirmation {
    const confirmation: PendingConfirmation = {
      nonce: randomBytes(6).toString('hex'),
      action,
      chatId,
      messageId: null,
    };
    const timer = setTimeout(() => this.#expire(confirmation.nonce), this.#timeoutMs);
    timer.unref();
    this.#pending.set(confirmation.nonce, { confirmation, timer });
    return confirmation;
  }

  /** Records the message that carries the buttons, so expiry can edit it. */
  attach(nonce: string, messageId: number): void {
    const live = this.#pending.get(nonce);
    if (live) {
      live.confirmation.messageId = messageId;
      return;
    }
    // It ran out before Telegram even accepted the message (a slow or rate-limited chat): edit it now.
    const expired = this.#expiredUnsent.get(nonce);
    if (expired) {
      this.#expiredUnsent.delete(nonce);
      this.#onExpire({ ...expired, messageId });
    }
  }

  /** Claims a live confirmation (a button press); undefined when unknown, already used or expired. */
  take(nonce: string): PendingConfirmation | undefined {
    const live = this.#pending.get(nonce);
    if (!live) return undefined;
    clearTimeout(live.timer);
    this.#pending.delete(nonce);
    return live.confirmation;
  }

  /** Drops every pending confirmation without editing anything (shutdown). */
  clear(): void {
    for (const { timer } of this.#pending.values()) clearTimeout(timer);
    this.#pending.clear();
    this.#expiredUnsent.clear();
  }

  #expire(nonce: string): void {
    const live = this.#pending.get(nonce);
    if (!live) return;
    this.#pending.delete(nonce);
    if (live.confirmation.messageId === null) this.#expiredUnsent.set(nonce, live.confirmation);
    else this.#onExpire(live.confirmation);
  }
}
