import { BODY_FIELD, show } from './issues.js';
import { ParseErrorCode, type ParseOptions, type ParseResult, failure } from './result.js';
import type { V6Handler } from './v6Common.js';
import { V6_ENTRY_HANDLERS } from './v6Entries.js';
import { V6_INFO_HANDLERS } from './v6Info.js';

/** Every V6 message Zepix turns into an alert, keyed by signal name. */
const HANDLERS: ReadonlyMap<string, V6Handler> = new Map([...V6_ENTRY_HANDLERS, ...V6_INFO_HANDLERS]);

/**
 * Known V6 messages with no normalised alert kind: MOMENTUM_CHANGE reports ADX momentum, which no Zepix alert
 * kind describes. The answer says how to stop the script sending them.
 */
const UNSUPPORTED: ReadonlyMap<string, string> = new Map([
  [
    'MOMENTUM_CHANGE',
    'MOMENTUM_CHANGE (ADX momentum) has no Zepix alert kind yet; to stop these alerts, switch off "Enable Real-Time Monitoring" in the indicator settings (this also stops STATE_CHANGE)',
  ],
]);

/** The V6 signal names this parser knows, in the order the messages are documented. */
export const V6_SIGNALS: readonly string[] = [...HANDLERS.keys(), ...UNSUPPORTED.keys()];

/** Splits pipe text; Pine's buildAlertMessage() ends entries with a `|`, which is not an extra empty field. */
function splitFields(text: string): string[] {
  const fields = text.split('|').map((item) => item.trim());
  if (fields.length > 1 && fields[fields.length - 1] === '') fields.pop();
  return fields;
}

function countMessage(name: string, handler: V6Handler, got: number): string {
  const { layout, required } = handler;
  const expected = required === layout.length ? `${layout.length}` : `${required} to ${layout.length}`;
  const shape = [name, ...layout.slice(1)].join('|');
  const cut = got < required ? 'the message looks cut off; ' : 'remove the extra fields; ';
  return `${name} needs ${expected} fields (${shape}), got ${got}: ${cut}check the Pine alert() message`;
}

/** Parses V6 pipe text such as `BULLISH_ENTRY|XAUUSD|5|2030.50|BUY|HIGH|85|25.5|STRONG|...`. */
export function parseV6(text: string, options: ParseOptions): ParseResult {
  const fields = splitFields(text);
  // Stryker disable next-line StringLiteral: split() always gives a first field
  const first = fields[0] ?? '';
  const name = first.toUpperCase();
  const unsupported = UNSUPPORTED.get(name);
  if (unsupported) return failure(ParseErrorCode.Unsupported, [{ field: 'signal', message: unsupported }]);
  const handler = HANDLERS.get(name);
  if (!handler) {
    const message = `${show(first)} is not a known V6 alert; the first field must be one of ${V6_SIGNALS.join(', ')}`;
    return failure(ParseErrorCode.UnknownFormat, [{ field: 'signal', message }]);
  }
  if (fields.length < handler.required || fields.length > handler.layout.length) {
    return failure(ParseErrorCode.Invalid, [
      { field: BODY_FIELD, message: countMessage(name, handler, fields.length) },
    ]);
  }
  return handler.parse({ name, fields, text, options });
}
