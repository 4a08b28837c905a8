import { ok } from '@zepix/plugin-core';
import type { Alert, Direction, TrendValue } from '@zepix/plugin-core';
import { z } from 'zod';
import {
  type BaseFields,
  JSON_COMMON_SHAPE,
  checkOneOf,
  checkOptionalText,
  compact,
  field,
  jsonBase,
  optionalField,
} from './fields.js';
import { fromZodIssues } from './issues.js';
import { ParseErrorCode, type ParseOptions, type ParseResult, failure } from './result.js';
import { checkLegacyTimeframe } from './timeframes.js';

/** The legacy `type` values (DESIGN §5). */
export const LEGACY_TYPES = ['entry', 'exit', 'reversal', 'trend', 'bias'] as const;

/** One legacy alert type. */
export type LegacyType = (typeof LEGACY_TYPES)[number];

const SIGNALS: Readonly<Record<LegacyType, readonly string[]>> = {
  entry: ['buy', 'sell'],
  exit: ['bull', 'bear'],
  reversal: ['reversal_bull', 'reversal_bear'],
  trend: ['bull', 'bear'],
  bias: ['bull', 'bear'],
};

/** True when `type` names a legacy alert. */
export function isLegacyType(type: string): type is LegacyType {
  return (LEGACY_TYPES as readonly string[]).includes(type);
}

function schemaFor(type: LegacyType) {
  return z.object({
    ...JSON_COMMON_SHAPE,
    tf: field(checkLegacyTimeframe),
    signal: field((value) => checkOneOf(value, SIGNALS[type], ` for a legacy ${type} alert`)),
    strategy: optionalField((value) => checkOptionalText(value, 100)),
  });
}

const SCHEMAS: Readonly<Record<LegacyType, ReturnType<typeof schemaFor>>> = {
  entry: schemaFor('entry'),
  exit: schemaFor('exit'),
  reversal: schemaFor('reversal'),
  trend: schemaFor('trend'),
  bias: schemaFor('bias'),
};

/** The normalised alert for a legacy type and its validated signal. */
function build(type: LegacyType, signal: string, base: BaseFields): Alert {
  const bullish = signal === 'buy' || signal === 'bull' || signal === 'reversal_bull';
  const direction: Direction = bullish ? 'buy' : 'sell';
  const trend: TrendValue = bullish ? 1 : -1;
  switch (type) {
    case 'entry':
      return { ...base, kind: 'entry', direction, levels: {} };
    case 'reversal':
      return { ...base, kind: 'reversal', direction, levels: {} };
    case 'exit':
      // "Exit appeared bull" means the move turned bullish, so it is shorts that must go (DESIGN §5).
      return { ...base, kind: 'exit', closeSide: bullish ? 'sell' : 'buy' };
    case 'trend':
    case 'bias':
      return { ...base, kind: type, trend };
  }
}

/** Parses a legacy JSON alert whose `type` is already known to be legacy. */
export function parseLegacy(
  type: LegacyType,
  body: Readonly<Record<string, unknown>>,
  options: ParseOptions,
): ParseResult {
  const parsed = SCHEMAS[type].safeParse(body);
  if (!parsed.success) return failure(ParseErrorCode.Invalid, fromZodIssues(parsed.error.issues));
  const { signal, strategy } = parsed.data;
  const base = compact({ ...jsonBase('legacy', parsed.data, body, options), strategy, signalType: strategy });
  return ok(build(type, signal, base));
}
