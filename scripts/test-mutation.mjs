// `pnpm test:mutation`: runs Stryker in every package with a stryker.config.mjs, one package at a time, then holds
// each module that config lists (its `modules` export) to the 90 % floor on its own, so a strong module cannot hide
// a weak one in the package's total. Arguments narrow the run to packages whose path contains one of them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const FLOOR = 90;
const root = fileURLToPath(new URL('..', import.meta.url));
const stryker = join(root, 'node_modules', '.bin', 'stryker');
// Stryker's definition: killed and timed-out mutants over every mutant that compiled, ran and was not ignored.
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

function packagesWithConfig() {
  return ['packages', 'apps']
    .flatMap((group) => readdirSync(join(root, group)).map((name) => join(root, group, name)))
    .filter((dir) => existsSync(join(dir, 'stryker.config.mjs')));
}

/** Per module: detected and undetected mutants in the package's incremental report (the last run's results). */
function moduleScores(dir, modules) {
  const report = JSON.parse(readFileSync(join(dir, 'reports', 'stryker-incremental.json'), 'utf8'));
  return Object.entries(modules).map(([name, files]) => {
    let detected = 0;
    let undetected = 0;
    for (const [file, result] of Object.entries(report.files)) {
      const included = files.some((pattern) => !pattern.startsWith('!') && matches(file, pattern));
      if (!included || files.some((pattern) => pattern.startsWith('!') && matches(file, pattern.slice(1)))) continue;
      for (const mutant of result.mutants) {
        if (DETECTED.has(mutant.status)) detected++;
        else if (UNDETECTED.has(mutant.status)) undetected++;
      }
    }
    const total = detected + undetected;
    return { name, total, score: total === 0 ? 100 : (100 * detected) / total };
  });
}

/** `src/x.ts` matches itself; `src/intake/*.ts` the .ts files directly in that folder; `!` patterns exclude. */
function matches(file, pattern) {
  if (!pattern.includes('*')) return file === pattern;
  const escaped = pattern
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*\//g, '(.*/)?')
    .replace(/\*/g, '[^/]*');
  return new RegExp(`^${escaped}$`).test(file);
}

const filters = process.argv.slice(2).filter((arg) => arg !== '--');
const dirs = packagesWithConfig().filter(
  (dir) => filters.length === 0 || filters.some((f) => relative(root, dir).includes(f)),
);
const failures = [];
for (const dir of dirs) {
  const where = relative(root, dir);
  console.log(`\n== mutation testing ${where}`);
  const run = spawnSync(stryker, ['run'], { cwd: dir, stdio: 'inherit' });
  if (run.status !== 0) failures.push(`${where}: stryker exited with ${run.status ?? run.signal}`);
  const { modules = {} } = await import(pathToFileURL(join(dir, 'stryker.config.mjs')).href);
  for (const { name, total, score } of moduleScores(dir, modules)) {
    const line = `${where} ${name}: ${score.toFixed(2)} % of ${total} mutants`;
    console.log(line);
    if (score < FLOOR) failures.push(`${line}, under the ${FLOOR} % floor`);
  }
}
if (failures.length > 0) {
  console.error(
    `\nMutation floor not met:\n  ${failures.join('\n  ')}\nFix: add tests that kill the surviving mutants listed above (or mark a mutant that cannot change behaviour with a // Stryker disable comment and its reason).`,
  );
  process.exit(1);
}
