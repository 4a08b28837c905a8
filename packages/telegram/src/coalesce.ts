/** Telegram's limit for one message's text, in UTF-16 code units after entity parsing. */
export const MAX_MESSAGE_CHARS = 4096;

/** The part of a queued message that decides how it may be merged. */
export interface Mergeable {
  readonly text: string;
  readonly coalescible: boolean;
}

/** How many queued messages the next send covers, and its text. */
export interface Batch {
  readonly count: number;
  readonly text: string;
}

/** Cuts a text to Telegram's limit; an empty text would be refused outright. */
export function fitText(text: string, max = MAX_MESSAGE_CHARS): string {
  if (text.trim() === '') return '(empty message)';
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}

/**
 * The next send for a chat queue. While the queue is no longer than `coalesceAfter` the head goes alone; when it
 * is longer (the chat is behind), the head and the coalescible messages right after it are merged, separated by
 * blank lines, as long as the result stays within Telegram's limit.
 */
export function takeBatch(items: readonly Mergeable[], coalesceAfter: number, max = MAX_MESSAGE_CHARS): Batch {
  const head = items[0];
  if (!head) return { count: 0, text: '' };
  let text = fitText(head.text, max);
  if (!head.coalescible || items.length <= coalesceAfter) return { count: 1, text };
  let count = 1;
  for (const next of items.slice(1)) {
    if (!next.coalescible) break;
    const merged = `${text}\n\n${fitText(next.text, max)}`;
    if (merged.length > max) break;
    text = merged;
    count += 1;
  }
  return { count, text };
}
