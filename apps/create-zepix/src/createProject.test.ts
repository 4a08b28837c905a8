import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProject } from './createProject.js';
import { BUILT_DEPENDENCIES, STARTER_DEPENDENCIES } from './projectFiles.js';

interface HostPackage {
  name: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  pnpm: { onlyBuiltDependencies: string[] };
}

const scratch = () => mkdtempSync(join(tmpdir(), 'create-zepix-'));

describe('createProject', () => {
  it('writes a host project that depends on the bot and the shipped plugins and builds better-sqlite3', () => {
    const cwd = scratch();
    const project = createProject({ target: 'my-bot', cwd });
    expect(project.files).toEqual(['package.json', 'zepix.config.json', '.gitignore', 'README.md']);
    const pkg = JSON.parse(readFileSync(join(cwd, 'my-bot', 'package.json'), 'utf8')) as HostPackage;
    expect(pkg.name).toBe('my-bot');
    expect(pkg.scripts.start).toBe('zepix start');
    expect(pkg.dependencies).toEqual(STARTER_DEPENDENCIES);
    expect(Object.keys(pkg.dependencies)).toEqual([
      '@zepix/bot',
      '@zepix/plugin-combined-v3',
      '@zepix/plugin-trend-logic',
      '@zepix/plugin-v6-1m',
      '@zepix/plugin-v6-5m',
      '@zepix/plugin-v6-15m',
      '@zepix/plugin-v6-1h',
    ]);
    expect(Object.values(pkg.dependencies).every((range) => /^\^[1-9]\d*\.\d+\.\d+$/.test(range))).toBe(true);
    expect(pkg.pnpm.onlyBuiltDependencies).toEqual(BUILT_DEPENDENCIES);
    expect(readFileSync(join(cwd, 'my-bot', '.gitignore'), 'utf8')).toContain('data/');
    expect(readFileSync(join(cwd, 'my-bot', 'zepix.config.json'), 'utf8')).toContain('"public_url": null');
  });

  it('refuses a folder that is not empty, saying what to do', () => {
    const cwd = scratch();
    mkdirSync(join(cwd, 'taken'));
    writeFileSync(join(cwd, 'taken', 'x'), '');
    expect(() => createProject({ target: 'taken', cwd })).toThrow(/not empty[\s\S]*Fix: choose a new folder/);
  });

  it('refuses a missing or invalid name', () => {
    const cwd = scratch();
    expect(() => createProject({ target: undefined, cwd })).toThrow(/no project folder[\s\S]*npm create zepix/);
    expect(() => createProject({ target: 'My Bot', cwd })).toThrow(/"My Bot" cannot be a package name/);
  });
});
