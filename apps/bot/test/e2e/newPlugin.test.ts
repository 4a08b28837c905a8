import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_DIR } from '../fixtureProject.js';
import { runCli } from '../runCli.js';

const REPO = join(BOT_DIR, '..', '..');
const SKIP = new Set(['node_modules', '.git', '.turbo', 'data', 'coverage']);
let copy: string;
let cli: string;

// A scratch copy of the monorepo, so scaffolding and installing never touch the working tree.
beforeAll(() => {
  copy = join(mkdtempSync(join(tmpdir(), 'zepix-new-plugin-')), 'repo');
  cpSync(REPO, copy, { recursive: true, filter: (src) => !SKIP.has(basename(src)) });
  execFileSync('pnpm', ['install', '--offline'], { cwd: copy, stdio: 'pipe' });
  cli = join(copy, 'apps', 'bot', 'dist', 'cli.js');
}, 240_000);

afterAll(() => rmSync(join(copy, '..'), { recursive: true, force: true }));

describe('zepix new-plugin → plugins → test-plugin', () => {
  it('scaffolds a package, wires it into the bot and builds it', () => {
    const run = runCli(['new-plugin', 'my-logic'], { cwd: copy, cli });
    expect(run.stderr).not.toMatch(/zepix: /);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('created plugins/my-logic (@zepix/plugin-my-logic, class MyLogicPlugin)');
    const pkg = JSON.parse(readFileSync(join(copy, 'plugins', 'my-logic', 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(pkg).toMatchObject({
      name: '@zepix/plugin-my-logic',
      version: '1.0.0',
      zepix: { kind: 'logic-plugin', id: 'my-logic', entry: 'MyLogicPlugin', apiVersion: 1 },
      peerDependencies: { '@zepix/plugin-core': 'workspace:^' },
    });
    const bot = JSON.parse(readFileSync(join(copy, 'apps', 'bot', 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(bot.dependencies['@zepix/plugin-my-logic']).toBe('workspace:^');
    expect(existsSync(join(copy, 'plugins', 'my-logic', 'src', 'MyLogicPlugin.ts'))).toBe(true);
    expect(existsSync(join(copy, 'plugins', 'my-logic', 'dist', 'index.js'))).toBe(true);
    expect(readFileSync(join(copy, '.changeset', 'new-plugin-my-logic.md'), 'utf8')).toContain(
      'Create @zepix/plugin-my-logic (1.0.0)',
    );
  });

  it('is listed by zepix plugins right away', () => {
    const run = runCli(['plugins'], { cwd: copy, cli });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✔ my-logic \(@zepix\/plugin-my-logic@1\.0\.0\) — disabled/);
    expect(run.stdout).toMatch(/✔ template /);
  });

  it('passes zepix test-plugin right away', () => {
    const run = runCli(['test-plugin', 'my-logic'], { cwd: copy, cli });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('[MY-LOGIC] entry buy XAUUSD 5m at 2650.5');
    expect(run.stdout).toContain('my-logic handled all 3 sample alerts');
  });

  it('comes with its own passing tests and typecheck', () => {
    const env = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' };
    const out = execFileSync('pnpm', ['--filter', '@zepix/plugin-my-logic', 'test'], {
      cwd: copy,
      encoding: 'utf8',
      env,
    });
    // eslint-disable-next-line no-control-regex -- strips colour codes some terminals force on
    expect(out.replace(/\u001b\[[0-9;]*m/g, '')).toMatch(/Tests\s+\d+ passed/);
    execFileSync('pnpm', ['--filter', '@zepix/plugin-my-logic', 'typecheck'], { cwd: copy, encoding: 'utf8' });
  });

  it('refuses an existing id and an invalid id', () => {
    const again = runCli(['new-plugin', 'my-logic'], { cwd: copy, cli });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    const bad = runCli(['new-plugin', 'My_Logic'], { cwd: copy, cli });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('use kebab-case starting with a letter');
  });
});
