/** Stable codes of the errors create-zepix raises. */
export const CreateErrorCode = {
  Usage: 'ZEPIX_USAGE',
  TargetNotEmpty: 'ZEPIX_CREATE_TARGET_NOT_EMPTY',
  InstallFailed: 'ZEPIX_CREATE_INSTALL_FAILED',
} as const;

/** One of create-zepix's error codes. */
export type CreateErrorCode = (typeof CreateErrorCode)[keyof typeof CreateErrorCode];

/** An error the user can fix: a code, what went wrong, and what to do (same shape as the bot's BotError). */
export class CreateZepixError extends Error {
  readonly code: CreateErrorCode;
  readonly hint: string;

  constructor(code: CreateErrorCode, message: string, hint: string) {
    super(`${message}\nFix: ${hint}`);
    this.name = 'CreateZepixError';
    this.code = code;
    this.hint = hint;
  }
}
