import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BotError } from '../errors.js';
import { configOrThrow, loadConfig, parseConfig } from './loadConfig.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zepix-config-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('parseConfig', () => {
  it('answers the validated config', () => {
    const result = parseConfig({});
    expect(result.ok && result.value.server.port).toBeGreaterThan(0);
  });

  it('answers every problem at once with a hint, never throwing', () => {
    const result = parseConfig({ server: { port: 'eighty' }, telegram: { bot_token: 'x' } }, 'my.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'ZEPIX_CONFIG_INVALID', hint: expect.stringContaining('my.json') });
    expect(result.error.message).toMatch(/server\.port/);
    expect(result.error.message).toMatch(/telegram\.bot_token: secrets do not belong/);
  });
});

describe('loadConfig', () => {
  it('runs on defaults without a file, and reads the one named', () => {
    const cwd = tempDir();
    expect(loadConfig({ cwd })).toMatchObject({ ok: true, value: { path: undefined } });
    writeFileSync(join(cwd, 'zepix.config.json'), '{ // a comment\n "server": { "port": 9123 } }');
    expect(loadConfig({ cwd })).toMatchObject({ ok: true, value: { config: { server: { port: 9123 } } } });
  });

  it('answers a missing file and broken JSON with their codes and hints', () => {
    const cwd = tempDir();
    expect(loadConfig({ cwd, path: 'nope.json' })).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_CONFIG_NOT_FOUND', hint: expect.stringContaining('--config') },
    });
    writeFileSync(join(cwd, 'zepix.config.json'), '{ "server": ');
    expect(loadConfig({ cwd })).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_CONFIG_INVALID', message: expect.stringContaining('not valid JSON') },
    });
    writeFileSync(join(cwd, 'zepix.config.json'), '{ "server": { "port": "eighty" } }');
    expect(loadConfig({ cwd })).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_CONFIG_INVALID', message: expect.stringMatching(/zepix\.config\.json is not valid/) },
    });
  });

  it('turns an error into the BotError the CLI prints, hint included', () => {
    const result = loadConfig({ cwd: tempDir(), path: 'nope.json' });
    expect(() => configOrThrow(result)).toThrow(BotError);
    expect(() => configOrThrow(result)).toThrow(/Fix: check the --config path/);
  });
});
