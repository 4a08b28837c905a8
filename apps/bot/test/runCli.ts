import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built `zepix` command of this repo. */
export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** What a finished command printed and returned. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node <cli> ...args` (or another built cli path) in `cwd` and waits for it to exit. */
export function runCli(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; cli?: string },
): CliRun {
  const result = spawnSync(process.execPath, [options.cli ?? CLI, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ZEPIX_LOG_LEVEL: 'warn', ...options.env },
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Like runCli, without blocking this process: for commands that talk to a bot running in this process. */
export function runCliAsync(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd: options.cwd,
        env: { ...process.env, ZEPIX_LOG_LEVEL: 'warn', ...options.env },
        encoding: 'utf8',
        timeout: options.timeoutMs ?? 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
