import type { AlertBase, AlertFamily, Direction } from '@zepix/plugin-core';
import { z } from 'zod';
import { type FieldCheck, pass, reject, show, truncate } from './issues.js';
import { checkOptionalPositive } from './numbers.js';
import type { ParseOptions } from './result.js';
import { checkSymbol, normalizeSymbol } from './symbols.js';

/** Every field a normalised alert has except `kind`, which each format adds. */
export type BaseFields = Omit<AlertBase, 'kind'>;

/** Same rule as plugin-core's PLUGIN_ID_PATTERN, repeated so the parser does not load plugin-core at runtime. */
const PLUGIN_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MAX_ID_LENGTH = 128;

/** A zod field that runs one check; the check's message becomes the issue, zod supplies the field path. */
export function field<T>(check: (value: unknown) => FieldCheck<T>) {
  return z.unknown().transform((value, ctx): T => {
    const result = check(value);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  });
}

/** Like {@link field}, for fields that may be left out: zod skips the check when the key is absent. */
export function optionalField<T>(check: (value: unknown) => FieldCheck<T | undefined>) {
  return field(check).optional();
}

/** The object without its undefined properties, so alerts compare and serialise cleanly. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** Checks one of a fixed set of words, case-insensitively, and returns the canonical spelling. */
export function checkOneOf<T extends string>(value: unknown, allowed: readonly T[], context = ''): FieldCheck<T> {
  const list = allowed.join(', ');
  if (value === undefined || value === null || value === '') return reject(`is missing${context}; use one of ${list}`);
  const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  const match = allowed.find((item) => item.toLowerCase() === text);
  return match === undefined ? reject(`${show(value)} is not valid${context}; use one of ${list}`) : pass(match);
}

/** Checks a trade side, buy or sell, in any letter case. */
export function checkDirection(value: unknown): FieldCheck<Direction> {
  return checkOneOf<Direction>(value, ['buy', 'sell']);
}

/** Like {@link checkDirection}, but absent gives undefined. */
export function checkOptionalDirection(value: unknown): FieldCheck<Direction | undefined> {
  return value === undefined || value === null || value === '' ? pass(undefined) : checkDirection(value);
}

/** Checks optional free text up to `max` characters (strategy names, messages, confidence labels). */
export function checkOptionalText(value: unknown, max = 200): FieldCheck<string | undefined> {
  if (value === undefined || value === null) return pass(undefined);
  if (typeof value !== 'string') return reject(`must be text, got ${show(value)}`);
  if (value.length > max) return reject(`is ${value.length} characters long (${truncate(value)}); keep it to ${max}`);
  return pass(value.trim() === '' ? undefined : value.trim());
}

/** Checks the sender's idempotency id; numbers are accepted and turned into text. */
export function checkAlertId(value: unknown): FieldCheck<string | undefined> {
  if (value === undefined || value === null || value === '') return pass(undefined);
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  const example = 'e.g. "id":"{{ticker}}-{{interval}}-{{timenow}}" in the alert dialog\'s Message box';
  if (typeof text !== 'string') return reject(`must be text, got ${show(value)}; ${example}`);
  if (text.length > MAX_ID_LENGTH) {
    return reject(
      `is ${text.length} characters long (${truncate(text)}); an id has at most ${MAX_ID_LENGTH}, ${example}`,
    );
  }
  return pass(text.trim());
}

/** Checks an explicit target plugin id (kebab-case). */
export function checkPlugin(value: unknown): FieldCheck<string | undefined> {
  if (value === undefined || value === null || value === '') return pass(undefined);
  const hint = 'name the plugin by its id in kebab-case, e.g. "combined-v3"';
  if (typeof value !== 'string') return reject(`must be text, got ${show(value)}; ${hint}`);
  const id = value.trim();
  if (id.length > 64 || !PLUGIN_ID.test(id)) return reject(`${show(value)} is not a plugin id; ${hint}`);
  return pass(id);
}

/** Checks the sender's timestamp (ISO 8601 text or epoch milliseconds) and keeps it as text. */
export function checkSentAt(value: unknown): FieldCheck<string | undefined> {
  if (value === undefined || value === null || value === '') return pass(undefined);
  if (typeof value === 'number' && Number.isFinite(value)) return pass(String(value));
  const hint = 'send ISO 8601 text or epoch milliseconds, e.g. "{{timenow}}" in the alert dialog';
  if (typeof value !== 'string' || value.length > 64) return reject(`${show(value)} is not a timestamp; ${hint}`);
  return pass(value.trim());
}

/** Fields shared by legacy and V3 JSON alerts. */
export const JSON_COMMON_SHAPE = {
  symbol: field(checkSymbol),
  price: optionalField((value) => checkOptionalPositive(value, '2650.10')),
  id: optionalField(checkAlertId),
  plugin: optionalField(checkPlugin),
  timestamp: optionalField(checkSentAt),
  ts: optionalField(checkSentAt),
  time: optionalField(checkSentAt),
};

/** Parsed values of {@link JSON_COMMON_SHAPE} plus the timeframe. */
export interface CommonData {
  readonly symbol: { readonly rawSymbol: string };
  readonly tf: number;
  readonly price?: number | undefined;
  readonly id?: string | undefined;
  readonly plugin?: string | undefined;
  readonly timestamp?: string | undefined;
  readonly ts?: string | undefined;
  readonly time?: string | undefined;
}

/** The body minus `secret`, which must never reach the journal or a plugin. */
export function withoutSecret(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { secret: _secret, ...rest } = body;
  return rest;
}

/** Base fields of a JSON alert from its common data; `signalType` is the format's name for the signal. */
export function jsonBase(
  family: AlertFamily,
  data: CommonData,
  body: Readonly<Record<string, unknown>>,
  options: ParseOptions,
): BaseFields {
  return compact({
    family,
    symbol: normalizeSymbol(data.symbol.rawSymbol, options.symbolMap),
    rawSymbol: data.symbol.rawSymbol,
    timeframe: data.tf,
    price: data.price,
    alertId: data.id,
    plugin: data.plugin,
    sentAt: data.timestamp ?? data.ts ?? data.time,
    raw: withoutSecret(body),
  });
}
