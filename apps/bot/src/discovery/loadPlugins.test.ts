import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureProject, goodPluginSource } from '../../test/fixtureProject.js';
import type { FixtureProject } from '../../test/fixtureProject.js';
import { configOrThrow, parseConfig } from '../config/loadConfig.js';
import { createPluginServices } from '../services/createPluginServices.js';
import { findHostProject } from './hostProject.js';
import { loadPlugins } from './loadPlugins.js';
import type { LoadPluginsOptions } from './loadPlugins.js';

const manifest = (id: string, entry: string, apiVersion = 1) => ({ kind: 'logic-plugin', id, entry, apiVersion });

let project: FixtureProject;

beforeAll(() => {
  project = createFixtureProject({
    deps: [
      { name: '@acme/plugin-good', zepix: manifest('good', 'GoodPlugin'), source: goodPluginSource('GoodPlugin') },
      { name: '@acme/plugin-bad-manifest', zepix: { id: 'Bad_Id', entry: 'X' }, source: goodPluginSource('X') },
      {
        name: '@acme/plugin-future',
        zepix: manifest('future', 'FuturePlugin', 2),
        source: 'throw new Error("must not run");',
      },
      {
        name: '@acme/plugin-throws',
        zepix: manifest('throws', 'ThrowsPlugin'),
        source: 'throw new Error("kaboom at import");',
      },
      {
        name: '@acme/plugin-no-entry',
        zepix: manifest('no-entry', 'MissingPlugin'),
        source: goodPluginSource('OtherName'),
      },
      {
        name: '@acme/plugin-old-core',
        zepix: manifest('old-core', 'OldCore'),
        peer: '^0.9.0',
        source: goodPluginSource('OldCore'),
      },
      {
        name: '@acme/plugin-init-fails',
        zepix: manifest('init-fails', 'InitFails'),
        source: goodPluginSource('InitFails', 'async initialize() { throw new Error("no database for you"); }'),
      },
      {
        name: '@acme/plugin-configured',
        zepix: manifest('configured', 'Configured'),
        source: goodPluginSource('Configured'),
      },
      { name: 'left-pad-ish', source: 'export const pad = 1;' },
    ],
    devDeps: [
      { name: '@acme/plugin-dev-only', zepix: manifest('dev-only', 'DevOnly'), source: goodPluginSource('DevOnly') },
    ],
  });
});

afterAll(() => project.remove());

function options(config: unknown = {}): LoadPluginsOptions {
  return {
    project: findHostProject({ projectDir: project.dir }),
    config: configOrThrow(parseConfig(config)),
    coreVersion: '1.0.0',
    dataDir: ':memory:',
    logger: pino({ level: 'silent' }),
    createServices: createPluginServices(),
  };
}

describe('loadPlugins in a user project that depends on plugin packages', () => {
  it('loads the good plugins and reports each failure with its stage', async () => {
    const { registry, report } = await loadPlugins(options());
    const byPackage = Object.fromEntries(report.results.map((r) => [r.package, r]));
    expect(registry.ids()).toEqual(['configured', 'good']);
    expect(byPackage['@acme/plugin-good']).toMatchObject({
      outcome: 'loaded',
      id: 'good',
      version: '1.2.3',
      enabled: true,
    });
    expect(byPackage['@acme/plugin-bad-manifest']).toMatchObject({
      outcome: 'failed',
      stage: 'manifest',
      error: {
        code: 'ZEPIX_PLUGIN_MANIFEST_INVALID',
        message: expect.stringContaining('zepix.id: must be kebab-case'),
      },
    });
    expect(byPackage['@acme/plugin-future']).toMatchObject({
      outcome: 'failed',
      stage: 'compatibility',
      error: { message: 'needs plugin API 2, this bot provides 1' },
    });
    expect(byPackage['@acme/plugin-old-core']).toMatchObject({
      stage: 'compatibility',
      error: { message: 'needs @zepix/plugin-core ^0.9.0, the bot has 1.0.0' },
    });
    expect(byPackage['@acme/plugin-throws']).toMatchObject({
      stage: 'import',
      error: { code: 'ZEPIX_PLUGIN_IMPORT_FAILED', message: expect.stringContaining('kaboom at import') },
    });
    expect(byPackage['@acme/plugin-no-entry']).toMatchObject({
      stage: 'entry',
      error: { message: 'export "MissingPlugin" is not exported', hint: expect.stringContaining('OtherName') },
    });
    expect(byPackage['@acme/plugin-init-fails']).toMatchObject({
      stage: 'init',
      error: { message: 'initialize() failed: no database for you' },
    });
    expect(report).toMatchObject({ loaded: 2, failed: 6, skipped: 0, blocking: [] });
  });

  it('never reads devDependencies or packages without a zepix field', async () => {
    const { report } = await loadPlugins(options());
    const names = report.results.map((r) => r.package);
    expect(names).not.toContain('@acme/plugin-dev-only');
    expect(names).not.toContain('left-pad-ish');
  });

  it('passes the plugins.<id> section through the plugin schema and reports config errors', async () => {
    const good = await loadPlugins(options({ plugins: { configured: { label: 'custom', enabled: false } } }));
    const plugin = good.registry.require('configured');
    expect(plugin.config).toEqual({ label: 'custom' });
    expect(plugin.enabled).toBe(false);
    expect(plugin.metadata).toMatchObject({ packageName: '@acme/plugin-configured', author: 'Fixture Author' });

    const bad = await loadPlugins(options({ plugins: { configured: { label: 7, colour: 'red' } } }));
    const result = bad.report.results.find((r) => r.id === 'configured');
    expect(result).toMatchObject({ outcome: 'failed', stage: 'config' });
    expect(result?.error?.message).toMatch(/plugins\.configured\.label: .*plugins\.configured: .*colour/s);
  });

  it('marks a failing required plugin and a missing required plugin as blocking', async () => {
    const { report } = await loadPlugins(
      options({ plugins: { throws: { required: true }, ghost: { required: true } } }),
    );
    expect(report.blocking.map((r) => r.id)).toEqual(['throws', 'ghost']);
    expect(report.blocking[1]?.error?.message).toContain('plugins.ghost is required');
  });

  it('skips unconfigured plugins when auto_discover is off, and everything when the system is off', async () => {
    const manual = await loadPlugins(options({ plugin_system: { auto_discover: false }, plugins: { good: {} } }));
    expect(manual.registry.ids()).toEqual(['good']);
    expect(manual.report.results.find((r) => r.id === 'configured')).toMatchObject({ outcome: 'skipped' });
    const off = await loadPlugins(options({ plugin_system: { enabled: false } }));
    expect(off.registry.ids()).toEqual([]);
  });

  it('routes an alert to a plugin loaded from the project', async () => {
    const { registry } = await loadPlugins(options());
    const { entryAlert } = await import('@zepix/plugin-core/testing');
    const result = await registry.routeAlert(entryAlert({ symbol: 'EURUSD' }), 'good');
    expect(result).toMatchObject({ status: 'ok', message: 'GoodPlugin entry EURUSD' });
  });
});
