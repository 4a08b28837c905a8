import { describe, expect, it } from 'vitest';
import { placeholderIssuesInText, placeholderIssuesInValue } from './placeholders.js';

const WHY =
  "never filled in: TradingView expands placeholders only in the alert dialog's Message box, not inside a Pine alert() message string; build the message in Pine instead";

describe('placeholders in text', () => {
  it.each([
    ['ticker', 'syminfo.ticker'],
    ['exchange', 'syminfo.prefix'],
    ['interval', 'timeframe.period'],
    ['close', 'str.tostring(close)'],
    ['open', 'str.tostring(open)'],
    ['high', 'str.tostring(high)'],
    ['low', 'str.tostring(low)'],
    ['volume', 'str.tostring(volume)'],
    ['time', 'str.tostring(time)'],
    ['timenow', 'str.tostring(timenow)'],
  ])('names the Pine value for {{%s}}', (name, pine) => {
    expect(placeholderIssuesInText(`EXIT_BULLISH|{{${name}}}`)).toEqual([
      { field: '(body)', message: `{{${name}}} was ${WHY} (${pine} for {{${name}}})` },
    ]);
  });

  it('reads the name in any case and spacing, and has a fallback for other names', () => {
    expect(placeholderIssuesInText('x {{ Close }}')[0]?.message).toContain('(str.tostring(close) for {{ Close }})');
    expect(placeholderIssuesInText('x {{}}')[0]?.message).toContain(
      '(str.tostring() of the matching Pine value for {{}})',
    );
  });

  it('groups several placeholders of one field, each once, with "were"', () => {
    expect(placeholderIssuesInText('{{ticker}}|{{close}}|{{ticker}}')).toEqual([
      {
        field: '(body)',
        message: `{{ticker}} and {{close}} were ${WHY} (syminfo.ticker for {{ticker}}, str.tostring(close) for {{close}})`,
      },
    ]);
  });

  it('finds placeholders of up to 80 characters only', () => {
    expect(placeholderIssuesInText(`{{${'p'.repeat(80)}}}`)).toHaveLength(1);
    expect(placeholderIssuesInText(`{{${'p'.repeat(81)}}}`)).toEqual([]);
    expect(placeholderIssuesInText('{{a{b}}')).toEqual([]);
    expect(placeholderIssuesInText('no placeholders {here}')).toEqual([]);
  });

  it('names the JSON key a placeholder sits in, quoted value or not', () => {
    const text = '{"symbol" : "OANDA:{{ticker}}", "price":{{close}}, "note": "a"}';
    expect(placeholderIssuesInText(text).map((issue) => issue.field)).toEqual(['symbol', 'price']);
    expect(placeholderIssuesInText('[ "{{close}}" ]').map((issue) => issue.field)).toEqual(['(body)']);
  });

  it('looks for the key only in JSON text and only in the 200 characters before', () => {
    expect(placeholderIssuesInText('X|"tf":"{{interval}}"')[0]?.field).toBe('(body)');
    const far = `{"symbol":"${'x'.repeat(200)}{{ticker}}"}`;
    expect(placeholderIssuesInText(far)[0]?.field).toBe('(body)');
    const near = `{"symbol":"${'x'.repeat(188)}{{ticker}}"}`;
    expect(placeholderIssuesInText(near)[0]?.field).toBe('symbol');
  });

  it('takes keys of up to 64 characters', () => {
    expect(placeholderIssuesInText(`{"${'k'.repeat(64)}":"{{close}}"}`)[0]?.field).toBe('k'.repeat(64));
    expect(placeholderIssuesInText(`{"${'k'.repeat(65)}":"{{close}}"}`)[0]?.field).toBe('(body)');
  });
});

describe('placeholders in decoded values', () => {
  it('names nested fields by path and list items by index', () => {
    const value = { symbol: '{{ticker}}', meta: { notes: ['ok', 'at {{plot_0}}'] }, n: 5, nothing: null };
    expect(placeholderIssuesInValue(value).map((issue) => issue.field)).toEqual(['symbol', 'meta.notes[1]']);
  });

  it('uses (body) for an empty key and shortens a long path', () => {
    expect(placeholderIssuesInValue({ '': '{{close}}' })[0]?.field).toBe('(body)');
    expect(placeholderIssuesInValue({ ['k'.repeat(70)]: '{{close}}' })[0]?.field).toBe(
      `${'k'.repeat(64)}… (70 characters)`,
    );
  });

  it('looks 12 levels deep and no deeper', () => {
    const nest = (depth: number): unknown => (depth === 0 ? '{{close}}' : { a: nest(depth - 1) });
    expect(placeholderIssuesInValue(nest(12))).toHaveLength(1);
    expect(placeholderIssuesInValue(nest(13))).toEqual([]);
  });

  it('stops after 10000 values', () => {
    const list = (at: number) => Array.from({ length: 10_000 }, (_, i) => (i === at ? '{{close}}' : 'x'));
    expect(placeholderIssuesInValue({ a: list(9_997) })).toHaveLength(1);
    expect(placeholderIssuesInValue({ a: list(9_998) })).toEqual([]);
  });
});
