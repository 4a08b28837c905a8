/**
 * An open-loop load generator: one request every 1000/rate ms on a fixed schedule, whether or not earlier answers
 * have come back. "100/s" then means one alert every 10 ms, the way alerts from many charts arrive, where
 * autocannon's rate limit sends each second's quota back to back and then waits (a burst of `rate` every second).
 * A late answer never delays the next send (up to MAX_SOCKETS in flight), so slowness shows up as latency
 * instead of being hidden as a lower send rate (coordinated omission).
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

const MAX_SOCKETS = 32;
const TIMEOUT_MS = 10_000;

/**
 * @param {object} options url, secret, idPrefix (load.mjs's options)
 * @param {string} label 'warm' or 'run'
 * @param {object} shape rate, duration | amount, newConnection, recordSendTimes, collectIds
 * @param {object} tools { alertBody(id, sequence), classify(text) → 'accepted' | 'duplicate' | 'other', journalId(text) }
 */
export function runPacedPhase(options, label, shape, tools) {
  const target = new URL('/webhook', options.url);
  // A new connection per request: no agent (Node opens one socket per request) and the server is told to close it.
  const agent = shape.newConnection ? false : new Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
  const intervalMs = 1000 / shape.rate;
  const total = shape.amount ?? Math.round(shape.duration * shape.rate);
  const state = {
    latencies: [],
    lateness: [],
    sendTimes: shape.recordSendTimes ? {} : undefined,
    journalIds: shape.collectIds ? [] : undefined,
    statusCodes: {},
    sockets: new WeakSet(),
    counts: { requests: 0, responses: 0, accepted: 0, duplicate: 0, other: 0, errors: 0, sockets: 0 },
  };
  const started = performance.now();
  return new Promise((resolve) => {
    let sent = 0;
    let settled = 0;
    const settle = () => {
      settled += 1;
      if (settled < total) return;
      if (agent) agent.destroy();
      resolve(summary(label, state, (performance.now() - started) / 1000, tools));
    };
    const tick = () => {
      // Catch up on every send that is due: a late timer must not thin out the schedule.
      while (sent < total && started + sent * intervalMs <= performance.now()) {
        state.lateness.push(performance.now() - (started + sent * intervalMs));
        sent += 1;
        sendOne(options, target, agent, { label, sequence: sent, state, tools, shape }, settle);
      }
      if (sent < total) setTimeout(tick, Math.max(0, started + sent * intervalMs - performance.now()));
    };
    if (total === 0) resolve(summary(label, state, 0, tools));
    else tick();
  });
}

function sendOne(options, target, agent, { label, sequence, state, tools, shape }, settle) {
  let finished = false;
  // An error after the answer (a reset socket) must not count the request twice.
  const done = () => {
    if (finished) return;
    finished = true;
    settle();
  };
  const id = `${options.idPrefix}-${label}-${sequence}`;
  const body = tools.alertBody(id, sequence);
  const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
  if (shape.newConnection) headers.connection = 'close';
  const req = request(target, { method: 'POST', agent, headers, timeout: TIMEOUT_MS });
  let sentAt;
  req.on('socket', (socket) => {
    if (state.sockets.has(socket)) return;
    state.sockets.add(socket);
    state.counts.sockets += 1;
  });
  req.on('response', (res) => {
    state.latencies.push(performance.now() - sentAt);
    state.counts.responses += 1;
    state.statusCodes[res.statusCode] = (state.statusCodes[res.statusCode] ?? 0) + 1;
    const chunks = [];
    // A connection reset after the headers ends the answer without 'end': count it as an error, not a hang.
    res.on('error', () => {
      state.counts.errors += 1;
      done();
    });
    res.on('data', (chunk) => chunks.push(chunk));
    res.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      const kind = tools.classify(text);
      state.counts[kind] += 1;
      if (kind === 'accepted') state.journalIds?.push(tools.journalId(text));
      done();
    });
  });
  req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
  req.on('error', () => {
    state.counts.errors += 1;
    done();
  });
  state.counts.requests += 1;
  if (state.sendTimes) state.sendTimes[id] = performance.timeOrigin + performance.now();
  sentAt = performance.now();
  req.end(body);
}

function summary(label, state, elapsedSeconds, tools) {
  return {
    label,
    elapsedSeconds,
    ...state.counts,
    statusCodes: state.statusCodes,
    acceptedPerSecond: elapsedSeconds > 0 ? state.counts.accepted / elapsedSeconds : 0,
    latencyMs: tools.summarize(state.latencies),
    // How far behind its schedule the generator itself sent: large values mean the client, not the server, was slow.
    senderLateMs: tools.summarize(state.lateness),
    paced: true,
    ...(state.sendTimes ? { sendTimes: state.sendTimes } : {}),
    ...(state.journalIds ? { journalIds: state.journalIds } : {}),
  };
}
