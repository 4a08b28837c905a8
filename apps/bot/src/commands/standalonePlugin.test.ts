import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STANDALONE_TOOLS, scaffoldStandalonePlugin } from './standalonePlugin.js';

const REPO = fileURLToPath(new URL('../../../..', import.meta.url));
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, Record<string, string>>;

describe('scaffoldStandalonePlugin', () => {
  const target = join(mkdtempSync(join(tmpdir(), 'zepix-standalone-')), 'my-logic');
  scaffoldStandalonePlugin({
    templateDir: join(REPO, 'plugins', 'template'),
    target,
    id: 'my-logic',
    coreVersion: '1.4.2',
    testingVersion: '1.1.0',
  });

  it('depends only on published packages, at 1.0.0 so hosts take its minors', () => {
    const text = readFileSync(join(target, 'package.json'), 'utf8');
    expect(text).not.toContain('workspace:');
    const pkg = readJson(join(target, 'package.json'));
    expect(pkg.name).toBe('@zepix/plugin-my-logic');
    expect(pkg.version).toBe('1.0.0');
    expect(pkg.peerDependencies).toEqual({ '@zepix/plugin-core': '^1.4.2' });
    expect(pkg.devDependencies).toMatchObject({
      '@zepix/plugin-core': '^1.4.2',
      '@zepix/testing': '^1.1.0',
      ...STANDALONE_TOOLS,
    });
    expect(pkg.scripts).toMatchObject({
      build: 'tsup',
      test: 'vitest run',
      release: 'pnpm build && changeset publish',
    });
  });

  it('uses the same tool versions as the monorepo', () => {
    const root = readJson(join(REPO, 'package.json'));
    for (const [name, range] of Object.entries(STANDALONE_TOOLS)) expect(root.devDependencies?.[name]).toBe(range);
  });

  it('has its own tsconfig and changesets, and the renamed sources', () => {
    expect(readFileSync(join(target, 'tsconfig.json'), 'utf8')).not.toContain('extends');
    expect(existsSync(join(target, '.changeset', 'config.json'))).toBe(true);
    expect(readFileSync(join(target, 'src', 'MyLogicPlugin.ts'), 'utf8')).toContain('class MyLogicPlugin');
    expect(existsSync(join(target, 'src', 'MyLogicPlugin.test.ts'))).toBe(true);
  });

  it('refuses a folder that exists', () => {
    expect(() =>
      scaffoldStandalonePlugin({
        templateDir: join(REPO, 'plugins', 'template'),
        target,
        id: 'my-logic',
        coreVersion: '1.0.0',
        testingVersion: '1.0.0',
      }),
    ).toThrow(/already exists/);
  });
});
