import type { Direction } from '@zepix/plugin-core';

/** "1 sell position" / "3 buy positions". */
export function countPositions(count: number, side: Direction): string {
  return `${count} ${side} position${count === 1 ? '' : 's'}`;
}

/** Continues a sentence with another result's message: its tag dropped and its first letter lower-cased. */
export function continueWith(tag: string, message: string): string {
  const text = message.startsWith(`${tag} `) ? message.slice(tag.length + 1) : message;
  return text.charAt(0).toLowerCase() + text.slice(1);
}
