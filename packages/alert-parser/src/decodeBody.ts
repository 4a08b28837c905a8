import { BODY_FIELD, show, truncate } from './issues.js';
import { placeholderIssuesInText, placeholderIssuesInValue } from './placeholders.js';
import { ok } from '@zepix/plugin-core';
import type { Result } from '@zepix/plugin-core';
import { ParseErrorCode, type ParseFailure, failure } from './result.js';

/** A body ready for a format parser: one JSON object, or V6 pipe text. */
export type DecodedBody = Result<
  | { readonly format: 'json'; readonly body: Readonly<Record<string, unknown>> }
  | { readonly format: 'pipe'; readonly text: string },
  ParseFailure
>;

const FORMATS_HINT =
  'Zepix accepts legacy JSON ({"type":"entry","symbol":"XAUUSD","signal":"buy","tf":"5m"}), ' +
  'V3 JSON ({"type":"entry_v3","signal_type":"Momentum_Breakout","symbol":"XAUUSD","direction":"buy","tf":"5",...}) ' +
  'and V6 pipe text (BULLISH_ENTRY|XAUUSD|5|2030.50|BUY|...)';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Masks secret values, quoted or not (`"secret":123abc`), so a JSON error snippet never echoes the secret. */
function redactSecrets(text: string): string {
  return text.replace(
    /("secret"\s*:\s*)(?:(")([^"]*)|([^\s",}]+))/gi,
    (_, key: string, quote: string | undefined, quoted: string | undefined, bare: string | undefined) =>
      key + (quote ?? '') + '*'.repeat((quoted ?? bare ?? '').length),
  );
}

/**
 * V8 quotes the body around the error, cut with "..." when long (`Unexpected token 'N', ..."e":NaN}" is not valid
 * JSON`); that excerpt can hold the secret, so it goes whole.
 */
const V8_EXCERPT = /,\s*(?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s;
// Stryker disable next-line Regex: Node 20's V8 writes no (line, column); newer ones do
const V8_LINE_COLUMN = /\s*\(line \d+ column \d+\)/;
const V8_POSITION = /\s+in JSON at position \d+.*$/s;

/** Says what JSON.parse found wrong and where, without V8's own excerpt of the body, which could hold a secret. */
function describeJsonError(error: unknown, text: string): string {
  // Stryker disable next-line StringLiteral: JSON.parse throws only SyntaxErrors
  const raw = error instanceof Error ? error.message : 'a JSON syntax error';
  // Stryker disable next-line StringLiteral: Node 20's V8 writes no (line, column), so this has nothing to cut there
  const withoutLineColumn = raw.replace(V8_LINE_COLUMN, '');
  const reason = withoutLineColumn.replace(V8_EXCERPT, '').replace(V8_POSITION, '');
  const position = /at position (\d+)/.exec(raw)?.[1];
  let where = '';
  if (position !== undefined) {
    const at = Number(position);
    const near = redactSecrets(text)
      .slice(Math.max(0, at - 25), at + 10)
      .replace(/\s+/g, ' ');
    where = ` at character ${at + 1}, near \`${near}\``;
  }
  const hint = /:\s*(NaN|na)\s*[,}]/.test(text)
    ? 'a value is NaN: a Pine series was na when the alert fired; guard the alert() call with not na(...)'
    : 'check the alert message for a missing comma or quote, a trailing comma, or text values without quotes';
  return `the body is not valid JSON: ${truncate(reason, 80)}${where}; ${hint}`;
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error };
  }
}

function fromText(input: string): DecodedBody {
  const text = input.replace(/^\uFEFF/, '').trim();
  if (text === '') {
    return failure(ParseErrorCode.Empty, [
      {
        field: BODY_FIELD,
        message: `the alert body is empty; put the alert message in the alert's Message box. ${FORMATS_HINT}`,
      },
    ]);
  }
  const placeholders = placeholderIssuesInText(text);
  if (placeholders.length > 0) return failure(ParseErrorCode.UnfilledPlaceholder, placeholders);
  if (text.startsWith('{') || text.startsWith('[')) {
    const parsed = tryJson(text);
    if (!parsed.ok) {
      return failure(ParseErrorCode.InvalidJson, [
        { field: BODY_FIELD, message: describeJsonError(parsed.error, text) },
      ]);
    }
    return fromValue(parsed.value);
  }
  if (text.includes('|')) return ok({ format: 'pipe', text });
  // A bare JSON null, number or string is valid JSON, just not an alert; say that rather than "unknown format".
  const literal = tryJson(text);
  if (literal.ok) return fromValue(literal.value);
  return failure(ParseErrorCode.UnknownFormat, [
    { field: BODY_FIELD, message: `${show(text)} is neither JSON nor V6 pipe text. ${FORMATS_HINT}` },
  ]);
}

function describeNonObject(value: unknown): string {
  if (value === null) return 'JSON null';
  if (Array.isArray(value)) return `a JSON array of ${value.length} items`;
  if (typeof value === 'object') return 'an object that is not plain JSON';
  return `a single ${typeof value} (${show(value)})`;
}

function fromValue(value: unknown): DecodedBody {
  if (!isPlainObject(value)) {
    const message = `the alert is ${describeNonObject(value)}, not one JSON object; send one object per alert. ${FORMATS_HINT}`;
    return failure(ParseErrorCode.NotAnObject, [{ field: BODY_FIELD, message }]);
  }
  const placeholders = placeholderIssuesInValue(value);
  if (placeholders.length > 0) return failure(ParseErrorCode.UnfilledPlaceholder, placeholders);
  return ok({ format: 'json', body: value });
}

/**
 * Turns what the webhook received into one JSON object or V6 pipe text. Text is trimmed, checked for unfilled
 * placeholders before JSON.parse (a bare `{{close}}` makes the JSON itself invalid), then decoded.
 */
export function decodeBody(input: unknown): DecodedBody {
  if (typeof input === 'string') return fromText(input);
  if (input instanceof Uint8Array) return fromText(new TextDecoder().decode(input));
  if (input === undefined) return fromText('');
  return fromValue(input);
}
