import { describe, expect, it } from 'vitest';
import { serviceFailure } from './closeSide.js';

// closeSide itself runs on the real engine in @zepix/testing (src/closeSide.test.ts): the engine depends on
// plugin-core, so plugin-core's own tests cannot start it.
describe('serviceFailure', () => {
  it('turns a refused close into a rejected result, an unconfirmed one into a failure', () => {
    expect(serviceFailure({ ok: false, status: 'rejected', code: 'X', reason: 'paused' }, 'Could not close')).toEqual({
      status: 'rejected',
      message: 'Could not close: paused (X).',
      data: { code: 'X' },
    });
    expect(
      serviceFailure({ ok: false, status: 'unknown', code: 'Y', reason: 'timeout' }, 'Could not close').status,
    ).toBe('failed');
  });
});
