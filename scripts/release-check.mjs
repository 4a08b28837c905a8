#!/usr/bin/env node
// Shows the release flow offline on a scratch copy: a plugin-core minor is versioned with changesets, every public
// package is packed with pnpm, and the packed manifests are checked. Nothing is published; the repo is untouched.
// Each tarball is linted with publint and arethetypeswrong (packageLint.mjs).
// It also fails when a package a trader installs (the bot, create-zepix, the shipped plugins and everything they
// depend on) is private or would not work once published (see publishRules.mjs).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attwProblems, publintProblems } from './packageLint.mjs';
import { checkPackedManifest, checkUserPackagesPublic } from './publishRules.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'zepix-release-check-'));
const skip = new Set(['node_modules', '.git', '.turbo', 'data', 'coverage']);
const problems = [];

const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

function workspacePackages(dir) {
  return ['packages', 'plugins', 'apps', 'e2e'].flatMap((group) =>
    readdirSync(join(dir, group), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(dir, group, d.name)),
  );
}

try {
  cpSync(root, scratch, { recursive: true, filter: (src) => !skip.has(basename(src)) });
  const rootPkg = readJson(join(scratch, 'package.json'));
  const manifests = workspacePackages(scratch).map((dir) => ({
    dir: relative(scratch, dir),
    pkg: readJson(join(dir, 'package.json')),
  }));
  problems.push(...checkUserPackagesPublic(manifests));
  const before = Object.fromEntries(
    workspacePackages(scratch).map((d) => [
      readJson(join(d, 'package.json')).name,
      readJson(join(d, 'package.json')).version,
    ]),
  );
  for (const file of readdirSync(join(scratch, '.changeset'))) {
    if (file.endsWith('.md') && file !== 'README.md') rmSync(join(scratch, '.changeset', file));
  }
  writeFileSync(
    join(scratch, '.changeset', 'release-check.md'),
    "---\n'@zepix/plugin-core': minor\n---\n\nRelease check.\n",
  );
  run(join(root, 'node_modules', '.bin', 'changeset'), ['version'], scratch);
  // pnpm pack resolves workspace: ranges from the installed links; scripts are skipped, nothing native is built.
  run('pnpm', ['install', '--offline', '--ignore-scripts', '--no-frozen-lockfile'], scratch);

  const core = readJson(join(scratch, 'packages', 'plugin-core', 'package.json'));
  const [major, minor] = before['@zepix/plugin-core'].split('.').map(Number);
  if (core.version !== `${major}.${minor + 1}.0`)
    problems.push(`plugin-core should be ${major}.${minor + 1}.0 after a minor, got ${core.version}`);

  for (const dir of workspacePackages(scratch)) {
    const pkg = readJson(join(dir, 'package.json'));
    const was = before[pkg.name];
    if (pkg.zepix && was && pkg.version.split('.')[0] !== was.split('.')[0]) {
      problems.push(`${pkg.name} went from ${was} to ${pkg.version}: a core minor must not force a plugin major`);
    }
    if (pkg.private) continue;
    const out = run('pnpm', ['pack', '--pack-destination', scratch], dir).trim().split('\n').pop();
    const tarball = out.endsWith('.tgz')
      ? out
      : join(
          scratch,
          readdirSync(scratch).find(
            (f) => f.endsWith('.tgz') && f.includes(pkg.name.replace('@', '').replace('/', '-')),
          ),
        );
    const packed = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json'], scratch));
    const packedFiles = run('tar', ['-tzf', tarball], scratch)
      .split('\n')
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ''));
    problems.push(...checkPackedManifest({ packed, files: packedFiles, dir: relative(scratch, dir), rootPkg }));
    problems.push(...(await publintProblems(pkg.name, tarball)), ...attwProblems(pkg.name, tarball, root));
    const text = JSON.stringify(packed);
    if (text.includes('workspace:')) problems.push(`${pkg.name}: packed package.json still has a workspace: range`);
    console.log(
      `packed ${pkg.name}@${packed.version} (${relative(scratch, tarball)})${packed.peerDependencies ? ` peers ${JSON.stringify(packed.peerDependencies)}` : ''}`,
    );
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (problems.length) {
  console.error(`release check failed:\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
console.log(
  'release check: every package a trader installs is public and complete; plugin-core minor keeps plugins on their major; no workspace: range in any packed package; publint and attw find nothing',
);
