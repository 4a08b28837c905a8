import { type FieldCheck, pass, reject, show } from './issues.js';

/** Plain decimal numbers only: `Number()` would also take "", " ", "0x1F" and "Infinity". */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Pine prints `na` as NaN; saying so turns a puzzling refusal into a one-line Pine fix. */
const NA_HINT = 'the Pine series was na when the alert fired; guard the alert() call with not na(...)';

/** A finite number from a JSON number or a decimal string; undefined for anything else. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!DECIMAL.test(text)) return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}

function isNaText(value: unknown): boolean {
  return typeof value === 'string' && /^(nan|na)$/i.test(value.trim());
}

/** Checks a number greater than zero (prices, levels, multipliers); `example` shows a valid value. */
export function checkPositive(value: unknown, example: string): FieldCheck<number> {
  if (isNaText(value)) return reject(`is ${show(value)}: ${NA_HINT}`);
  const number = toNumber(value);
  if (number === undefined) return reject(`${show(value)} is not a number; send a number such as ${example}`);
  if (number <= 0) return reject(`${show(value)} must be greater than 0, e.g. ${example}`);
  return pass(number);
}

/** Like {@link checkPositive}, but absent (undefined, null or "") is fine and gives undefined. */
export function checkOptionalPositive(value: unknown, example: string): FieldCheck<number | undefined> {
  if (value === undefined || value === null || value === '') return pass(undefined);
  return checkPositive(value, example);
}

/** Checks a whole number within [min, max], as a number or a decimal string. */
export function checkInteger(value: unknown, min: number, max: number): FieldCheck<number> {
  const number = toNumber(value);
  const range = `a whole number from ${min} to ${max}`;
  if (number === undefined || !Number.isInteger(number)) return reject(`${show(value)} must be ${range}`);
  if (number < min || number > max) return reject(`${show(value)} is out of range; it must be ${range}`);
  return pass(number);
}

/** Like {@link checkInteger}, but absent is fine and gives undefined. */
export function checkOptionalInteger(value: unknown, min: number, max: number): FieldCheck<number | undefined> {
  if (value === undefined || value === null || value === '') return pass(undefined);
  return checkInteger(value, min, max);
}
