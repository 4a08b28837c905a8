import { BotError, BotErrorCode } from './errors.js';

const MISSING = /Could not locate the bindings file|better_sqlite3\.node/;
const WRONG_NODE = /NODE_MODULE_VERSION|compiled against a different Node\.js version/;

function messages(error: unknown): string[] {
  const out: string[] = [];
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) out.push(e.message);
  return out;
}

/**
 * Recognises better-sqlite3 without its native binding (pnpm 10 skips its build unless it is approved) or built
 * for another Node version, and returns the error that names the one command fixing it; undefined otherwise.
 */
export function sqliteBindingError(error: unknown): BotError | undefined {
  const text = messages(error).join('\n');
  if (WRONG_NODE.test(text)) {
    return new BotError(
      BotErrorCode.SqliteBindingMissing,
      `better-sqlite3's native binding was built for another Node.js version than ${process.version}`,
      { hint: 'run `pnpm rebuild better-sqlite3` in your bot project', cause: error },
    );
  }
  if (MISSING.test(text)) {
    return new BotError(
      BotErrorCode.SqliteBindingMissing,
      "better-sqlite3's native binding is missing: its build script did not run when it was installed (pnpm 10 runs only approved builds)",
      {
        hint: 'run `pnpm approve-builds --all` in your bot project (it approves and builds better-sqlite3; projects from create-zepix list it in pnpm.onlyBuiltDependencies)',
        cause: error,
      },
    );
  }
  return undefined;
}
