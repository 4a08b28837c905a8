import { MAX_NESTING_DEPTH, nestsDeeperThan } from './nestingDepth.js';
import { maskSecretKeysInText, maskSecretsInValue, maskSecretValue } from './scrubSecrets.js';

/** A webhook body split into the secret it carried and what is safe to store and parse. */
export interface DecodedBody {
  /** The secret found in the body, if any. */
  readonly secret: string | undefined;
  /** What to parse: the JSON value without `secret`, or the text; secrets masked either way. */
  readonly payload: unknown;
  /** What to journal: the body with every secret masked. */
  readonly storable: string;
  /** True when the body nests deeper than MAX_NESTING_DEPTH; it was not parsed. */
  readonly tooDeep: boolean;
}

const SECRET_FIELD = /"secret"\s*:\s*"((?:[^"\\]|\\.)*)"/;

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    // Stryker disable next-line ConditionalExpression,LogicalOperator: only text starting with { gets here, which parses to an object or throws
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Not JSON: handled as text below.
  }
  return undefined;
}

function fromJsonObject(text: string, value: Record<string, unknown>, configured: string): DecodedBody {
  const { secret, ...rest } = value;
  const changed = maskSecretsInValue(rest, configured);
  const storable = 'secret' in value || changed ? JSON.stringify(rest) : maskSecretValue(text, configured);
  return { secret: typeof secret === 'string' ? secret : undefined, payload: rest, storable, tooDeep: false };
}

/**
 * Pulls the `secret` field out of a body and masks every secret in what remains, before anything is stored:
 * the configured secret's value wherever it appears (pipe text, arrays, other fields, broken JSON) and the value
 * of any secret-like key at any depth. JSON bodies are decoded once here; bodies that only look like JSON still
 * give up their secret through a pattern, so a sender with a typo gets the parse error, not a 401.
 */
export function extractSecret(text: string, configured: string): DecodedBody {
  const trimmed = text.trim();
  const tooDeep = nestsDeeperThan(trimmed, MAX_NESTING_DEPTH);
  // Stryker disable next-line StringLiteral: text not starting with { fails JSON.parse or is no object, so parseObject answers undefined anyway
  const value = trimmed.startsWith('{') && !tooDeep ? parseObject(trimmed) : undefined;
  if (value !== undefined) return fromJsonObject(text, value, configured);
  const match = trimmed.startsWith('{') ? SECRET_FIELD.exec(text) : null;
  const masked = maskSecretValue(maskSecretKeysInText(text), configured);
  return { secret: match?.[1], payload: masked, storable: masked, tooDeep };
}
