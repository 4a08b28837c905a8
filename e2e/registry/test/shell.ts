import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The environment every command of the scenario runs in: the local registry, a shared store, no prompts. */
export function registryEnv(options: {
  readonly registry: string;
  readonly token: string;
  readonly home: string;
  readonly storeDir: string;
}): NodeJS.ProcessEnv {
  const npmrc = join(options.home, '.npmrc');
  const host = options.registry.replace(/^http:/, '');
  writeFileSync(npmrc, `registry=${options.registry}\n${host}:_authToken=${options.token}\n`);
  // A trader's terminal, not CI: CI=true changes pnpm's defaults (frozen lockfile, no prompts) and hides bugs.
  const { CI: _ci, ...inherited } = process.env;
  return {
    ...inherited,
    npm_config_userconfig: npmrc,
    npm_config_registry: options.registry,
    // One store for the monorepo and every project here, so better-sqlite3 is built once (pnpm's side-effects
    // cache keeps the built copy).
    npm_config_store_dir: options.storeDir,
    npm_config_cache_dir: join(options.home, 'cache'),
    // Also for runs where CI=true was exported to npm_config_* by a wrapper: a brand-new project has no lockfile.
    npm_config_frozen_lockfile: 'false',
    npm_config_confirm_modules_purge: 'false',
    npm_config_update_notifier: 'false',
    GIT_AUTHOR_NAME: 'Zepix CI',
    GIT_AUTHOR_EMAIL: 'ci@zepix.invalid',
    GIT_COMMITTER_NAME: 'Zepix CI',
    GIT_COMMITTER_EMAIL: 'ci@zepix.invalid',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
  };
}

/** Runs a command and returns its output; on failure the error shows the command, the folder and the output. */
export function sh(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): string {
  try {
    return execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; status?: number };
    throw new Error(
      `${cmd} ${args.join(' ')} (in ${cwd}) exited ${failed.status}:\n${failed.stdout ?? ''}\n${failed.stderr ?? ''}`,
      { cause: error },
    );
  }
}
