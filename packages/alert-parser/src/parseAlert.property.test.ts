import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALERT_FIXTURES } from './__fixtures__/alerts.js';
import { expectWellFormed } from './__fixtures__/assertions.js';
import { type ParseResult, ParseErrorCode, V6_SIGNALS, parseAlert } from './index.js';

const RUNS = { numRuns: 600 };

/** Well formed, and answered by the format parsers rather than by the last-resort catch. */
function expectAnswered(result: ParseResult): void {
  expectWellFormed(result);
  if (!result.ok) expect(result.error.code).not.toBe(ParseErrorCode.Internal);
}
const BODIES = ALERT_FIXTURES.map((item) => item.body);
const JSON_BODIES = ALERT_FIXTURES.filter(
  (item) => item.contentType === 'application/json' && item.body.startsWith('{'),
).map((item) => JSON.parse(item.body) as Record<string, unknown>);

/** Edits of a real body: cut, insert, replace, truncate or duplicate a slice, the damage seen in production. */
const mutatedBody = fc
  .tuple(fc.constantFrom(...BODIES), fc.nat(), fc.nat(), fc.string({ maxLength: 12 }), fc.integer({ min: 0, max: 4 }))
  .map(([body, a, b, text, how]) => {
    const start = body.length === 0 ? 0 : a % body.length;
    const end = Math.min(body.length, start + (b % 16));
    switch (how) {
      case 0:
        return body.slice(0, start) + body.slice(end);
      case 1:
        return body.slice(0, start) + text + body.slice(start);
      case 2:
        return body.slice(0, start) + text + body.slice(end);
      case 3:
        return body.slice(0, start);
      default:
        return body.slice(0, end) + body.slice(start);
    }
  });

/** A real decoded body with one field set to any value, or removed. */
const mutatedObject = fc
  .tuple(
    fc.constantFrom(...JSON_BODIES),
    fc.nat(),
    fc.option(fc.oneof(fc.jsonValue(), fc.anything({ withNullPrototype: true, withBigInt: true })), { nil: undefined }),
  )
  .map(([body, index, value]) => {
    const keys = Object.keys(body);
    const key = keys[index % keys.length] ?? 'type';
    const copy: Record<string, unknown> = { ...body };
    if (value === undefined) delete copy[key];
    else copy[key] = value;
    return copy;
  });

/** Pipe text with a known V6 name and fields drawn from real values and noise. */
const pipeText = fc
  .tuple(
    fc.constantFrom(...V6_SIGNALS),
    fc.array(
      fc.oneof(
        fc.constantFrom(
          'XAUUSD',
          '5',
          '15',
          '1D',
          '2030.50',
          'BUY',
          'SELL',
          'HIGH',
          '85',
          'NA',
          'NaN',
          '5/1',
          'TL_OK',
          '15:BULL→BEAR',
          '',
        ),
        fc.string({ maxLength: 8 }),
      ),
      { maxLength: 16 },
    ),
  )
  .map(([name, fields]) => [name, ...fields].join('|'));

describe('parseAlert never throws and always answers in shape', () => {
  it('on any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => expectAnswered(parseAlert(text))),
      RUNS,
    );
  });

  it('on any JSON value, decoded or as text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expectAnswered(parseAlert(value));
        expectAnswered(parseAlert(JSON.stringify(value)));
      }),
      RUNS,
    );
  });

  it('on any value at all, with any options', () => {
    const anything = fc.anything({
      withNullPrototype: true,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withTypedArray: true,
      withSparseArray: true,
    });
    fc.assert(
      fc.property(anything, anything, (value, options) => expectAnswered(parseAlert(value, options as never))),
      RUNS,
    );
  });

  it('on damaged real bodies', () => {
    fc.assert(
      fc.property(mutatedBody, (text) => expectAnswered(parseAlert(text))),
      RUNS,
    );
  });

  it('on real decoded bodies with one field changed or removed', () => {
    fc.assert(
      fc.property(mutatedObject, (body) => expectAnswered(parseAlert(body, { symbolMap: { XAUUSD: 'GOLD' } }))),
      RUNS,
    );
  });

  it('on pipe text with known V6 names', () => {
    fc.assert(
      fc.property(pipeText, (text) => expectAnswered(parseAlert(text))),
      RUNS,
    );
  });
});
