import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';

const children = new Set();
const tempDirs = new Set();

function cleanUp() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

// 'exit' handlers must be synchronous: SIGKILL and rmSync are, so nothing outlives the bench, even on a throw.
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    process.stderr.write(`bench: ${signal}, stopping children\n`);
    process.exit(130);
  });
}

/** Removes `dir` when the bench exits, however it exits. */
export function removeOnExit(dir) {
  tempDirs.add(dir);
  return dir;
}

/** Spawns a child that is killed when the bench exits. */
export function spawnTracked(command, args, options) {
  const child = spawn(command, args, options);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Resolves with the exit code or signal name once `child` has ended, or undefined after `timeoutMs`. */
export function waitForExit(child, timeoutMs) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.exitCode ?? child.signalCode);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal);
    });
  });
}

/** SIGTERM, then SIGKILL if it has not ended within `graceMs`. Resolves with how it ended. */
export async function stopChild(child, graceMs) {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode ?? child.signalCode;
  child.kill('SIGTERM');
  const ended = await waitForExit(child, graceMs);
  if (ended !== undefined) return ended;
  child.kill('SIGKILL');
  await waitForExit(child, 5000);
  return 'SIGKILL (did not stop in time)';
}

/** Runs `node <script> <json>` and parses the last line it prints as JSON; fails after `timeoutMs`. */
export function runJsonScript(script, input, timeoutMs) {
  const child = spawnTracked(process.execPath, [script, JSON.stringify(input)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    // 'close', not 'exit': the last of stdout may still be in the pipe when the process has exited.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`${script} exited with ${code ?? signal}\n${stderr}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop()));
      } catch (error) {
        reject(new Error(`${script} printed no JSON result: ${String(error)}\n${stdout.slice(-2000)}${stderr}`));
      }
    });
  });
}
