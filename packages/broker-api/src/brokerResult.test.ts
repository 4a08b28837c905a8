import { describe, expect, it } from 'vitest';
import { brokerRejected, brokerUnknown, describeBrokerError, isBrokerRejection, isBrokerUnknown, ok } from './index.js';
import type { BrokerResult } from './index.js';

describe('broker answers', () => {
  it('keeps a refusal apart from an unknown outcome', () => {
    const refused: BrokerResult<number> = brokerRejected('NO_MARGIN', 'not enough margin');
    const lost: BrokerResult<number> = brokerUnknown('the answer was lost');
    expect(refused).toEqual({
      ok: false,
      error: { code: 'ZEPIX_BROKER_REJECTED', brokerCode: 'NO_MARGIN', message: 'not enough margin' },
    });
    expect(lost).toMatchObject({ ok: false, error: { code: 'ZEPIX_BROKER_UNKNOWN', message: 'the answer was lost' } });
    expect([isBrokerRejection(refused), isBrokerUnknown(refused)]).toEqual([true, false]);
    expect([isBrokerRejection(lost), isBrokerUnknown(lost)]).toEqual([false, true]);
    expect([isBrokerRejection(ok(1)), isBrokerUnknown(ok(1))]).toEqual([false, false]);
  });

  it('tells an unknown outcome how to settle it, and describes each error in one line', () => {
    const lost = brokerUnknown('timed out');
    expect(lost.error.hint).toMatch(/findByClientOrderId/);
    expect(describeBrokerError(brokerRejected('NO_MARGIN', 'not enough margin').error)).toBe(
      'NO_MARGIN: not enough margin',
    );
    expect(describeBrokerError(lost.error)).toBe('timed out');
  });
});
