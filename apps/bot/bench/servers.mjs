import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { spawnTracked, stopChild } from './children.mjs';
import { BOT_DIR } from './project.mjs';

/** Secrets the bench hands the bot; long enough for its ≥ 12 character rule. */
export const WEBHOOK_SECRET = 'bench-webhook-secret-0123456789';
const API_TOKEN = 'bench-api-token-0123456789';

const CLI = join(BOT_DIR, 'dist', 'cli.js');
const BARE_SERVER = fileURLToPath(new URL('./bareServer.mjs', import.meta.url));
const FLOOR_SERVER = fileURLToPath(new URL('./floorServer.mjs', import.meta.url));
const ORDER_FLOOR_SERVER = fileURLToPath(new URL('./orderFloorServer.mjs', import.meta.url));
const START_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 20_000;
const POLL_MS = 5;

/** A port that was free a moment ago, so start-up can be polled from the instant of spawn. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** GET over a fresh connection (agent: false), so it never borrows a socket from measured traffic. */
export function getJson(url, headers = {}, timeoutMs = 2000) {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode, body: JSON.parse(text) });
        } catch {
          resolve({ status: res.statusCode, body: text });
        }
      });
    });
    req.once('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.once('error', reject);
    req.end();
  });
}

/** Resident and peak resident memory of a process, in MB (MiB), from /proc. */
export function memoryMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) / 1024 : null;
  };
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

function tail(file) {
  return existsSync(file) ? readFileSync(file, 'utf8').slice(-4000) : '(no output)';
}

/**
 * Polls /health from the moment of spawn until the first 200; that span is the start-up time (the bot then
 * journals and answers webhooks). With `untilReady`, goes on until the engine no longer says `starting`.
 */
async function waitUntilServing(child, url, startedAt, logFile, untilReady = () => true) {
  const deadline = startedAt + START_TIMEOUT_MS;
  let startupMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${url}: server exited (${child.exitCode ?? child.signalCode}) while starting:\n${tail(logFile)}`,
      );
    }
    try {
      const health = await getJson(`${url}/health`, {}, 500);
      if (health.status === 200) {
        const now = performance.now() - startedAt;
        startupMs ??= now;
        if (untilReady(health.body)) return { startupMs, readyMs: now, health: health.body };
      }
    } catch {
      // Not listening yet.
    }
    await sleep(POLL_MS);
  }
  throw new Error(`${url}: no 200 on /health within ${START_TIMEOUT_MS} ms:\n${tail(logFile)}`);
}

async function launch({ kind, args, cwd, env, logFile, ready }) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const out = openSync(logFile, 'a');
  const startedAt = performance.now();
  const portArg = kind === 'bot' ? [] : [String(port)];
  const child = spawnTracked(process.execPath, [...args.slice(0, 1), ...portArg, ...args.slice(1)], {
    cwd,
    env: { ...env, ...(kind === 'bot' ? { ZEPIX_PORT: String(port) } : {}) },
    // Logs go to a file, as in a deployment; a pipe would make the bench's own event loop part of the bot's cost.
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  let serving;
  try {
    serving = await waitUntilServing(child, url, startedAt, logFile, ready);
  } catch (error) {
    await stopChild(child, STOP_GRACE_MS);
    throw error;
  }
  const { startupMs, readyMs, health } = serving;
  return {
    kind,
    url,
    pid: child.pid,
    startupMs,
    readyMs,
    health,
    logFile,
    memory: () => memoryMb(child.pid),
    stop: () => stopChild(child, STOP_GRACE_MS),
  };
}

function envWithout(prefix) {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith(prefix)));
}

function nodeArgs() {
  return (process.env.ZEPIX_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

/**
 * The node flags of the CLI's `#!/usr/bin/env -S node <flags>` line: the bot is started as the `zepix` bin starts
 * it (npm's symlink runs that line, pnpm's shim copies its flags into `node <flags> cli.js`).
 */
export function shebangArgs(cli = CLI) {
  const first = readFileSync(cli, 'utf8').split('\n', 1)[0] ?? '';
  const match = /^#!\S*env -S node(?<flags>(?: \S+)*)$/.exec(first);
  return match?.groups?.flags?.split(' ').filter(Boolean) ?? [];
}

/** Starts `zepix start` in the project folder with its own data folder, at the default log level (info). */
export async function startBot({ project, dataDir, logFile, env = {} }) {
  const server = await launch({
    kind: 'bot',
    // ZEPIX_BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the measured bot.
    args: [...shebangArgs(), ...nodeArgs(), CLI, 'start'],
    cwd: project.dir,
    env: {
      // The operator's own ZEPIX_* settings must not leak into the measured bot.
      ...envWithout('ZEPIX_'),
      ZEPIX_WEBHOOK_SECRET: WEBHOOK_SECRET,
      ZEPIX_API_TOKEN: API_TOKEN,
      ZEPIX_DATA_DIR: dataDir,
      ZEPIX_LOG_LEVEL: 'info',
      // A project may bring its own (a real broker's endpoint and token, e.g. the OANDA emulator's).
      ...project.env,
      ...env,
    },
    logFile,
    // Scenarios measure the running engine: wait until it has loaded its plugins (`readyMs`).
    ready: (health) => health.engine?.status !== 'starting',
  });
  const loaded = server.health?.plugins?.loaded;
  if (loaded !== project.pluginCount) {
    await server.stop();
    throw new Error(`bot loaded ${loaded} plugin(s), expected ${project.pluginCount}:\n${tail(logFile)}`);
  }
  return {
    ...server,
    dataDir,
    status: async () => {
      const answer = await getJson(`${server.url}/api/status`, { authorization: `Bearer ${API_TOKEN}` });
      if (answer.status !== 200) throw new Error(`/api/status answered ${answer.status}`);
      return answer.body;
    },
  };
}

/** Starts the floor: bare node:http plus one SQLite FULL commit per request (floorServer.mjs). */
export async function startFloor({ cwd, logFile, dataDir }) {
  return launch({ kind: 'floor', args: [FLOOR_SERVER, dataDir], cwd, env: process.env, logFile });
}

/** Starts the order floor (orderFloorServer.mjs): the floor, plus a thread that commits an intent and sends it to `target`. */
export async function startOrderFloor({ cwd, logFile, dataDir, target }) {
  return launch({ kind: 'orderFloor', args: [ORDER_FLOOR_SERVER, dataDir, target], cwd, env: process.env, logFile });
}

/** Starts the bare node:http server. */
export async function startBare({ cwd, logFile }) {
  const server = await launch({ kind: 'bare', args: [BARE_SERVER], cwd, env: process.env, logFile });
  return { ...server, counters: async () => (await getJson(`${server.url}/stats`)).body };
}
