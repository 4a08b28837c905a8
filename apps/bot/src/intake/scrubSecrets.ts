/** What replaces the configured secret's value wherever it appears in a stored body. */
export const SECRET_MARKER = '[secret]';
/** What replaces the value of any `secret`-like key (any case, any depth) in a stored body. */
export const REDACTED_MARKER = '[redacted]';

const SECRET_KEY = /secret/i;
// A "…secret…" key in text that is not valid JSON, and its value: a string (possibly cut off) or a bare token.
const SECRET_KEY_IN_TEXT = /("(?:[^"\\]|\\.)*secret(?:[^"\\]|\\.)*"\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,}\]\s]*)/gi;

/** Replaces every occurrence of the secret, as written and as JSON escapes it, with the marker. */
export function maskSecretValue(text: string, secret: string): string {
  if (secret === '') return text;
  const escaped = JSON.stringify(secret).slice(1, -1);
  const masked = text.split(secret).join(SECRET_MARKER);
  // Stryker disable next-line ConditionalExpression: when the escaped form is the secret itself, splitting again changes nothing
  return escaped === secret ? masked : masked.split(escaped).join(SECRET_MARKER);
}

/** Masks the values of secret-like keys in text that could not be parsed as JSON. */
export function maskSecretKeysInText(text: string): string {
  return text.replace(SECRET_KEY_IN_TEXT, (_m, key: string) => `${key}"${REDACTED_MARKER}"`);
}

/**
 * Masks, in place and without recursion, the values of secret-like keys and every string holding the secret,
 * at any depth of a parsed JSON value (own keys only, `__proto__` included). Returns whether anything changed.
 */
export function maskSecretsInValue(root: unknown, secret: string): boolean {
  let changed = false;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (SECRET_KEY.test(key)) {
        record[key] = REDACTED_MARKER;
        changed = true;
      } else if (typeof value === 'string' && secret !== '' && value.includes(secret)) {
        record[key] = maskSecretValue(value, secret);
        changed = true;
        // Stryker disable next-line ConditionalExpression,LogicalOperator: a pushed primitive or null is skipped when popped
      } else if (value !== null && typeof value === 'object') stack.push(value);
    }
  }
  return changed;
}
