import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BotError, BotErrorCode } from '../errors.js';

/** The package whose `dependencies` are searched for plugins. */
export interface HostProject {
  readonly dir: string;
  readonly packageJsonPath: string;
  readonly name: string;
  readonly dependencies: Readonly<Record<string, string>>;
  /** How it was chosen, for the startup report. */
  readonly reason: 'explicit' | 'depends-on-bot' | 'bot-package';
}

function ownPackageJson(): string {
  // The nearest package.json above this module: the same answer from src (tests) and from the bundled dist.
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'package.json');
    if (dirname(dir) === dir) throw new Error('the @zepix/bot package has no package.json');
  }
}

/** The bot's own package.json (apps/bot here; node_modules/@zepix/bot in a user's project). */
export const BOT_PACKAGE_JSON = ownPackageJson();

function readProject(packageJsonPath: string, reason: HostProject['reason']): HostProject {
  const pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { name?: string; dependencies?: unknown };
  const deps = pkg.dependencies && typeof pkg.dependencies === 'object' ? pkg.dependencies : {};
  return {
    dir: dirname(packageJsonPath),
    packageJsonPath,
    name: pkg.name ?? dirname(packageJsonPath),
    dependencies: deps as Record<string, string>,
    reason,
  };
}

function dependsOnBot(packageJsonPath: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { dependencies?: Record<string, unknown> };
    return Boolean(pkg.dependencies?.['@zepix/bot']);
  } catch {
    return false;
  }
}

/**
 * Chooses the host project: `--project`/`ZEPIX_PROJECT_DIR` when given; else the nearest package.json above the
 * working directory that depends on @zepix/bot (a user's own project); else the bot's own package.
 */
export function findHostProject(options: { readonly projectDir?: string; readonly cwd?: string } = {}): HostProject {
  const explicit = options.projectDir ?? process.env.ZEPIX_PROJECT_DIR;
  if (explicit) {
    const path = join(resolve(options.cwd ?? process.cwd(), explicit), 'package.json');
    if (!existsSync(path)) {
      throw new BotError(BotErrorCode.ProjectNotFound, `no package.json in project folder ${dirname(path)}`, {
        hint: 'point --project (or ZEPIX_PROJECT_DIR) at the folder whose package.json lists your plugins',
      });
    }
    return readProject(path, 'explicit');
  }
  for (let dir = resolve(options.cwd ?? process.cwd()); ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && dependsOnBot(candidate)) return readProject(candidate, 'depends-on-bot');
    if (dirname(dir) === dir) break;
  }
  return readProject(BOT_PACKAGE_JSON, 'bot-package');
}
