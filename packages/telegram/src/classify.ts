import { GrammyError, HttpError } from 'grammy';
import { TelegramError, TelegramErrorCode } from './errors.js';

/** What a failed Bot API call means for the message that was being sent. */
export type SendFailure =
  | { readonly kind: 'rate_limited'; readonly retryAfterMs: number }
  | { readonly kind: 'unreachable'; readonly detail: string }
  | { readonly kind: 'rejected'; readonly detail: string }
  | { readonly kind: 'stopped' };

/**
 * 429 → wait `retry_after`; network errors, 5xx and 401 → Telegram is unreachable, keep the message and back off;
 * any other 4xx → Telegram refused this message for good (bad chat id, bot blocked, malformed text).
 */
export function classifyFailure(error: unknown): SendFailure {
  if (error instanceof TelegramError && error.code === TelegramErrorCode.Stopped) return { kind: 'stopped' };
  if (error instanceof GrammyError) {
    if (error.error_code === 429) {
      return { kind: 'rate_limited', retryAfterMs: Math.max(1, error.parameters.retry_after ?? 1) * 1000 };
    }
    if (error.error_code >= 500 || error.error_code === 401) {
      return { kind: 'unreachable', detail: `${error.error_code} ${error.description}` };
    }
    return { kind: 'rejected', detail: `${error.error_code} ${error.description}` };
  }
  if (error instanceof HttpError) return { kind: 'unreachable', detail: error.message };
  if (isAbort(error)) return { kind: 'stopped' };
  return { kind: 'unreachable', detail: error instanceof Error ? error.message : String(error) };
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.message.includes('aborted'));
}
