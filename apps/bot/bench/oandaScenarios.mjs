/**
 * Scenario 9: the bot with `broker.kind` "oanda" against the v20 emulator on loopback (in this process). Measures
 * alert send → order request arriving at OANDA, a burst of order-placing alerts, and the adapter's memory as the
 * idle RSS of this bot minus the paper bot of scenario 8.
 */
import { OandaBroker } from '@zepix/broker-oanda';
import { startOandaEmulator } from '@zepix/broker-oanda/testing';
import {
  BROKER_ALERT_RATE,
  adapterMemory,
  adapterMemoryNote,
  brokerRows,
  burstShape,
  orderRoundTrips,
} from './brokerBench.mjs';
import { readOrderStamps } from './databases.mjs';
import { BENCH_PLUGIN_ID } from './project.mjs';
import { ORDER_WARMUP, lean, load, sinceSend, waitForDrain, warmedLoad, withServer } from './scenarios.mjs';
import { fmt } from './table.mjs';

const ACCOUNT = '101-001-1234567-001';

/** The broker section of the OANDA bench project. */
export const OANDA_BROKER = { kind: 'oanda', oanda: { environment: 'practice', account_id: ACCOUNT } };

async function withEmulator(project, measure) {
  const arrivals = new Map();
  const emulator = await startOandaEmulator({
    accountId: ACCOUNT,
    onOrder: (order, arrivedAtMs) => arrivals.set(order.tradeClientExtensions?.id, arrivedAtMs),
  });
  // The alerts say 2030; OANDA's own market is where the orders fill.
  emulator.setPrice('XAU_USD', 2029.9, 2030.1);
  project.env = {
    ZEPIX_OANDA_TOKEN: emulator.token,
    ZEPIX_OANDA_API_URL: emulator.url,
    ZEPIX_OANDA_STREAM_URL: emulator.url,
  };
  try {
    return await measure(emulator, arrivals);
  } finally {
    await emulator.close();
  }
}

/** Alert sent → order request at OANDA, at `shape.rate`, and how many trades OANDA holds afterwards. */
export function oandaOrderLatency(ctx, shape) {
  return withEmulator(ctx.projectOanda, (emulator, arrivals) =>
    withServer(ctx, 'bot', ctx.projectOanda, async (server) => {
      const { warmup, run } = await warmedLoad(server, 'oanda', { ...shape, recordSendTimes: true }, ORDER_WARMUP);
      const drain = await waitForDrain(server);
      await server.stop();
      const stamps = readOrderStamps(server.dataDir, BENCH_PLUGIN_ID);
      const arrivedFor = (id) => arrivals.get(stamps.get(id)?.clientOrderId);
      const notOk = [...stamps.values()].filter((stamp) => !stamp.ok).length;
      return {
        load: lean(run),
        warmup: lean(warmup),
        requestLatencyMs: sinceSend(run.sendTimes, arrivedFor).latencyMs,
        sent: Object.keys(run.sendTimes).length,
        notOk,
        ordersAtOanda: arrivals.size,
        tradesAtOanda: emulator.account.ledger.openTrades().length,
        answeredAccepted: warmup.accepted + run.accepted,
        drainSeconds: drain.seconds,
      };
    }),
  );
}

/** The OANDA adapter's memory: idle RSS on OANDA (against the emulator) minus on paper, alternating pairs. */
export function oandaAdapterMemory(ctx) {
  return withEmulator(ctx.projectOanda, () => adapterMemory(ctx, ctx.projectOrders, ctx.projectOanda));
}

/** The adapter alone, in this process: 250 sequential placeMarketOrder round trips (one every 50 ms at most) to the emulator. */
export async function adapterRoundTrip() {
  const emulator = await startOandaEmulator({ accountId: ACCOUNT });
  emulator.setPrice('XAU_USD', 2029.9, 2030.1);
  const broker = await OandaBroker.connect({
    token: emulator.token,
    accountId: ACCOUNT,
    environment: 'practice',
    apiUrl: emulator.url,
    streamUrl: emulator.url,
    priceSymbols: ['XAUUSD'],
  });
  try {
    return await orderRoundTrips(broker);
  } finally {
    await broker.close();
    await emulator.close();
  }
}

/** The baseline of the burst below, in the same run: the same 1,000 order-placing alerts on the paper broker. */
export function paperOrderBurst(ctx, price) {
  return withServer(ctx, 'bot', ctx.projectOrders, async (server) => {
    const { run } = await load(server, 'paper-burst', burstShape(price));
    return { load: lean(run) };
  });
}

/** 1,000 order-placing alerts at once: how fast the bot answers while the orders queue for OANDA. */
export function oandaBurst(ctx, price) {
  return withEmulator(ctx.projectOanda, (emulator) =>
    withServer(ctx, 'bot', ctx.projectOanda, async (server) => {
      const shape = burstShape(price);
      const { run } = await load(server, 'oanda-burst', shape);
      // Not drained: the orders queue for OANDA at its 100 requests/s while the webhook answers; count what got there.
      return { load: lean(run), tradesAtOanda: emulator.account.ledger.openTrades().length };
    }),
  );
}

/** Rows for the table, in report.mjs's row shape. */
export function oandaRows(results) {
  const { s12 } = results;
  return brokerRows({
    section: s12,
    title: `12 alert → OANDA order request, ${BROKER_ALERT_RATE}/s paced`,
    name: 'oanda',
    paperBurst: s12.burst.paper.load,
    floor: results.orderFloor?.requestLatencyMs,
  });
}

/** The note under the table. */
export function oandaNote(results) {
  const { latency, burst } = results.s12;
  const b = latency.bot;
  const drained = (s) => (s === null ? 'not drained within 30 s' : `drained in ${fmt(s, 1, 's')}`);
  return (
    `OANDA (12): the bot with broker.kind "oanda" against the v20 emulator (in the bench process, loopback); latency ` +
    `= alert send stamp → the order request's arrival at the emulator, matched through the client order id; one alert every ${1000 / BROKER_ALERT_RATE} ms. ` +
    `${b.ordersAtOanda} order requests reached OANDA for ${b.answeredAccepted} accepted alerts (warm-up included), ` +
    `${b.tradesAtOanda} trades open there, ${b.notOk} orders not ok, ${drained(b.drainSeconds)}. The adapter keeps ` +
    `to 100 requests/s (OANDA's best practice): when the burst's last answer came, ${burst.bot.tradesAtOanda} of its ` +
    `1,200 orders (warm-up included) had reached OANDA, the rest queued behind the webhook; ` +
    `${adapterMemoryNote(results.s12.memory, 'OANDA')}. The adapter alone ` +
    `(same process as the emulator, no bot): order round trip p50 ${fmt(results.s12.adapter.roundTripMs.p50, 2, 'ms')}, ` +
    `p99 ${fmt(results.s12.adapter.roundTripMs.p99, 2, 'ms')}.`
  );
}
