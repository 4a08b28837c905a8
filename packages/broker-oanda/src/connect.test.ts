import { afterEach, describe, expect, it } from 'vitest';
import { OandaConnectError, OandaCode } from './errors.js';
import { OandaBroker } from './OandaBroker.js';
import { fastOptions } from './testSupport.js';
import { startOandaEmulator } from './testing/startOandaEmulator.js';
import type { OandaEmulator } from './testing/startOandaEmulator.js';

let emulator: OandaEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function refusal(change: (options: ReturnType<typeof fastOptions>) => object, mt4 = false) {
  emulator = await startOandaEmulator({ mt4 });
  const options = { ...fastOptions(emulator), ...change(fastOptions(emulator)) };
  const error = await OandaBroker.connect(options as never).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(OandaConnectError);
  return error as OandaConnectError;
}

describe('connecting to OANDA', () => {
  it('refuses a bad token with one line naming OANDA and the fix, without the token', async () => {
    const error = await refusal(() => ({ token: 'secret-token-123' }));
    expect(error.code).toBe(OandaCode.badToken);
    expect(error.message).toMatch(/^OANDA refused the token .*ZEPIX_OANDA_TOKEN/);
    expect(error.message).not.toContain('secret-token-123');
  });

  it('refuses an account the token cannot reach, listing the ones it can', async () => {
    const error = await refusal(() => ({ accountId: '101-001-9999999-001' }));
    expect(error.code).toBe(OandaCode.badAccount);
    expect(error.message).toContain('101-001-9999999-001');
    expect(error.message).toContain('101-001-1234567-001');
  });

  it('refuses an account linked to MT4, where client extensions are forbidden', async () => {
    const error = await refusal(() => ({}), true);
    expect(error.code).toBe(OandaCode.mt4Account);
  });

  it('says so when OANDA cannot be reached', async () => {
    const closed = await startOandaEmulator();
    const url = closed.url;
    await closed.close();
    const error = await refusal(() => ({ apiUrl: url, maxAttempts: 1 }));
    expect(error.code).toBe(OandaCode.unreachable);
    expect(error.message).toMatch(/cannot reach OANDA at 127\.0\.0\.1:\d+ .*ZEPIX_OANDA_API_URL/);
  });
});
