import { describe, expect, it } from 'vitest';
import { commandFailed, startFailed } from './engineFailures.js';

describe('commandFailed', () => {
  it('answers a journal locked by another process with 503 and the journal code: the operator can retry', () => {
    const error = commandFailed({ code: 'ZEPIX_JOURNAL_LOCKED', message: 'another process holds its write lock' });
    expect(error).toMatchObject({ code: 'ZEPIX_JOURNAL_LOCKED', statusCode: 503 });
    expect(error.message).toBe('another process holds its write lock');
  });

  it("answers any other failure with 500 ZEPIX_ENGINE_FAILED, keeping the engine's code in the message", () => {
    const error = commandFailed({ code: 'ZEPIX_JOURNAL_WRITE_FAILED', message: 'disk full' });
    expect(error).toMatchObject({ code: 'ZEPIX_ENGINE_FAILED', statusCode: 500 });
    expect(error.message).toBe('disk full [ZEPIX_JOURNAL_WRITE_FAILED]');
  });
});

describe('startFailed', () => {
  it("keeps the bot's own code and hint, and reports anything else as ZEPIX_ENGINE_FAILED", () => {
    expect(startFailed({ code: 'ZEPIX_CONFIG_INVALID', message: 'bad', hint: 'fix it' })).toMatchObject({
      code: 'ZEPIX_CONFIG_INVALID',
      hint: 'fix it',
    });
    expect(startFailed({ code: 'ZEPIX_SOMETHING_ELSE', message: 'odd' })).toMatchObject({
      code: 'ZEPIX_ENGINE_FAILED',
    });
  });
});
