import { afterAll, describe, expect, it } from 'vitest';
import { BOT_DIR, createFixtureProject } from '../fixtureProject.js';
import { runCli } from '../runCli.js';

/** A plugin that declares a V3 sample it then refuses, as combined-v3 once refused the legacy samples. */
const refuser = {
  name: '@zepix/plugin-refuser',
  zepix: { kind: 'logic-plugin', id: 'refuser', entry: 'RefuserPlugin', apiVersion: 1 },
  source: `import { BaseLogicPlugin } from '@zepix/plugin-core';
export class RefuserPlugin extends BaseLogicPlugin {
  static sampleAlerts = [{ name: 'legacy buy', body: { type: 'entry', symbol: 'XAUUSD', signal: 'buy', tf: '5m', price: 2650 } }];
  validateAlert() { return { ok: false, reason: 'refuser trades nothing' }; }
  async processEntrySignal() { return { status: 'ok', message: 'unreachable' }; }
  async processExitSignal() { return { status: 'ok', message: 'unreachable' }; }
  async processReversalSignal() { return { status: 'ok', message: 'unreachable' }; }
}
`,
};
const project = createFixtureProject({ deps: [refuser], withBot: true });
afterAll(() => project.remove());

describe('zepix test-plugin through the real engine (issue 9.6)', () => {
  it("sends trend-logic's declared samples and prints the orders they produced", () => {
    const run = runCli(['test-plugin', 'trend-logic'], { cwd: BOT_DIR });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✔ entry buy 15m → processEntrySignal: ok');
    expect(run.stdout).toContain('order #1 A buy XAUUSD 0.05 lots @ 2650.1, SL 2627.5, TP 2683.75 (open)');
    expect(run.stdout).toContain('order #2 B buy XAUUSD 0.05 lots @ 2650.1, SL 2648.1, TP 2683.75 (open)');
    expect(run.stdout).toContain('trend-logic handled all 7 sample alerts');
  });

  it('sends combined-v3 its own V3 samples, not legacy ones', () => {
    const run = runCli(['test-plugin', 'combined-v3'], { cwd: BOT_DIR });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✔ entry_v3 Institutional_Launchpad buy → processEntrySignal: ok');
    expect(run.stdout).toMatch(/order #1 A buy XAUUSD [\d.]+ lots @ 2030\.1, SL 2028, TP 2035 \(open\)/);
    expect(run.stdout).toContain('combined-v3 handled all 2 sample alerts');
  });

  it('exits 1 when the plugin refuses a sample it declares', () => {
    const run = runCli(['test-plugin', 'refuser'], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✘ legacy buy → processEntrySignal: rejected');
    expect(run.stdout).toContain('1 of 1 sample alerts failed or were refused');
  });
});
