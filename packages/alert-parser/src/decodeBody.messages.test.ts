import { describe, expect, it } from 'vitest';
import { issueFor, rejected } from './__fixtures__/assertions.js';
import { decodeBody } from './decodeBody.js';
import { ParseErrorCode, parseAlert } from './index.js';

const FORMATS_HINT =
  'Zepix accepts legacy JSON ({"type":"entry","symbol":"XAUUSD","signal":"buy","tf":"5m"}), ' +
  'V3 JSON ({"type":"entry_v3","signal_type":"Momentum_Breakout","symbol":"XAUUSD","direction":"buy","tf":"5",...}) ' +
  'and V6 pipe text (BULLISH_ENTRY|XAUUSD|5|2030.50|BUY|...)';
const SYNTAX_HINT =
  'check the alert message for a missing comma or quote, a trailing comma, or text values without quotes';
const NA_HINT = 'a value is NaN: a Pine series was na when the alert fired; guard the alert() call with not na(...)';

const bodyIssue = (input: unknown) => issueFor(parseAlert(input), '(body)');

describe('broken JSON', () => {
  it('says what broke, at which character, and shows the text around it', () => {
    expect(bodyIssue('{,}')).toBe(
      `the body is not valid JSON: Expected property name or '}' at character 2, near \`{,}\`; ${SYNTAX_HINT}`,
    );
    const long = `{"type":"entry","symbol":"XAUUSD","tf":"5m",\n\n   "signal":"buy" "price":1}`;
    expect(bodyIssue(long)).toBe(
      `the body is not valid JSON: Expected ',' or '}' after property value at character 65, near \`"5m", "signal":"buy" "price":1}\`; ${SYNTAX_HINT}`,
    );
  });

  it('masks the secret, quoted or not, in the text around the error', () => {
    expect(bodyIssue('{"SECRET" : "abc123" "type":"entry"}')).toBe(
      `the body is not valid JSON: Expected ',' or '}' after property value at character 22, near \`{"SECRET" : "******" "type":"en\`; ${SYNTAX_HINT}`,
    );
    expect(bodyIssue('{"secret":123abc,"type":"entry"}')).toContain('near `{"secret":******,"type"`');
    expect(bodyIssue('{"secret":"","type":"entry" x}')).toContain('near `ecret":"","type":"entry" x}`');
  });

  it('never echoes the secret from the excerpt V8 puts in its own message', () => {
    const unquoted = '{"type":"entry","symbol":"XAUUSD","tf":"5m","signal":"buy","secret":hunter2abc}';
    expect(bodyIssue(unquoted)).toBe(`the body is not valid JSON: Unexpected token 'h'; ${SYNTAX_HINT}`);
    const nearNaN = '{"secret":"s3cr3t-value","price":NaN,"type":"entry","symbol":"XAUUSD","tf":"5m"}';
    expect(bodyIssue(nearNaN)).toBe(`the body is not valid JSON: Unexpected token 'N'; ${NA_HINT}`);
    expect(bodyIssue('{"a":1,\n"b":}')).toBe(`the body is not valid JSON: Unexpected token '}'; ${SYNTAX_HINT}`);
  });

  it('gives the Pine na hint only for a bare NaN or na value', () => {
    expect(bodyIssue('{"price":na}')).toMatch(new RegExp(`; ${NA_HINT.replace(/[().]/g, '\\$&')}$`));
    expect(bodyIssue('{"price": NaN ,"b":2}')).toContain(NA_HINT);
    expect(bodyIssue('{"price":nan}')).toContain(SYNTAX_HINT);
    expect(bodyIssue('{"price":nano}')).toContain(SYNTAX_HINT);
  });

  it('says a cut-off body ended early, without a position', () => {
    expect(bodyIssue('[1,')).toBe(`the body is not valid JSON: Unexpected end of JSON input; ${SYNTAX_HINT}`);
  });
});

describe('bodies that are not one alert', () => {
  it('says an empty body is empty and names the formats', () => {
    const message = `the alert body is empty; put the alert message in the alert's Message box. ${FORMATS_HINT}`;
    for (const input of ['', ' \n\t', '\uFEFF', undefined, new Uint8Array()]) {
      expect(rejected(parseAlert(input), ParseErrorCode.Empty).issues).toEqual([{ field: '(body)', message }]);
    }
  });

  it('describes each JSON value that is not an object', () => {
    const not = (what: string) =>
      `the alert is ${what}, not one JSON object; send one object per alert. ${FORMATS_HINT}`;
    expect(bodyIssue('[]')).toBe(not('a JSON array of 0 items'));
    expect(bodyIssue('null')).toBe(not('JSON null'));
    expect(bodyIssue(' 42 ')).toBe(not('a single number (42)'));
    expect(bodyIssue(false)).toBe(not('a single boolean (false)'));
    expect(bodyIssue(new Map())).toBe(not('an object that is not plain JSON'));
    rejected(parseAlert(null), ParseErrorCode.NotAnObject);
    rejected(parseAlert([{ type: 'entry' }]), ParseErrorCode.NotAnObject);
  });

  it('refuses words that are neither JSON nor pipe text, echoing them shortened', () => {
    expect(bodyIssue('buy')).toBe(`"buy" is neither JSON nor V6 pipe text. ${FORMATS_HINT}`);
    expect(bodyIssue('b'.repeat(50))).toMatch(/^"b{39}… \(52 characters\) is neither JSON/);
  });
});

describe('decodeBody', () => {
  it('accepts an object without a prototype as a plain JSON object', () => {
    const body = Object.assign(Object.create(null) as Record<string, unknown>, { type: 'entry' });
    expect(decodeBody(body)).toEqual({ ok: true, value: { format: 'json', body } });
  });

  it('decodes bytes as UTF-8 and strips only a leading byte-order mark', () => {
    const bytes = new TextEncoder().encode('\uFEFF{"symbol":"ÄÖ"}');
    expect(decodeBody(bytes)).toEqual({ ok: true, value: { format: 'json', body: { symbol: 'ÄÖ' } } });
    expect(decodeBody('a\uFEFF|b')).toEqual({ ok: true, value: { format: 'pipe', text: 'a\uFEFF|b' } });
  });

  it('reads text starting with a brace or bracket as JSON even when it holds a pipe', () => {
    expect(decodeBody('{"a":"x|y"}')).toEqual({ ok: true, value: { format: 'json', body: { a: 'x|y' } } });
    expect(decodeBody('["a|b"]')).toMatchObject({ ok: false, error: { code: ParseErrorCode.NotAnObject } });
    expect(decodeBody('"a|b"')).toEqual({ ok: true, value: { format: 'pipe', text: '"a|b"' } });
  });

  it('checks a decoded body for placeholders too', () => {
    expect(decodeBody({ symbol: '{{ticker}}' })).toMatchObject({
      ok: false,
      error: { code: ParseErrorCode.UnfilledPlaceholder, issues: [{ field: 'symbol' }] },
    });
  });
});
