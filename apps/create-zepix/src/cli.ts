#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { createProject } from './createProject.js';
import { CreateErrorCode, CreateZepixError } from './errors.js';

const USAGE = `Usage: npm create zepix@latest <folder> [-- --skip-install]
       pnpm create zepix <folder> [--skip-install]

Creates <folder> with a Zepix bot project (package.json, zepix.config.json, .gitignore, README.md) and runs
pnpm install in it unless --skip-install is given.`;

function install(dir: string): void {
  process.stdout.write(`$ pnpm install (in ${dir})\n`);
  const result = spawnSync('pnpm', ['install'], { cwd: dir, stdio: 'inherit' });
  if (result.error || result.status !== 0) {
    throw new CreateZepixError(
      CreateErrorCode.InstallFailed,
      `pnpm install failed in ${dir}${result.error ? `: ${result.error.message}` : ''}`,
      'install pnpm (npm install -g pnpm@10) if it is missing, then run pnpm install in that folder',
    );
  }
}

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'skip-install': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const project = createProject({ target: positionals[0], cwd: process.cwd() });
  process.stdout.write(`created ${project.dir}: ${project.files.join(', ')}\n`);
  if (!values['skip-install']) install(project.dir);
  const cd = relative(process.cwd(), project.dir) || '.';
  const steps = values['skip-install'] ? `cd ${cd} && pnpm install && pnpm start` : `cd ${cd} && pnpm start`;
  process.stdout.write(`next: ${steps}\n`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  const code = error instanceof CreateZepixError ? error.code : 'ZEPIX_UNEXPECTED';
  process.stderr.write(`create-zepix: ${error instanceof Error ? error.message : String(error)} [${code}]\n`);
  process.exitCode = error instanceof CreateZepixError && error.code === CreateErrorCode.Usage ? 2 : 1;
}
