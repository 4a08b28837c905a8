import type { BrokerAdapter } from '@zepix/broker-api';
import { OandaBroker } from './OandaBroker.js';
import type { OandaBrokerOptions } from './options.js';
import { startOandaEmulator } from './testing/startOandaEmulator.js';
import type { OandaEmulator, OandaEmulatorOptions } from './testing/startOandaEmulator.js';

/** Options that make faults quick to observe on loopback: short timeouts, back-offs and heartbeats. */
export function fastOptions(emulator: OandaEmulator): OandaBrokerOptions {
  return {
    token: emulator.token,
    accountId: emulator.accountId,
    environment: 'practice',
    apiUrl: emulator.url,
    streamUrl: emulator.url,
    priceSymbols: ['EURUSD', 'XAUUSD'],
    // Long enough for a loaded CI machine; the lost-answer cases wait this long once each.
    requestTimeoutMs: 3_000,
    backoffMs: 5,
    reconnectDelayMs: 20,
    streamSilenceMs: 1_000,
  };
}

/** An emulator priced at EURUSD 1.10000/1.10020 and XAUUSD 2000.00/2000.50, and an adapter connected to it. */
export async function connectToEmulator(
  overrides: Partial<OandaBrokerOptions> = {},
  emulatorOptions: OandaEmulatorOptions = {},
): Promise<{ emulator: OandaEmulator; broker: OandaBroker }> {
  const emulator = await startOandaEmulator({ heartbeatMs: 200, ...emulatorOptions });
  emulator.setPrice('EUR_USD', 1.1, 1.1002);
  emulator.setPrice('XAU_USD', 2000, 2000.5);
  try {
    const broker = await OandaBroker.connect({ ...fastOptions(emulator), ...overrides });
    return { emulator, broker };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

/** Waits (up to 5 s) until the adapter's latest price of `symbol` has this bid. */
export async function waitForPrice(broker: BrokerAdapter, symbol: string, bid: number): Promise<void> {
  for (let tries = 0; tries < 1_000; tries += 1) {
    const price = await broker.getPrice(symbol);
    if (price.ok && price.value.bid === bid) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`the adapter never saw ${symbol} at bid ${bid}`);
}
