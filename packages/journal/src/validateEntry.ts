const TEXT_FIELDS = ['receivedAt', 'sender', 'contentType', 'raw'] as const;

/**
 * What is wrong with an entry before it joins a group commit, or undefined. Checked in JavaScript because SQLite
 * reports a NOT NULL failure for the whole transaction, which would fail every other request in the batch.
 */
export function entryProblem(
  entry: Readonly<Record<(typeof TEXT_FIELDS)[number], unknown> & { httpStatus?: unknown }>,
): string | undefined {
  for (const field of TEXT_FIELDS) {
    if (typeof entry[field] !== 'string') return `"${field}" must be a string, got ${typeof entry[field]}`;
  }
  if ('httpStatus' in entry && !Number.isInteger(entry.httpStatus)) return '"httpStatus" must be a whole number';
  return undefined;
}
