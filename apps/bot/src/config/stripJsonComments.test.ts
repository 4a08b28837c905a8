import { describe, expect, it } from 'vitest';
import { stripJsonComments } from './stripJsonComments.js';

describe('stripJsonComments', () => {
  it('drops line and block comments but keeps them inside strings', () => {
    const text = [
      '// heading',
      '{',
      '  "url": "http://x//y", // trailing',
      '  /* block */ "a": "/* not a comment */",',
      '  "q": "say \\"//\\""',
      '}',
    ].join('\n');
    expect(JSON.parse(stripJsonComments(text))).toEqual({
      url: 'http://x//y',
      a: '/* not a comment */',
      q: 'say "//"',
    });
  });

  it('keeps line numbers so parse errors point at the right line', () => {
    expect(stripJsonComments('// a\n/* b\nc */\n{}').split('\n')).toHaveLength(4);
  });
});
