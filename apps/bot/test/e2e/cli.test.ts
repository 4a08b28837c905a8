import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_DIR, createFixtureProject, goodPluginSource } from '../fixtureProject.js';
import type { FixtureProject } from '../fixtureProject.js';
import { runCli } from '../runCli.js';

const manifest = (id: string, entry: string) => ({ kind: 'logic-plugin', id, entry, apiVersion: 1 });
let project: FixtureProject;

beforeAll(() => {
  project = createFixtureProject({
    withBot: true,
    deps: [
      {
        name: '@zepix/plugin-mylogic',
        zepix: manifest('mylogic', 'MyLogicPlugin'),
        source: goodPluginSource('MyLogicPlugin'),
      },
      {
        name: '@zepix/plugin-broken',
        zepix: manifest('broken', 'BrokenPlugin'),
        source: 'throw new Error("broken on import");',
      },
      {
        name: '@zepix/plugin-crashy',
        zepix: manifest('crashy', 'CrashyPlugin'),
        source: goodPluginSource('CrashyPlugin').replace(
          'async processExitSignal(alert) {',
          'async processExitSignal(alert) { throw new Error("exit went wrong"); ',
        ),
      },
    ],
  });
});
afterAll(() => project.remove());

describe('zepix in a user project that depends on @zepix/bot', () => {
  it('plugins: lists what pnpm add put in that project, with failures and their fix', () => {
    const run = runCli(['plugins'], { cwd: project.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Plugins of my-trading-desk');
    expect(run.stdout).toMatch(/✔ mylogic \(@zepix\/plugin-mylogic@1\.2\.3\) — enabled/);
    expect(run.stdout).toMatch(/✘ broken .* failed at import: threw while importing: broken on import/);
    expect(run.stdout).toContain('2 loaded, 1 failed, 0 skipped');
    expect(run.stdout).not.toContain('plugin-template');
  });

  it('plugins --json: machine-readable report and statuses', () => {
    const run = runCli(['plugins', '--json'], { cwd: project.dir });
    const parsed = JSON.parse(run.stdout) as {
      report: { loaded: number };
      plugins: { id: string; enabled: boolean }[];
    };
    expect(parsed.report.loaded).toBe(2);
    expect(parsed.plugins.map((p) => p.id)).toEqual(['crashy', 'mylogic']);
  });

  it('plugins: exits 1 when a required plugin fails', () => {
    writeFileSync(join(project.dir, 'required.json'), JSON.stringify({ plugins: { broken: { required: true } } }));
    const run = runCli(['plugins', '--config', 'required.json'], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('failed at import (required)');
  });

  it('start: refuses to run without a required plugin and prints why it failed', () => {
    const run = runCli(['start', '--config', 'required.json', '--port', '0'], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/required plugin\(s\) failed to load:\n {2}broken: .+/);
    expect(run.stderr).toContain('[ZEPIX_REQUIRED_PLUGIN_FAILED]');
  });

  it('test-plugin: sends entry, exit and reversal samples and prints each result', () => {
    const run = runCli(['test-plugin', 'mylogic', '--symbol', 'EURUSD', '--price', '1.0845'], { cwd: project.dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✔ entry (buy) → processEntrySignal: ok — MyLogicPlugin entry EURUSD');
    expect(run.stdout).toContain('✔ exit (bear: closes buys) → processExitSignal: ok — MyLogicPlugin exit EURUSD');
    expect(run.stdout).toContain('✔ reversal (to sell) → processReversalSignal: ok');
    expect(run.stdout).toContain('mylogic handled all 3 sample alerts');
  });

  it('test-plugin: exits 1 when the plugin throws, and when it does not load', () => {
    const crashy = runCli(['test-plugin', 'crashy'], { cwd: project.dir });
    expect(crashy.code).toBe(1);
    expect(crashy.stdout).toContain(
      '✘ exit (bear: closes buys) → processExitSignal: failed — processExitSignal threw: exit went wrong',
    );
    expect(crashy.stdout).toContain('1 of 3 sample alerts failed or were refused');
    const broken = runCli(['test-plugin', 'broken'], { cwd: project.dir });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('plugin "broken" did not load');
  });

  it('reports a bad config file with every problem and exits 1', () => {
    writeFileSync(
      join(project.dir, 'bad.json'),
      JSON.stringify({
        plugin_system: { call_timeout_ms: 'fast' },
        colour: 'red',
        plugins: { mylogic: { api_token: 'x' } },
      }),
    );
    const run = runCli(['plugins', '--config', 'bad.json'], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('plugins.mylogic.api_token: secrets do not belong in the config file');
    expect(run.stderr).toContain('plugin_system.call_timeout_ms:');
    expect(run.stderr).toMatch(/colour/);
    expect(run.stderr).toContain('[ZEPIX_CONFIG_INVALID]');
  });

  it('answers usage errors with exit code 2 and a hint', () => {
    const run = runCli(['launch'], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "launch"');
    expect(runCli(['test-plugin'], { cwd: project.dir }).stderr).toContain('test-plugin needs a plugin id');
  });
});

describe('zepix in this repo', () => {
  it('plugins: reads apps/bot dependencies and lists the template, disabled', () => {
    const run = runCli(['plugins'], { cwd: BOT_DIR });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✔ template \(@zepix\/plugin-template@\d+\.\d+\.\d+\) — disabled/);
  });

  it('test-plugin template: enables it for the run and passes', () => {
    const run = runCli(['test-plugin', 'template'], { cwd: BOT_DIR });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('note: template is disabled in config; enabled for this test only');
    expect(run.stdout).toContain('[TEMPLATE] entry buy XAUUSD 5m at 2650.5');
  });
});
