/** A webhook body split into the secret it carried and what is safe to store and parse. */
export interface DecodedBody {
  /** The secret found in the body, if any. */
  readonly secret: string | undefined;
  /** What to parse: the JSON value without `secret`, or the text as received. */
  readonly payload: unknown;
  /** What to journal: the body with the secret removed or masked. */
  readonly storable: string;
}

const SECRET_FIELD = /"secret"\s*:\s*"((?:[^"\\]|\\.)*)"\s*,?/;

/**
 * Pulls the `secret` field out of a body. JSON bodies are decoded once here (the parser gets the value); bodies
 * that only look like JSON still give up their secret through a pattern, so a sender with a typo in the message
 * gets the parse error, not a 401, and the secret never reaches the journal.
 */
export function extractSecret(text: string): DecodedBody {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(trimmed);
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const { secret, ...rest } = value as Record<string, unknown>;
        const storable = 'secret' in value ? JSON.stringify(rest) : text;
        return { secret: typeof secret === 'string' ? secret : undefined, payload: rest, storable };
      }
    } catch {
      const match = SECRET_FIELD.exec(text);
      const storable = match ? text.replace(SECRET_FIELD, '') : text;
      return { secret: match?.[1], payload: storable, storable };
    }
  }
  return { secret: undefined, payload: text, storable: text };
}
