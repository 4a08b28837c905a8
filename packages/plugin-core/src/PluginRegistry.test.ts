import { describe, expect, it } from 'vitest';
import { BaseLogicPlugin } from './BaseLogicPlugin.js';
import type { InfoAlert } from './alerts.js';
import { DuplicatePluginError, PluginNotFoundError } from './errors.js';
import { PluginRegistry } from './PluginRegistry.js';
import type { PluginResult } from './results.js';
import { entryAlert, exitAlert, reversalAlert, squeezeAlert, trendAlert } from './testing/alertFactories.js';
import { createTestPlugin } from './testing/createTestPlugin.js';

type Behaviour = 'ok' | 'throw' | 'hang' | 'malformed';

class Recorder extends BaseLogicPlugin {
  static behaviour: Behaviour = 'ok';
  readonly seen: string[] = [];
  behaviour: Behaviour = 'ok';

  #handle(method: string): Promise<PluginResult> {
    this.seen.push(method);
    if (this.behaviour === 'throw') return Promise.reject(new Error('boom in strategy'));
    if (this.behaviour === 'hang') return new Promise(() => undefined);
    if (this.behaviour === 'malformed') return Promise.resolve({ nope: true } as unknown as PluginResult);
    return Promise.resolve({ status: 'ok', message: `${method} done`, data: { method } });
  }
  processEntrySignal(): Promise<PluginResult> {
    return this.#handle('entry');
  }
  processExitSignal(): Promise<PluginResult> {
    return this.#handle('exit');
  }
  processReversalSignal(): Promise<PluginResult> {
    return this.#handle('reversal');
  }
}

class TrendAware extends Recorder {
  override onInfoSignal(alert: InfoAlert): Promise<PluginResult> {
    this.seen.push(`info:${alert.kind}`);
    return Promise.resolve({ status: 'ok', message: 'noted' });
  }
}

async function setup(options: ConstructorParameters<typeof PluginRegistry>[0] = {}) {
  const registry = new PluginRegistry({ callTimeoutMs: 50, ...options });
  const a = await createTestPlugin(Recorder, { id: 'alpha' });
  const b = await createTestPlugin(TrendAware, { id: 'beta' });
  registry.register(a);
  registry.register(b);
  return { registry, a, b };
}

describe('PluginRegistry', () => {
  it('registers, lists and gets plugins, refusing a duplicate id', async () => {
    const { registry, a } = await setup();
    expect(registry.ids()).toEqual(['alpha', 'beta']);
    expect(registry.get('alpha')).toBe(a);
    expect(registry.get('nope')).toBeUndefined();
    const twin = await createTestPlugin(Recorder, { id: 'alpha' });
    expect(() => registry.register(twin)).toThrow(DuplicatePluginError);
    expect(() => registry.register(twin)).toThrow(/ZEPIX|already registered/);
  });

  it('routes by the normalised kind, not by signal names', async () => {
    const { registry, a } = await setup();
    // The signal name says "Exit" but the kind is entry: the kind decides.
    const r1 = await registry.routeAlert(entryAlert({ signalType: 'Bullish_Exit_Reversal' }), 'alpha');
    const r2 = await registry.routeAlert(exitAlert(), 'alpha');
    const r3 = await registry.routeAlert(reversalAlert(), 'alpha');
    expect(a.seen).toEqual(['entry', 'exit', 'reversal']);
    expect([r1.method, r2.method, r3.method]).toEqual([
      'processEntrySignal',
      'processExitSignal',
      'processReversalSignal',
    ]);
    expect(r1).toMatchObject({ plugin: 'alpha', status: 'ok', message: 'entry done', data: { method: 'entry' } });
  });

  it('sends info alerts to the optional hook and skips plugins without one', async () => {
    const { registry, a, b } = await setup();
    expect(await registry.routeAlert(trendAlert(), 'beta')).toMatchObject({ status: 'ok', method: 'onInfoSignal' });
    expect(await registry.routeAlert(squeezeAlert(), 'alpha')).toMatchObject({ status: 'skipped' });
    expect(b.seen).toEqual(['info:trend']);
    expect(a.seen).toEqual([]);
  });

  it('returns skipped for a disabled plugin without calling it', async () => {
    const { registry, a } = await setup();
    registry.disable('alpha');
    const result = await registry.routeAlert(entryAlert(), 'alpha');
    expect(result).toMatchObject({ status: 'skipped', message: 'plugin "alpha" is disabled' });
    expect(a.seen).toEqual([]);
    registry.enable('alpha');
    expect((await registry.routeAlert(entryAlert(), 'alpha')).status).toBe('ok');
  });

  it('rejects an unknown plugin id with a typed error listing the known ids', async () => {
    const { registry } = await setup();
    const error = await registry.routeAlert(entryAlert(), 'gamma').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginNotFoundError);
    expect(error).toMatchObject({ code: 'ZEPIX_PLUGIN_NOT_FOUND', message: expect.stringContaining('alpha, beta') });
    expect(() => registry.enable('gamma')).toThrow(PluginNotFoundError);
  });

  it('contains a throwing plugin and keeps the others working', async () => {
    const { registry, a } = await setup();
    a.behaviour = 'throw';
    const failed = await registry.routeAlert(entryAlert(), 'alpha');
    expect(failed).toMatchObject({
      status: 'failed',
      message: 'processEntrySignal threw: boom in strategy',
      error: { code: 'ZEPIX_PLUGIN_RUNTIME_ERROR' },
    });
    expect((await registry.routeAlert(entryAlert(), 'beta')).status).toBe('ok');
    expect(registry.status('alpha').counters).toMatchObject({ processed: 1, failed: 1, consecutiveFailures: 1 });
    expect(registry.status('alpha').counters.lastError?.message).toContain('boom');
  });

  it('times out a hanging plugin', async () => {
    const { registry, a } = await setup();
    a.behaviour = 'hang';
    const result = await registry.routeAlert(entryAlert(), 'alpha');
    expect(result).toMatchObject({ status: 'failed', error: { code: 'ZEPIX_PLUGIN_TIMEOUT' } });
    expect(result.message).toContain('did not finish within 50 ms');
  });

  it('reports a malformed result as a failure', async () => {
    const { registry, a } = await setup();
    a.behaviour = 'malformed';
    expect(await registry.routeAlert(entryAlert(), 'alpha')).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('instead of { status, message }'),
    });
  });

  it('uses validateAlert to reject alerts before calling the method', async () => {
    const { registry, a } = await setup();
    a.validateAlert = () => ({ ok: false, reason: 'EURUSD is not traded here' });
    expect(await registry.routeAlert(entryAlert(), 'alpha')).toMatchObject({
      status: 'rejected',
      message: 'EURUSD is not traded here',
    });
    expect(a.seen).toEqual([]);
  });

  it('opens the circuit after N consecutive failures and tells the host once', async () => {
    const opened: string[] = [];
    const { registry, a } = await setup({ maxConsecutiveFailures: 3, onCircuitOpen: (p) => opened.push(p.id) });
    a.behaviour = 'throw';
    await registry.routeAlert(entryAlert(), 'alpha');
    await registry.routeAlert(entryAlert(), 'alpha');
    expect(a.enabled).toBe(true);
    await registry.routeAlert(entryAlert(), 'alpha');
    expect(a.enabled).toBe(false);
    expect(opened).toEqual(['alpha']);
    expect((await registry.routeAlert(entryAlert(), 'alpha')).status).toBe('skipped');
    expect(opened).toEqual(['alpha']);
  });

  it('leaves failures the host does not count out of the breaker', async () => {
    const { registry, a } = await setup({ maxConsecutiveFailures: 2, countsAsFailure: () => false });
    a.behaviour = 'throw';
    for (let i = 0; i < 3; i += 1) expect((await registry.routeAlert(entryAlert(), 'alpha')).status).toBe('failed');
    expect(a.enabled).toBe(true);
    expect(registry.status('alpha').counters).toMatchObject({ failed: 3, consecutiveFailures: 0 });
  });

  it('reports the status of every plugin and shuts them all down', async () => {
    const { registry } = await setup();
    expect(registry.statusAll().map((s) => s.id)).toEqual(['alpha', 'beta']);
    await expect(registry.shutdownAll()).resolves.toBeUndefined();
  });
});
