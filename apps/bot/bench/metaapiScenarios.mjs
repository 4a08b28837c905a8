/**
 * Scenario 10: the bot with `broker.kind` "metaapi" against the MetaApi REST emulator on loopback (in this
 * process). Measures alert send → trade request arriving at MetaApi, a burst of order-placing alerts, and the
 * adapter's memory as the idle RSS of this bot minus the paper bot of scenario 8.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MetaApiBroker, metaApiClientId } from '@zepix/broker-metaapi';
import { startMetaApiEmulator } from '@zepix/broker-metaapi/testing';
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

const ACCOUNT = 'bench-metaapi-account';

/** The broker section of the MetaApi bench project. */
export const METAAPI_BROKER = { kind: 'metaapi', metaapi: { account_id: ACCOUNT, region: 'new-york' } };

async function withEmulator(project, measure) {
  const emulator = await startMetaApiEmulator({
    accountId: ACCOUNT,
    balance: 100_000,
    // The alerts say 2030; MetaTrader's own market is where the orders fill.
    prices: { XAUUSD: { bid: 2029.9, ask: 2030.1 } },
  });
  project.env = { ZEPIX_METAAPI_TOKEN: emulator.token, ZEPIX_METAAPI_API_URL: emulator.url };
  try {
    return await measure(emulator);
  } finally {
    await emulator.close();
  }
}

/** Arrival time of each market order at the emulator, by the clientId it carried. */
function orderArrivals(emulator) {
  const arrivals = new Map();
  for (const request of emulator.requests) {
    const body = request.body;
    if (request.path.endsWith('/trade') && body?.actionType?.startsWith('ORDER_TYPE_')) {
      arrivals.set(body.clientId, request.receivedAt);
    }
  }
  return arrivals;
}

/** Alert sent → trade request at MetaApi, at `shape.rate`, and how many positions MetaApi holds afterwards. */
export function metaapiOrderLatency(ctx, shape) {
  return withEmulator(ctx.projectMetaApi, (emulator) =>
    withServer(ctx, 'bot', ctx.projectMetaApi, async (server) => {
      const { warmup, run } = await warmedLoad(server, 'metaapi', { ...shape, recordSendTimes: true }, ORDER_WARMUP);
      const drain = await waitForDrain(server);
      await server.stop();
      const stamps = readOrderStamps(server.dataDir, BENCH_PLUGIN_ID);
      const arrivals = orderArrivals(emulator);
      const arrivedFor = (id) => {
        const clientOrderId = stamps.get(id)?.clientOrderId;
        return clientOrderId ? arrivals.get(metaApiClientId(clientOrderId)) : undefined;
      };
      const notOk = [...stamps.values()].filter((stamp) => !stamp.ok).length;
      return {
        load: lean(run),
        warmup: lean(warmup),
        requestLatencyMs: sinceSend(run.sendTimes, arrivedFor).latencyMs,
        sent: Object.keys(run.sendTimes).length,
        notOk,
        ordersAtMetaApi: arrivals.size,
        positionsAtMetaApi: emulator.account.positions().length,
        answeredAccepted: warmup.accepted + run.accepted,
        drainSeconds: drain.seconds,
      };
    }),
  );
}

/** The MetaApi adapter's memory: idle RSS on MetaApi (against the emulator) minus on paper, alternating pairs. */
export function metaapiAdapterMemory(ctx) {
  return withEmulator(ctx.projectMetaApi, () => adapterMemory(ctx, ctx.projectOrders, ctx.projectMetaApi));
}

/** The adapter alone, in this process: 250 sequential placeMarketOrder round trips (one every 50 ms at most) to the emulator. */
export async function metaapiAdapterRoundTrip() {
  const emulator = await startMetaApiEmulator({ accountId: ACCOUNT, prices: { XAUUSD: { bid: 2029.9, ask: 2030.1 } } });
  const dir = mkdtempSync(join(tmpdir(), 'zepix-bench-metaapi-'));
  const broker = MetaApiBroker.open({
    token: emulator.token,
    accountId: ACCOUNT,
    apiUrl: emulator.url,
    dataPath: join(dir, 'metaapi.db'),
    pollIntervalMs: 0,
  });
  try {
    return await orderRoundTrips(broker);
  } finally {
    await broker.close();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 1,000 order-placing alerts at once: how fast the bot answers while the orders go to MetaApi. */
export function metaapiBurst(ctx, price) {
  return withEmulator(ctx.projectMetaApi, (emulator) =>
    withServer(ctx, 'bot', ctx.projectMetaApi, async (server) => {
      const { run } = await load(server, 'metaapi-burst', burstShape(price));
      const drain = await waitForDrain(server);
      return { load: lean(run), positionsAtMetaApi: emulator.account.positions().length, drainSeconds: drain.seconds };
    }),
  );
}

/** Rows for the table, in report.mjs's row shape; the paper burst is scenario 12's of the same run. */
export function metaapiRows(results) {
  const { s13, s12 } = results;
  return brokerRows({
    section: s13,
    title: `13 alert → MetaApi trade request, ${BROKER_ALERT_RATE}/s paced`,
    name: 'metaapi',
    paperBurst: s12?.burst?.paper?.load,
    floor: results.orderFloor?.requestLatencyMs,
  });
}

/** The note under the table. */
export function metaapiNote(results) {
  const { latency, burst } = results.s13;
  const b = latency.bot;
  const drained = (s) => (s === null ? 'not drained within 30 s' : `drained in ${fmt(s, 1, 's')}`);
  return (
    `MetaApi (13): the bot with broker.kind "metaapi" against the MetaApi REST emulator (in the bench process, ` +
    `loopback); latency = alert send stamp → the trade request's arrival at the emulator, matched through the ` +
    `short clientId; one alert every ${1000 / BROKER_ALERT_RATE} ms. ${b.ordersAtMetaApi} trade requests reached MetaApi for ${b.answeredAccepted} accepted alerts ` +
    `(warm-up included), ${b.positionsAtMetaApi} positions open there, ${b.notOk} orders not ok, ` +
    `${drained(b.drainSeconds)}. Burst: ${burst.bot.positionsAtMetaApi} of its 1,200 orders (warm-up included) ` +
    `open at MetaApi, ${drained(burst.bot.drainSeconds)}; ${adapterMemoryNote(results.s13.memory, 'MetaApi')}. ` +
    `The adapter alone (same ` +
    `process as the emulator, no bot): order round trip (trade request + read-back) p50 ` +
    `${fmt(results.s13.adapter.roundTripMs.p50, 2, 'ms')}, p99 ${fmt(results.s13.adapter.roundTripMs.p99, 2, 'ms')}.`
  );
}
