import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal } from '@zepix/journal';
import { BaseLogicPlugin, PluginRegistry } from '@zepix/plugin-core';
import type { Alert, PluginResult, ServiceResult, Position } from '@zepix/plugin-core';
import { entryAlert } from '@zepix/plugin-core/testing';
import { createPluginHarness } from '@zepix/testing';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Router } from '../routing/Router.js';
import { TrendStore } from '../trends/TrendStore.js';
import { Dispatcher } from './Dispatcher.js';
import type { RetryPolicy } from './PluginCaller.js';
import { CALL_FENCED, countsAsFailure, guardOrders } from './pluginCall.js';

/** What the scripted plugin does on each call, in turn (the last step repeats). */
type Step = 'order-then-throw' | 'locked' | 'order' | 'order-or-fail' | 'ok' | 'hang-then-order';

class Scripted extends BaseLogicPlugin {
  steps: Step[] = ['ok'];
  calls = 0;
  /** Results of orders the plugin asked for, including ones refused after its timeout. */
  readonly orderResults: ServiceResult<Position>[] = [];

  async #order(alert: Alert): Promise<void> {
    this.orderResults.push(await this.services.orderExecution.placeOrder({ alert, direction: 'buy', stopLoss: 2640 }));
  }

  async processEntrySignal(alert: Alert): Promise<PluginResult> {
    const step = this.steps[Math.min(this.calls, this.steps.length - 1)]!;
    this.calls += 1;
    if (step === 'locked') throw new Error('database is locked');
    if (step === 'hang-then-order') {
      await new Promise((resolve) => setTimeout(resolve, 120));
      await this.#order(alert);
      return { status: 'ok', message: 'late' };
    }
    if (step === 'ok') return { status: 'ok', message: 'nothing to do' };
    await this.#order(alert);
    const last = this.orderResults.at(-1);
    if (step === 'order-or-fail' && last && !last.ok) return { status: 'failed', message: last.reason };
    if (step === 'order-then-throw') throw new Error('chain registration exploded');
    return { status: 'ok', message: 'ordered' };
  }

  processExitSignal(): Promise<PluginResult> {
    return Promise.resolve({ status: 'skipped', message: 'entries only' });
  }

  processReversalSignal(): Promise<PluginResult> {
    return Promise.resolve({ status: 'skipped', message: 'entries only' });
  }
}

const dirs: string[] = [];
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const FAST: RetryPolicy = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 };

async function setup(
  options: { retry?: RetryPolicy; fallback?: string; unknownFirst?: number; throwAfterPlacingFirst?: number } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'zepix-dispatch-'));
  dirs.push(dir);
  const journal = Journal.open({ path: join(dir, 'journal.db') });
  const trends = new TrendStore(join(dir, 'trends.db'));
  closers.push(
    () => journal.close(),
    () => trends.close(),
  );
  const registry = new PluginRegistry({ callTimeoutMs: 50, maxConsecutiveFailures: 2, countsAsFailure });
  let unknownLeft = options.unknownFirst ?? 0;
  let throwLeft = options.throwAfterPlacingFirst ?? 0;
  const placed: string[] = [];
  // Each plugin runs on the real trading engine; the host's order guard and a broker that times out are put in
  // front of its order calls, as the bot wraps them.
  const make = async (id: string) => {
    const h = await createPluginHarness(Scripted, {
      id,
      wrapServices: (services) => {
        const base = services.orderExecution;
        const orderExecution = guardOrders({
          ...base,
          placeOrder: async (o) => {
            if (unknownLeft > 0) {
              unknownLeft -= 1;
              return { ok: false, status: 'unknown', code: 'ZEPIX_BROKER_UNKNOWN', reason: 'broker timed out' };
            }
            const result = await base.placeOrder(o);
            // The order reached the broker, then recording it failed (a full disk): the call throws.
            if (throwLeft > 0) {
              throwLeft -= 1;
              throw new Error('database or disk is full');
            }
            if (result.ok) placed.push(`${id}:${result.value.clientOrderId}`);
            return result;
          },
        });
        return { ...services, orderExecution };
      },
    });
    closers.push(() => h.close());
    registry.register(h.plugin);
    return h.plugin;
  };
  const main = await make('main');
  const spare = await make('spare');
  const given: string[] = [];
  const dispatcher = new Dispatcher({
    registry,
    journal,
    router: new Router([{ plugins: ['main'] }], options.fallback ?? null),
    trends,
    logger: pino({ level: 'silent' }),
    callTimeoutMs: 50,
    retry: options.retry ?? FAST,
    onGiveUp: (text) => given.push(text),
  });
  const journaled = async (): Promise<{ id: number; alert: Alert }> => {
    const alert = entryAlert({ symbol: 'XAUUSD' });
    const { id } = await journal.appendAccepted({
      receivedAt: new Date().toISOString(),
      sender: '127.0.0.1',
      contentType: 'application/json',
      raw: '{}',
      idempotencyKey: `id:${Math.random()}`,
      dedupWindowMs: 60_000,
      alert,
      family: alert.family,
      kind: alert.kind,
      symbol: alert.symbol,
    });
    return { id, alert };
  };
  return { journal, registry, dispatcher, main, spare, placed, given, journaled };
}

describe('the order path reported truthfully (issue 8 item 5)', () => {
  it('reports orders placed before a failure as placed, with their client order ids, and does not fall back', async () => {
    const { journal, registry, dispatcher, main, spare, journaled } = await setup({ fallback: 'spare' });
    main.steps = ['order-then-throw'];
    const { id, alert } = await journaled();
    await dispatcher.dispatch(id, alert);
    const outcome = journal.get(id)?.outcomes.find((o) => o.plugin === 'main');
    expect(outcome).toMatchObject({ status: 'ok', message: expect.stringContaining('then failed: ') });
    expect(outcome?.data).toMatchObject({
      ordersPlaced: [expect.any(String)],
      failedAfter: expect.stringContaining('chain registration exploded'),
    });
    expect(spare.calls).toBe(0);
    expect(registry.status('main').counters.consecutiveFailures).toBe(0);
  });
});

describe('transient failures (issue 8 item 6)', () => {
  it('retries a locked database with backoff; the row stays pending until the call succeeds', async () => {
    const { journal, registry, dispatcher, main, journaled } = await setup({
      retry: { attempts: 4, baseDelayMs: 40, maxDelayMs: 40 },
    });
    main.steps = ['locked', 'locked', 'order'];
    const { id, alert } = await journaled();
    const run = dispatcher.dispatch(id, alert);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(journal.get(id)?.dispatchState).toBe('pending');
    expect(dispatcher.retrying).toBe(1);
    await run;
    expect(main.calls).toBe(3);
    expect(journal.get(id)).toMatchObject({ dispatchState: 'done', outcomes: [{ plugin: 'main', status: 'ok' }] });
    expect(registry.get('main')?.enabled).toBe(true);
  });

  it.each([
    ['an unconfirmed broker outcome', { unknownFirst: 1 }],
    ['an order call that threw after reaching the broker', { throwAfterPlacingFirst: 1 }],
  ])('retries %s; the client order id keeps it to one order', async (_what, faults) => {
    const { journal, dispatcher, main, placed, journaled } = await setup(faults);
    main.steps = ['order-or-fail'];
    const { id, alert } = await journaled();
    await dispatcher.dispatch(id, alert);
    expect(main.calls).toBe(2);
    expect(placed).toHaveLength(1);
    expect(journal.get(id)?.outcomes[0]).toMatchObject({ status: 'ok', data: { ordersPlaced: [expect.any(String)] } });
  });

  it('gives up after the bounded attempts, tells the operator once, and marks the row done', async () => {
    const { journal, dispatcher, main, given, journaled } = await setup();
    main.steps = ['locked'];
    const { id, alert } = await journaled();
    await dispatcher.dispatch(id, alert);
    expect(main.calls).toBe(FAST.attempts);
    expect(journal.get(id)).toMatchObject({
      dispatchState: 'done',
      outcomes: [{ status: 'failed', message: expect.stringContaining(`gave up after ${FAST.attempts} attempts`) }],
    });
    expect(given).toEqual([expect.stringContaining('was given up for plugin main')]);
  });

  it('leaves the row pending when shutdown cuts the backoff short', async () => {
    const { journal, dispatcher, main, journaled } = await setup({
      retry: { attempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    main.steps = ['locked'];
    const { id, alert } = await journaled();
    const run = dispatcher.dispatch(id, alert);
    await new Promise((resolve) => setTimeout(resolve, 20));
    dispatcher.stopRetrying();
    await run;
    await dispatcher.idle();
    expect(journal.get(id)).toMatchObject({ dispatchState: 'pending', outcomes: [] });
  });
});

describe('a timed-out call is fenced (issue 8 item 7)', () => {
  it('refuses the late orders of a timed-out call before the fallback gets the alert', async () => {
    const { journal, dispatcher, main, spare, placed, journaled } = await setup({
      fallback: 'spare',
      retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    main.steps = ['hang-then-order'];
    spare.steps = ['order'];
    const { id, alert } = await journaled();
    await dispatcher.dispatch(id, alert);
    expect(placed).toEqual([expect.stringMatching(/^spare:/)]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(main.orderResults).toEqual([expect.objectContaining({ ok: false, code: CALL_FENCED })]);
    expect(placed).toHaveLength(1);
    expect(journal.get(id)?.outcomes.map((o) => [o.plugin, o.status])).toEqual([
      ['main', 'failed'],
      ['spare', 'ok'],
    ]);
  });
});
