import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { startBot } from '../src/runtime/startBot.js';
import type { RunningBot } from '../src/runtime/startBot.js';
import { createFixtureProject } from './fixtureProject.js';
import type { FixturePlugin, FixtureProject } from './fixtureProject.js';
import { recorderPluginSource } from './recorderPlugin.js';

/** A fixture case from alerts.jsonl (copied from the shared fixtures). */
export interface AlertFixture {
  readonly name: string;
  readonly contentType: string;
  readonly body: string;
  readonly expect: 'accepted' | 'rejected';
  readonly kind?: string;
}

/** Every real-shaped alert body, with the answer it must get. */
export function loadAlertFixtures(): AlertFixture[] {
  const text = readFileSync(new URL('./fixtures/alerts.jsonl', import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as AlertFixture);
}

/** A recorder plugin package named `@zepix/plugin-<id>`. */
export function recorder(id: string): FixturePlugin {
  const entry = `${id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}Plugin`;
  return {
    name: `@zepix/plugin-${id}`,
    zepix: { kind: 'logic-plugin', id, entry, apiVersion: 1 },
    source: recorderPluginSource(entry),
  };
}

/** An HTTP answer with its parsed JSON body. */
export interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** A bot running in this process on 127.0.0.1 with a fixture project and its own data folder. */
export interface TestBot {
  readonly running: RunningBot;
  readonly url: string;
  readonly dataDir: string;
  readonly project: FixtureProject;
  /** POSTs a body to /webhook (or /webhook/<token>). */
  post(body: string, options?: { contentType?: string; token?: string; secret?: string | null }): Promise<Answer>;
  /** Calls the operator API with the bearer token (or `token`). */
  api(path: string, options?: { method?: string; token?: string | null; body?: unknown }): Promise<Answer>;
  /** Rows the recorder plugin `id` stored, in order. */
  seen(id: string): { journal_id: number; kind: string; symbol: string }[];
  /** Waits until every alert answered so far has been dispatched. */
  settle(): Promise<void>;
  /** Waits until the journal row is fully dispatched. */
  dispatched(id: number): Promise<void>;
  /** Stops the bot (the data folder stays for a restart). */
  stop(): Promise<void>;
  /** Starts a new bot on the same project and data folder. */
  restart(): Promise<TestBot>;
  /** Stops the bot and deletes everything. */
  remove(): Promise<void>;
}

/** Puts the secret where a user would: a "secret" field for JSON-looking bodies, the URL for the rest. */
export function withSecret(body: string, secret: string): { body: string; token?: string } {
  const trimmed = body.trim();
  if (!trimmed.startsWith('{')) return { body, token: secret };
  return { body: trimmed.replace('{', `{"secret":${JSON.stringify(secret)},`).replace(',}', '}') };
}

async function request(url: string, init: RequestInit): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Starts the real bot (startBot) against a fixture project whose dependencies are `plugins`. */
export async function startTestBot(options: {
  readonly plugins?: readonly FixturePlugin[];
  readonly config?: unknown;
  readonly project?: FixtureProject;
  readonly dataDir?: string;
  /** Use this project's dependencies (e.g. apps/bot with the real plugins) instead of the fixture project's. */
  readonly projectDir?: string;
  /** Extra environment for the bot (Telegram settings); secrets still come from the data folder. */
  readonly env?: NodeJS.ProcessEnv;
  /** The bot's clock (kept across restarts). */
  /** Shared clock offset for the engine thread (see StartOptions.clockOffset). */
  readonly clockOffset?: SharedArrayBuffer;
  /** Journaled alerts in flight to the engine at most (see StartOptions.maxInFlight). */
  readonly maxInFlight?: number;
}): Promise<TestBot> {
  const project = options.project ?? createFixtureProject({ deps: options.plugins ?? [], withBot: true });
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'zepix-data-'));
  const configPath = join(dataDir, 'test.config.json');
  writeFileSync(configPath, JSON.stringify(options.config ?? {}));
  const running = await startBot({
    cwd: project.dir,
    dataDir,
    configPath,
    ...(options.projectDir ? { projectDir: options.projectDir } : {}),
    env: { ...process.env, ZEPIX_TELEGRAM_TOKEN: undefined, ZEPIX_WEBHOOK_SECRET: undefined, ...options.env },
    host: '127.0.0.1',
    port: 0,
    logger: pino({ level: 'silent' }),
    ...(options.clockOffset ? { clockOffset: options.clockOffset } : {}),
    ...(options.maxInFlight ? { maxInFlight: options.maxInFlight } : {}),
  });
  const { url } = running;
  const bot: TestBot = {
    running,
    url,
    dataDir,
    project,
    post: (body, o = {}) => {
      const token = o.token;
      return request(`${url}/webhook${token === undefined ? '' : `/${encodeURIComponent(token)}`}`, {
        method: 'POST',
        headers: { 'content-type': o.contentType ?? 'application/json' },
        body,
      });
    },
    api: (path, o = {}) =>
      request(`${url}/api${path}`, {
        method: o.method ?? 'GET',
        headers: {
          ...(o.token === null ? {} : { authorization: `Bearer ${o.token ?? running.secrets.apiToken}` }),
          ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(o.body === undefined ? {} : { body: JSON.stringify(o.body) }),
      }),
    seen: (id) => {
      const db = new Database(join(dataDir, `zepix_${id}.db`), { readonly: true });
      try {
        return db.prepare('SELECT journal_id, kind, symbol FROM seen ORDER BY rowid').all() as ReturnType<
          TestBot['seen']
        >;
      } finally {
        db.close();
      }
    },
    settle: async () => {
      // Messages reach the engine in order, so this answers after every alert answered so far is dispatched.
      await running.engine.calls.idle();
    },
    dispatched: async (id) => {
      for (let i = 0; i < 500; i += 1) {
        if (running.journal.get(id)?.dispatchState === 'done') return;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`alert ${id} was not dispatched within 5 s`);
    },
    stop: () => running.close(),
    restart: async () => {
      await running.close();
      return startTestBot({ ...options, project, dataDir });
    },
    remove: async () => {
      await running.close();
      project.remove();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return bot;
}

/** The paper broker's latest quote for a symbol, read from its database (the engine thread owns the broker). */
export function paperQuote(dataDir: string, symbol: string): { bid: number; ask: number } | undefined {
  const db = new Database(join(dataDir, 'zepix_paper.db'), { readonly: true });
  try {
    return db.prepare('SELECT bid, ask FROM prices WHERE symbol = ?').get(symbol) as
      { bid: number; ask: number } | undefined;
  } finally {
    db.close();
  }
}
