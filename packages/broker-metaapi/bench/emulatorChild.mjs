/**
 * The emulator in its own process, so the bench measures the adapter's memory alone. Speaks over IPC:
 * sends { url, token, accountId } when listening; takes { setPrice: [symbol, bid, ask] } and { stop: true }.
 */
import { startMetaApiEmulator } from '../dist/testing.js';

const emulator = await startMetaApiEmulator({
  balance: 10_000_000,
  prices: { EURUSD: { bid: 1.1, ask: 1.1002 } },
});
process.on('message', async (message) => {
  if (message.setPrice) {
    const [symbol, bid, ask] = message.setPrice;
    process.send({ filled: emulator.setPrice(symbol, bid, ask).length });
  }
  if (message.stop) {
    await emulator.close();
    process.exit(0);
  }
});
process.send({ url: emulator.url, token: emulator.token, accountId: emulator.accountId });
