/** Stable codes for every error the Telegram layer raises; match on these, never on messages. */
export const TelegramErrorCode = {
  ConfigInvalid: 'ZEPIX_TELEGRAM_CONFIG_INVALID',
  TokenRejected: 'ZEPIX_TELEGRAM_TOKEN_REJECTED',
  AuditFailed: 'ZEPIX_TELEGRAM_AUDIT_FAILED',
  Unreachable: 'ZEPIX_TELEGRAM_UNREACHABLE',
  Rejected: 'ZEPIX_TELEGRAM_REJECTED',
  Stopped: 'ZEPIX_TELEGRAM_STOPPED',
  PollingFailed: 'ZEPIX_TELEGRAM_POLLING_FAILED',
  OperatorFailed: 'ZEPIX_TELEGRAM_OPERATOR_FAILED',
} as const;

/** One of the `ZEPIX_TELEGRAM_*` codes. */
export type TelegramErrorCode = (typeof TelegramErrorCode)[keyof typeof TelegramErrorCode];

/** A Telegram-layer failure: a stable `code` and a message that says what to do about it. */
export class TelegramError extends Error {
  readonly code: TelegramErrorCode;

  constructor(code: TelegramErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'TelegramError';
    this.code = code;
  }
}
