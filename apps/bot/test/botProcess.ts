import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { CLI } from './runCli.js';

/** A `zepix start` child process and the URL it listens on. */
export interface BotProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited(): Promise<number | string>;
}

/** Spawns the built CLI (`zepix start`) in `cwd` and waits for its "zepix started" log line. */
export function spawnBot(options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<BotProcess> {
  const child = spawn(process.execPath, [CLI, 'start'], {
    cwd: options.cwd,
    env: { ...process.env, ZEPIX_LOG_LEVEL: 'info', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exit = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`bot did not start in time:\n${output}`)),
      options.timeoutMs ?? 20_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)".*"msg":"zepix started"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => output, exited: () => exit });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`bot exited (${code}) before it started:\n${output}`));
    });
  });
}
