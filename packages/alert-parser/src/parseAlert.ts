import { decodeBody } from './decodeBody.js';
import { BODY_FIELD, show, truncate } from './issues.js';
import { LEGACY_TYPES, isLegacyType, parseLegacy } from './legacy.js';
import { ParseErrorCode, type ParseOptions, type ParseResult, failure } from './result.js';
import { V3_TYPES, isV3Type, parseV3 } from './v3.js';
import { parseV6 } from './v6.js';

const TYPE_HINT = `use one of ${LEGACY_TYPES.join(', ')} (legacy) or ${V3_TYPES.join(', ')} (V3)`;

function parseJsonAlert(body: Readonly<Record<string, unknown>>, options: ParseOptions): ParseResult {
  const rawType = body.type;
  const type = typeof rawType === 'string' ? rawType.trim().toLowerCase() : undefined;
  if (type !== undefined && isLegacyType(type)) return parseLegacy(type, body, options);
  if (type !== undefined && isV3Type(type)) return parseV3(type, body, options);
  const message =
    rawType === undefined || rawType === null || rawType === ''
      ? `is missing, so the alert's format is unknown; ${TYPE_HINT}`
      : `${show(rawType)} is not a known alert type; ${TYPE_HINT}`;
  return failure(ParseErrorCode.UnknownFormat, [{ field: 'type', message }]);
}

/** Options arrive from config, but a bad value must not turn into a throw inside the parser. */
function safeOptions(options: unknown): ParseOptions {
  if (options === null || typeof options !== 'object') return {};
  const symbolMap: unknown = (options as { symbolMap?: unknown }).symbolMap;
  return symbolMap !== null && typeof symbolMap === 'object' ? { symbolMap: symbolMap as Record<string, string> } : {};
}

/** What was thrown, read without risking a second throw (a value without toString, a throwing getter). */
function describeThrown(error: unknown): string {
  try {
    return error instanceof Error ? error.message : typeof error === 'string' ? error : 'a non-Error value';
  } catch {
    return 'an unreadable error';
  }
}

/**
 * Parses a TradingView alert into a normalised {@link Alert}. `input` is the raw body text or an already decoded
 * JSON value (with the secret removed). Never throws: every problem comes back as `ok: false` with a coded error carrying all issues.
 */
export function parseAlert(input: unknown, options?: ParseOptions): ParseResult {
  try {
    const decoded = decodeBody(input);
    if (!decoded.ok) return decoded;
    const safe = safeOptions(options);
    const body = decoded.value;
    return body.format === 'pipe' ? parseV6(body.text, safe) : parseJsonAlert(body.body, safe);
  } catch (error) {
    const reason = truncate(describeThrown(error), 80);
    const message = `the parser failed on this alert (${reason}); the alert was not used, please report it with the body`;
    return failure(ParseErrorCode.Internal, [{ field: BODY_FIELD, message }]);
  }
}
