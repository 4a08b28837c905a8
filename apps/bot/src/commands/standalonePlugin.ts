import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertNewPluginId, copyTemplate, pluginNames } from './scaffoldPlugin.js';

/**
 * The build, test and release tools of a standalone plugin, at the ranges the monorepo itself uses
 * (standalonePlugin.test.ts keeps them equal to the root package.json).
 */
export const STANDALONE_TOOLS: Readonly<Record<string, string>> = {
  '@changesets/cli': '^2.31.1',
  '@types/node': '^20.19.0',
  tsup: '^8.5.0',
  typescript: '^5.9.3',
  vitest: '^4.1.12',
};

// The monorepo's tsconfig.base.json, inlined: a standalone package has nothing to extend.
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    types: ['node'],
    strict: true,
    noUncheckedIndexedAccess: true,
    noImplicitOverride: true,
    verbatimModuleSyntax: true,
    isolatedModules: true,
    skipLibCheck: true,
    declaration: true,
    noEmit: true,
  },
  include: ['src', '*.config.ts'],
};

const CHANGESET_CONFIG = {
  $schema: 'https://unpkg.com/@changesets/config@3.1.1/schema.json',
  changelog: '@changesets/cli/changelog',
  commit: false,
  access: 'public',
  baseBranch: 'main',
};

const CHANGESET_README = `# Changesets

\`pnpm changeset\` records a change (patch, minor or major) with a note for users; \`pnpm version-packages\`
turns the pending changesets into a version and CHANGELOG.md; \`pnpm release\` builds and publishes the versions
the registry does not have yet (\`npm_config_registry=<url>\` for a private registry).
`;

interface PackageJsonInput {
  readonly id: string;
  readonly packageName: string;
  readonly className: string;
  readonly coreVersion: string;
  readonly testingVersion: string;
}

function packageJson({ id, packageName, className, coreVersion, testingVersion }: PackageJsonInput): object {
  const core = `^${coreVersion}`;
  return {
    name: packageName,
    version: '1.0.0',
    description: `Zepix logic plugin ${id}.`,
    license: 'MIT',
    type: 'module',
    sideEffects: false,
    exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' }, './package.json': './package.json' },
    files: ['dist', 'README.md', 'CHANGELOG.md'],
    zepix: { kind: 'logic-plugin', id, entry: className, apiVersion: 1 },
    engines: { node: '>=20.19' },
    scripts: {
      build: 'tsup',
      typecheck: 'tsc --noEmit',
      test: 'vitest run',
      changeset: 'changeset',
      'version-packages': 'changeset version',
      release: 'pnpm build && changeset publish',
    },
    peerDependencies: { '@zepix/plugin-core': core },
    devDependencies: { '@zepix/plugin-core': core, '@zepix/testing': `^${testingVersion}`, ...STANDALONE_TOOLS },
    // The test kit runs the trading engine on SQLite (better-sqlite3) and tsup bundles with esbuild: both must build.
    pnpm: { onlyBuiltDependencies: ['better-sqlite3', 'esbuild'] },
    publishConfig: { access: 'public' },
  };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Creates a plugin package at `target` that builds, typechecks, tests and releases on its own, from the
 * template's sources and published packages only (no path or workspace: range into the monorepo).
 */
export function scaffoldStandalonePlugin(options: {
  readonly templateDir: string;
  readonly target: string;
  readonly id: string;
  readonly coreVersion: string;
  /** The @zepix/testing release the plugin's tests run on (the kit with the real trading engine). */
  readonly testingVersion: string;
  readonly packageName?: string;
}): { readonly packageName: string; readonly className: string } {
  assertNewPluginId(options.id);
  const names = pluginNames(options.id);
  const packageName = options.packageName ?? names.packageName;
  copyTemplate(options.templateDir, options.target, { ...names, packageName });
  const write = (file: string, text: string) => writeFileSync(join(options.target, file), text);
  const { id, coreVersion, testingVersion } = options;
  write(
    'package.json',
    json(packageJson({ id, packageName, className: names.className, coreVersion, testingVersion })),
  );
  write('tsconfig.json', json(TSCONFIG));
  write('.gitignore', 'node_modules/\ndist/\n');
  mkdirSync(join(options.target, '.changeset'), { recursive: true });
  write('.changeset/config.json', json(CHANGESET_CONFIG));
  write('.changeset/README.md', CHANGESET_README);
  return { packageName, className: names.className };
}
