import { type FieldCheck, pass, reject, show } from './issues.js';

/**
 * A TradingView ticker after the exchange prefix is stripped: 2–20 upper-case letters, digits and `._!-`,
 * starting with a letter or digit. `!` is there for continuous futures such as `GC1!`.
 */
export const SYMBOL_PATTERN = /^[A-Z0-9][A-Z0-9._!-]{1,19}$/;

const MAX_SYMBOL_LENGTH = 20;

/** The ticker without its exchange prefix (`OANDA:XAUUSD` → `XAUUSD`), trimmed and upper-cased. */
function stripPrefix(raw: string): string {
  // Stryker disable next-line MethodExpression: the ticker is trimmed again after the prefix is cut
  const trimmed = raw.trim();
  return trimmed
    .slice(trimmed.lastIndexOf(':') + 1)
    .trim()
    .toUpperCase();
}

/** Own-property lookup, so a symbol named like an Object.prototype member never reads the prototype. */
function lookup(map: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  if (!map || !Object.hasOwn(map, key)) return undefined;
  const mapped = map[key];
  return typeof mapped === 'string' && mapped.trim() !== '' ? mapped.trim() : undefined;
}

/**
 * The broker symbol for a TradingView ticker: exchange prefix stripped, upper-cased, then the symbol map applied
 * (a key matching the raw ticker, e.g. `OANDA:XAUUSD`, wins over one matching the stripped ticker).
 */
export function normalizeSymbol(raw: string, symbolMap?: Readonly<Record<string, string>>): string {
  const stripped = stripPrefix(raw);
  return lookup(symbolMap, raw.trim()) ?? lookup(symbolMap, stripped) ?? stripped;
}

/** Validates a received symbol field and returns the stripped ticker (before the symbol map). */
export function checkSymbol(value: unknown): FieldCheck<{ ticker: string; rawSymbol: string }> {
  const example = 'send the ticker, e.g. "XAUUSD" or "OANDA:XAUUSD" (syminfo.ticker in Pine)';
  if (value === undefined || value === null) return reject(`is missing; ${example}`);
  if (typeof value !== 'string') return reject(`must be text, got ${show(value)}; ${example}`);
  const ticker = stripPrefix(value);
  if (ticker === '') return reject(`${show(value)} has no ticker; ${example}`);
  if (ticker.length > MAX_SYMBOL_LENGTH) {
    return reject(
      `is ${value.length} characters long ("${value.slice(0, 20)}…"); a symbol has at most ${MAX_SYMBOL_LENGTH} characters, ${example}`,
    );
  }
  if (!SYMBOL_PATTERN.test(ticker)) {
    return reject(`${show(value)} is not a ticker; use 2 to 20 letters, digits, ".", "_", "!" or "-", ${example}`);
  }
  return pass({ ticker, rawSymbol: value.trim() });
}
