/**
 * A failure that code can match on: a stable `ZEPIX_…` code, a message saying what failed and where, and
 * optionally what to do about it. Error shapes may add fields (the issues found, the stage that failed).
 */
export interface CodedError {
  readonly code: `ZEPIX_${string}`;
  readonly message: string;
  readonly hint?: string;
}

/** A success carrying its value. */
export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
}

/** A failure carrying a coded error. */
export interface Err<E extends CodedError = CodedError> {
  readonly ok: false;
  readonly error: E;
}

/** The outcome of anything that can fail for an expected reason: narrow on `ok`, then read `value` or `error`. */
export type Result<T, E extends CodedError = CodedError> = Ok<T> | Err<E>;

/** A success. `ok()` with no value is a success with nothing to return. */
export function ok(): Ok<undefined>;
export function ok<T>(value: T): Ok<T>;
export function ok<T>(value?: T): Ok<T | undefined> {
  return { ok: true, value };
}

/** A failure with the given coded error. */
export function err<E extends CodedError>(error: E): Err<E> {
  return { ok: false, error };
}
