import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { recorder, startTestBot } from '../botHarness.js';
import type { TestBot } from '../botHarness.js';
import type { FixturePlugin } from '../fixtureProject.js';

/** A plugin that misbehaves on demand: spins the thread on SPIN, throws from a timer on CRASH. */
const wild: FixturePlugin = {
  name: '@zepix/plugin-wild',
  zepix: { kind: 'logic-plugin', id: 'wild', entry: 'WildPlugin', apiVersion: 1 },
  source: `import { BaseLogicPlugin } from '@zepix/plugin-core';
export class WildPlugin extends BaseLogicPlugin {
  async processEntrySignal(alert) {
    if (alert.symbol === 'SPIN') { const until = Date.now() + 7000; while (Date.now() < until) {} }
    if (alert.symbol === 'CRASH') setTimeout(() => { throw new Error('uncaught in a plugin timer'); }, 0);
    return { status: 'ok', message: 'wild ' + alert.symbol };
  }
  async processExitSignal() { return { status: 'skipped', message: 'no' }; }
  async processReversalSignal() { return { status: 'skipped', message: 'no' }; }
}
`,
};

const bots: TestBot[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.remove();
});

const alert = (secret: string, symbol: string, n: number) =>
  JSON.stringify({ secret, id: `engine-${symbol}-${n}`, type: 'entry', symbol, signal: 'buy', tf: '5m' });

async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Each thread of this process with its nice value (Linux: field 19 of /proc/self/task/<tid>/stat). */
function threadNices(): Map<number, number> {
  const nices = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    nices.set(Number(tid), Number(fields[16]));
  }
  return nices;
}

describe('the engine thread', () => {
  it.runIf(process.platform === 'linux')('runs 10 nice steps below the intake, which keeps its priority', async () => {
    const before = threadNices();
    const intakeTid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    const bot = await startTestBot({ plugins: [recorder('steady')] });
    bots.push(bot);
    const after = threadNices();
    const intakeNice = after.get(intakeTid);
    expect(intakeNice).toBe(before.get(intakeTid));
    const lowered = [...after].filter(([tid, nice]) => !before.has(tid) && nice === (intakeNice ?? 0) + 10);
    expect(lowered).toHaveLength(1);
  });

  it.runIf(process.platform === 'linux')('keeps the intake priority with plugin_system.engine_nice 0', async () => {
    const before = threadNices();
    const bot = await startTestBot({ plugins: [recorder('steady')], config: { plugin_system: { engine_nice: 0 } } });
    bots.push(bot);
    const intakeNice = threadNices().get(Number(readlinkSync('/proc/thread-self').split('/').pop()));
    const lowered = [...threadNices()].filter(([tid, nice]) => !before.has(tid) && nice !== intakeNice);
    expect(lowered).toEqual([]);
  });

  it('a spinning plugin stops trading, not webhook answers or /health, and /health says so', async () => {
    const bot = await startTestBot({ plugins: [wild, recorder('steady')] });
    bots.push(bot);
    const secret = bot.running.secrets.webhookSecret;
    expect((await bot.post(alert(secret, 'SPIN', 1))).status).toBe(200);
    // While the engine spins, alerts are still journaled and answered.
    const during = await bot.post(alert(secret, 'EURUSD', 2));
    expect(during.status).toBe(200);
    const degraded = await until('a degraded /health', async () => {
      const health = (await (await fetch(`${bot.url}/health`)).json()) as Record<string, unknown>;
      return health.status === 'degraded' ? health : undefined;
    });
    expect(degraded).toMatchObject({
      engine: { status: 'stalled' },
      reasons: [expect.stringContaining('not reported')],
    });
    // Once the spin ends, the alert answered meanwhile is traded.
    await bot.settle();
    expect(bot.seen('steady').map((r) => r.journal_id)).toContain(during.body.id);
  });

  it('restarts a dead engine thread, which then dispatches what was journaled meanwhile', async () => {
    const bot = await startTestBot({ plugins: [wild, recorder('steady')] });
    bots.push(bot);
    const secret = bot.running.secrets.webhookSecret;
    expect((await bot.post(alert(secret, 'CRASH', 1))).status).toBe(200);
    await until('the engine to stop', () => (bot.running.engine.health().status === 'stopped' ? true : undefined));
    const meanwhile = await bot.post(alert(secret, 'EURUSD', 2));
    expect(meanwhile.status).toBe(200);
    await until('the alert journaled while the engine was down to be dispatched', () =>
      bot.seen('steady').some((r) => r.journal_id === meanwhile.body.id) ? true : undefined,
    );
    expect(bot.running.engine.health().status).toBe('running');
  });

  it('with few alerts in flight to the engine, the rest are read back from the journal in order, each once', async () => {
    const bot = await startTestBot({ plugins: [recorder('steady')], maxInFlight: 2 });
    bots.push(bot);
    const secret = bot.running.secrets.webhookSecret;
    const symbols = ['EURUSD', 'XAUUSD', 'GBPUSD'];
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, n) => bot.post(alert(secret, symbols[n % 3] as string, n))),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await bot.settle();
    const seen = bot.seen('steady');
    const ids = answers.map((a) => a.body.id as number).sort((a, b) => a - b);
    // Every alert once, and each symbol's alerts in journal order.
    expect(seen.map((r) => r.journal_id).sort((a, b) => a - b)).toEqual(ids);
    for (const symbol of symbols) {
      const lane = seen.filter((r) => r.symbol === symbol).map((r) => r.journal_id);
      expect(lane).toEqual([...lane].sort((a, b) => a - b));
    }
  });
});
