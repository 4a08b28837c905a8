import {
  accessSync,
  closeSync,
  existsSync,
  constants,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { BotError, BotErrorCode } from '../errors.js';

/** The data folder: --data-dir, else ZEPIX_DATA_DIR, else ./data. */
export function resolveDataDir(cwd: string, dataDir?: string): string {
  return resolve(cwd, dataDir ?? process.env.ZEPIX_DATA_DIR ?? 'data');
}

const LOCK_FILE = 'zepix.lock';
const PID_FILE = 'zepix.pid';

/** The data folder, held exclusively by this process until `release()`. */
export interface DataDirLock {
  readonly dir: string;
  release(): void;
}

function unusable(path: string, what: string, cause: unknown): BotError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new BotError(BotErrorCode.DataDirUnusable, `${what} "${path}" (${reason})`, {
    hint: `give the user running Zepix read and write access, e.g. chown -R "$(id -un)" "${path}" && chmod u+rwX "${path}", or point ZEPIX_DATA_DIR / --data-dir at a writable folder`,
    cause,
  });
}

/**
 * Creates the folder (owner-only) if missing and checks that it and every file already in it can be read and
 * written, so a read-only folder is reported with the file to fix instead of SQLite's "unable to open database file".
 */
export function checkDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (cause) {
    throw unusable(dir, 'cannot write to the data folder', cause);
  }
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.R_OK | constants.W_OK);
    } catch (cause) {
      throw unusable(file, 'cannot read and write', cause);
    }
  }
}

function runningPid(dir: string): string {
  try {
    return readFileSync(join(dir, PID_FILE), 'utf8').trim() || 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Takes the data folder for this process. The lock is an exclusive SQLite transaction on `zepix.lock`: the
 * operating system drops it when the process dies (even by kill -9), so there is never a stale lock to clean up.
 * A second bot on the same folder is refused with the running one's pid.
 */
export function lockDataDir(dir: string): DataDirLock {
  const path = join(dir, LOCK_FILE);
  // Never open and close a descriptor on an existing lock file: closing any descriptor of a file drops every
  // POSIX lock this process holds on it, so a refused second start in-process would free the running bot's lock.
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  const db = new Database(path, { timeout: 0 });
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (cause) {
    db.close();
    throw new BotError(
      BotErrorCode.AlreadyRunning,
      `another Zepix (pid ${runningPid(dir)}) is already running on the data folder "${dir}"`,
      { hint: 'stop that one first, or give this one its own folder with --data-dir or ZEPIX_DATA_DIR', cause },
    );
  }
  writeFileSync(join(dir, PID_FILE), `${process.pid}\n`, { mode: 0o600 });
  let held = true;
  return {
    dir,
    release: () => {
      if (!held) return;
      held = false;
      db.exec('ROLLBACK');
      db.close();
    },
  };
}
