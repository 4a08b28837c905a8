import type { Direction } from './alerts.js';

/** The other side: a buy's opposite is a sell. */
export function opposite(direction: Direction): Direction {
  return direction === 'buy' ? 'sell' : 'buy';
}

/** "1 sell position" / "3 buy positions". */
export function countPositions(count: number, side: Direction): string {
  return `${count} ${side} position${count === 1 ? '' : 's'}`;
}

/** Continues a sentence with another result's message: its tag dropped and its first letter lower-cased. */
export function continueWith(tag: string, message: string): string {
  const text = message.startsWith(`${tag} `) ? message.slice(tag.length + 1) : message;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Half-up rounding that is not fooled by binary floats (0.45625 → 0.4563, where toFixed gives 0.4562). */
export function roundHalfUp(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor * (1 + Number.EPSILON)) / factor;
}
