/** Who may command the controller, and who has already been told no. */
export class AccessGuard {
  readonly #allowed: ReadonlySet<number>;
  readonly #refused = new Set<number>();

  constructor(allowedUsers: readonly number[]) {
    this.#allowed = new Set(allowedUsers);
  }

  /** True for a user listed in `allowed_users` / ZEPIX_TELEGRAM_ALLOWED_USERS. */
  allows(userId: number | undefined): boolean {
    return userId !== undefined && this.#allowed.has(userId);
  }

  /** True only the first time a given stranger is refused in this runtime, so a spammer gets one answer. */
  firstRefusal(userId: number | undefined): boolean {
    const key = userId ?? 0;
    if (this.#refused.has(key)) return false;
    this.#refused.add(key);
    return true;
  }
}

/** The one message a stranger gets; it names their id so the owner can add it while setting the bot up. */
export function refusalText(userId: number | undefined): string {
  return (
    'This bot only takes commands from its owner. ' +
    `Your Telegram user id is ${userId ?? 'unknown'}; the owner can add it to ZEPIX_TELEGRAM_ALLOWED_USERS.`
  );
}
