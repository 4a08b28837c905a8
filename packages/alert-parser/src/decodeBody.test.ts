import { describe, expect, it } from 'vitest';
import { issueFor, rejected } from './__fixtures__/assertions.js';
import { decodeBody } from './decodeBody.js';
import { ParseErrorCode, parseAlert } from './index.js';

describe('unfilled placeholders', () => {
  it('names every placeholder, grouped by the JSON key it sits in', () => {
    const text =
      '{"type":"entry","symbol":"{{exchange}}:{{ticker}}","signal":"buy","tf":"{{interval}}","price":{{close}}}';
    const result = parseAlert(text);
    rejected(result, ParseErrorCode.UnfilledPlaceholder);
    expect(issueFor(result, 'symbol')).toMatch(
      /^\{\{exchange\}\} and \{\{ticker\}\} were never filled in: .*\(syminfo\.prefix for \{\{exchange\}\}, syminfo\.ticker for \{\{ticker\}\}\)$/,
    );
    expect(issueFor(result, 'tf')).toMatch(/timeframe\.period for \{\{interval\}\}/);
    expect(issueFor(result, 'price')).toMatch(/str\.tostring\(close\) for \{\{close\}\}/);
  });

  it('explains that Pine alert() strings are not expanded', () => {
    const message = issueFor(parseAlert('{"symbol":"{{ticker}}"}'), 'symbol');
    expect(message).toContain("TradingView expands placeholders only in the alert dialog's Message box");
    expect(message).toContain('not inside a Pine alert() message string');
  });

  it('finds placeholders in pipe text and in decoded bodies', () => {
    expect(issueFor(parseAlert('BULLISH_ENTRY|{{ticker}}|5'), '(body)')).toMatch(/\{\{ticker\}\}/);
    const decoded = { type: 'squeeze_v3', symbol: 'XAUUSD', meta: { notes: ['ok', 'at {{plot_0}}'] } };
    expect(issueFor(parseAlert(decoded), 'meta.notes[1]')).toMatch(
      /str\.tostring\(\) of the matching Pine value for \{\{plot_0\}\}/,
    );
  });

  it('checks placeholders before JSON, so a bare {{close}} is not reported as broken JSON', () => {
    rejected(parseAlert('{"price":{{close}}}'), ParseErrorCode.UnfilledPlaceholder);
  });
});

describe('decodeBody', () => {
  it('trims the body and a byte-order mark', () => {
    expect(decodeBody('\uFEFF  {"type":"entry"}\n')).toEqual({
      ok: true,
      value: { format: 'json', body: { type: 'entry' } },
    });
    expect(decodeBody(' EXIT_BULLISH|XAUUSD|5|2031.2 ')).toEqual({
      ok: true,
      value: { format: 'pipe', text: 'EXIT_BULLISH|XAUUSD|5|2031.2' },
    });
  });

  it('describes broken JSON with where it broke and a hint', () => {
    const result = parseAlert('{"type":"entry","symbol":"XAUUSD",}');
    expect(issueFor(result, '(body)')).toMatch(
      /^the body is not valid JSON: .* at character 35, near `.*`; check the alert message/,
    );
    expect(issueFor(parseAlert('{"type":"entry"'), '(body)')).toMatch(/not valid JSON/);
  });

  it('tells a bare JSON value apart from plain words', () => {
    expect(issueFor(parseAlert('"hello"'), '(body)')).toMatch(/a single string \("hello"\), not one JSON object/);
    expect(issueFor(parseAlert('true'), '(body)')).toMatch(/a single boolean \(true\)/);
    rejected(parseAlert('hello'), ParseErrorCode.UnknownFormat);
  });
});
