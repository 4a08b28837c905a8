import { createHash, timingSafeEqual } from 'node:crypto';

// Stryker disable next-line StringLiteral: Node hashes a string as UTF-8 when no encoding is named
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Compares two secrets in constant time; hashing first means the length of the guess leaks nothing either. */
export function constantTimeEqual(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  return timingSafeEqual(digest(given), digest(expected));
}
