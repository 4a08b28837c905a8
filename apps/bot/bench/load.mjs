/**
 * The load generator, run as its own process so it never shares an event loop with a server it measures.
 * Usage: node load.mjs '<json options>'; prints one JSON result line. Options:
 *   url, secret, idPrefix          where to send and how to name alert ids (each request gets a unique id)
 *   connections                    concurrent autocannon clients
 *   rate                           overall requests/s (autocannon sends each second's quota back to back)
 *   paced                          with rate: one request every 1000/rate ms on a fixed schedule instead
 *                                  (pacedLoad.mjs; connections is then ignored)
 *   duration | amount              seconds to run, or a fixed number of requests (one per connection for a burst)
 *   newConnection                  open a fresh TCP connection for every request
 *   warmup                         { duration | amount, connections } run first with the same shape, not measured
 *   recordSendTimes, collectIds    return each alert id's send time / the journal ids answered "accepted"
 *   price                          the alerts' price (default 2650.1); the bot feeds it to the paper broker
 *   alternate                      buy and sell in turn instead of buys only
 */
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import autocannon from 'autocannon';
import { runPacedPhase } from './pacedLoad.mjs';
import { summarize } from './stats.mjs';

const options = JSON.parse(process.argv[2] ?? '{}');

function alertBody(id, sequence) {
  return JSON.stringify({
    secret: options.secret,
    id,
    type: 'entry',
    symbol: 'XAUUSD',
    signal: options.alternate && sequence % 2 === 0 ? 'sell' : 'buy',
    tf: '5m',
    price: options.price ?? 2650.1,
  });
}

function classify(text) {
  if (/"id":(\d+),"status":"accepted"/.test(text)) return 'accepted';
  return text.includes('"status":"duplicate"') ? 'duplicate' : 'other';
}

const journalId = (text) => Number(/"id":(\d+),"status":"accepted"/.exec(text)[1]);

function runPhase(label, shape) {
  if (shape.paced) return runPacedPhase(options, label, shape, { alertBody, classify, journalId, summarize });
  const latencies = [];
  const sendTimes = shape.recordSendTimes ? {} : undefined;
  const journalIds = shape.collectIds ? [] : undefined;
  const statusCodes = {};
  const sockets = new WeakSet();
  const counts = { requests: 0, responses: 0, accepted: 0, duplicate: 0, other: 0, sockets: 0 };
  let sequence = 0;

  const setupRequest = (request) => {
    sequence += 1;
    const id = `${options.idPrefix}-${label}-${sequence}`;
    // Taken as the request is built: right before autocannon writes it, or, for a client's first request, as the
    // client is created and starts connecting.
    if (sendTimes) sendTimes[id] = performance.timeOrigin + performance.now();
    return { ...request, body: alertBody(id, sequence) };
  };

  // Timed from the client's own events: with reconnectRate autocannon drops every response that triggers a
  // reconnect from its statistics, so its histogram would be empty in the new-connection mode.
  const setupClient = (client) => {
    let sentAt;
    let awaitingBody = false;
    client.on('request', () => {
      counts.requests += 1;
      sentAt = performance.now();
      // `conn` is autocannon's socket for this client; counting distinct ones shows whether requests share them.
      if (client.conn && !sockets.has(client.conn)) {
        sockets.add(client.conn);
        counts.sockets += 1;
      }
    });
    client.on('headers', (info) => {
      if (sentAt === undefined) return;
      latencies.push(performance.now() - sentAt);
      sentAt = undefined;
      counts.responses += 1;
      statusCodes[info.statusCode] = (statusCodes[info.statusCode] ?? 0) + 1;
      awaitingBody = true;
    });
    client.on('body', (chunk) => {
      if (!awaitingBody) return;
      awaitingBody = false;
      const text = chunk.toString();
      const kind = classify(text);
      counts[kind] += 1;
      if (kind === 'accepted') journalIds?.push(journalId(text));
    });
    // A timed-out or broken request is re-sent on a new socket; its start time must not be paired with that answer.
    client.on('timeout', () => (sentAt = undefined));
    client.on('connError', () => (sentAt = undefined));
  };

  const config = {
    url: options.url,
    requests: [{ method: 'POST', path: '/webhook', headers: { 'content-type': 'application/json' }, setupRequest }],
    setupClient,
    connections: shape.connections,
    pipelining: 1,
    timeout: 10,
    ...(shape.amount ? { amount: shape.amount } : { duration: shape.duration }),
    // autocannon's correction assumes an interval of ceil(1/rate) ms and invents samples; raw times are wanted.
    ...(shape.rate ? { overallRate: shape.rate, ignoreCoordinatedOmission: true } : {}),
    ...(shape.newConnection ? { reconnectRate: 1 } : {}),
  };
  const started = performance.now();
  return new Promise((resolve, reject) => {
    autocannon(config, (error, result) => {
      if (error) {
        reject(error);
        return;
      }
      const elapsedSeconds = (performance.now() - started) / 1000;
      resolve({
        label,
        elapsedSeconds,
        ...counts,
        statusCodes,
        acceptedPerSecond: counts.accepted / elapsedSeconds,
        latencyMs: summarize(latencies),
        autocannon: {
          '2xx': result['2xx'],
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
        },
        ...(sendTimes ? { sendTimes } : {}),
        ...(journalIds ? { journalIds } : {}),
      });
    });
  });
}

async function main() {
  const shape = {
    connections: options.connections,
    rate: options.rate,
    duration: options.duration,
    amount: options.amount,
    newConnection: options.newConnection,
    paced: options.paced,
  };
  const warmup = options.warmup
    ? await runPhase('warm', {
        ...shape,
        duration: undefined,
        amount: undefined,
        ...options.warmup,
        collectIds: options.collectIds,
      })
    : undefined;
  const run = await runPhase('run', {
    ...shape,
    recordSendTimes: options.recordSendTimes,
    collectIds: options.collectIds,
  });
  return `${JSON.stringify({ warmup, run })}\n`;
}

main().then(
  // Exit only once the (possibly large) result has left the pipe.
  (line) => process.stdout.write(line, () => process.exit(0)),
  (error) => {
    process.stderr.write(`load generator failed: ${error?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
