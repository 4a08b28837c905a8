import { err } from '@zepix/plugin-core';
import type { Alert, CodedError, Err, Result } from '@zepix/plugin-core';
import { formatParseIssues } from './issues.js';
import type { ParseIssue } from './issues.js';

/** Why an alert was refused; stable strings for HTTP bodies, journal rows and metrics. */
export const ParseErrorCode = {
  /** The body is empty or only whitespace. */
  Empty: 'ZEPIX_ALERT_EMPTY',
  /** The body starts like JSON but JSON.parse refuses it. */
  InvalidJson: 'ZEPIX_ALERT_INVALID_JSON',
  /** A TradingView `{{placeholder}}` reached the bot unexpanded. */
  UnfilledPlaceholder: 'ZEPIX_ALERT_UNFILLED_PLACEHOLDER',
  /** The JSON is valid but not one object (an array, null, a number, ...). */
  NotAnObject: 'ZEPIX_ALERT_NOT_AN_OBJECT',
  /** Not legacy JSON, V3 JSON or V6 pipe text: unknown `type`, unknown V6 name, or plain words. */
  UnknownFormat: 'ZEPIX_ALERT_UNKNOWN_FORMAT',
  /** A known V6 message that has no normalised alert kind yet. */
  Unsupported: 'ZEPIX_ALERT_UNSUPPORTED',
  /** The format is known but one or more fields are missing or wrong. */
  Invalid: 'ZEPIX_ALERT_INVALID',
  /** The parser itself failed; the alert should be kept and the bug reported. */
  Internal: 'ZEPIX_ALERT_INTERNAL',
} as const;

/** One of the {@link ParseErrorCode} strings. */
export type ParseErrorCode = (typeof ParseErrorCode)[keyof typeof ParseErrorCode];

/** Options for {@link parseAlert}. */
export interface ParseOptions {
  /** Broker symbol map applied after stripping the exchange prefix, e.g. `{ XAUUSD: 'GOLD' }`. */
  readonly symbolMap?: Readonly<Record<string, string>>;
}

/** Why an alert was refused: the reason code, every issue found (not only the first), and them in one line. */
export interface ParseFailure extends CodedError {
  readonly code: ParseErrorCode;
  readonly issues: ParseIssue[];
}

/** The normalised alert (`value`), or why it was refused (`error`). */
export type ParseResult = Result<Alert, ParseFailure>;

/** Builds a refusal; callers always pass at least one issue. */
export function failure(code: ParseErrorCode, issues: ParseIssue[]): Err<ParseFailure> {
  return err({ code, message: formatParseIssues(issues), issues });
}
