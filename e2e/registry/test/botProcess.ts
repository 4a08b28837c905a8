import { spawn } from 'node:child_process';

/** A running `pnpm start` of a host project and the URL it listens on. */
export interface StartedBot {
  readonly url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs `pnpm start` in `cwd` as its own process group (pnpm, then zepix) and waits for the "zepix started" line.
 * stop() ends the whole group.
 */
export function startBot(cwd: string, env: NodeJS.ProcessEnv): Promise<StartedBot> {
  const child = spawn('pnpm', ['start'], {
    cwd,
    env: { ...env, ZEPIX_PORT: '0', ZEPIX_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)".*"msg":"zepix started"/.exec(output);
      if (match?.[1]) resolve({ url: match[1], output: () => output, stop });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`pnpm start exited before the bot started:\n${output}`)));
  });
}
