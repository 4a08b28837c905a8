import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { CreateErrorCode, CreateZepixError } from './errors.js';
import { projectFiles } from './projectFiles.js';

// npm's rule for package names, lower-case, so the folder name can be the project's name.
const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

/** What createProject wrote. */
export interface CreatedProject {
  readonly dir: string;
  readonly name: string;
  readonly files: readonly string[];
}

/** Writes a host project into `target` (relative to `cwd`), which must not exist or be empty. */
export function createProject(options: { readonly target: string | undefined; readonly cwd: string }): CreatedProject {
  if (!options.target) {
    throw new CreateZepixError(CreateErrorCode.Usage, 'no project folder given', 'npm create zepix@latest my-bot');
  }
  const dir = resolve(options.cwd, options.target);
  const name = basename(dir);
  if (!NAME_PATTERN.test(name)) {
    throw new CreateZepixError(
      CreateErrorCode.Usage,
      `"${name}" cannot be a package name`,
      'use lower-case letters, digits, "-", "." or "_", e.g. my-bot',
    );
  }
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new CreateZepixError(
      CreateErrorCode.TargetNotEmpty,
      `${dir} already exists and is not empty`,
      'choose a new folder name, or empty this one',
    );
  }
  mkdirSync(dir, { recursive: true });
  const files = projectFiles(name);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return { dir, name, files: Object.keys(files) };
}
