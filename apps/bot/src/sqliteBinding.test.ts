import { describe, expect, it } from 'vitest';
import { BotErrorCode } from './errors.js';
import { sqliteBindingError } from './sqliteBinding.js';

describe('sqliteBindingError', () => {
  it('names the one command when the binding was never built', () => {
    const cause = new Error(
      'Could not locate the bindings file. Tried:\n → /p/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    );
    const error = sqliteBindingError(new Error('opening data/journal.db failed', { cause }));
    expect(error?.code).toBe(BotErrorCode.SqliteBindingMissing);
    expect(error?.message).toContain('Fix: run `pnpm approve-builds --all` in your bot project');
  });

  it('says rebuild when the binding is for another Node version', () => {
    const error = sqliteBindingError(
      new Error('was compiled against a different Node.js version using NODE_MODULE_VERSION 127'),
    );
    expect(error?.message).toContain('pnpm rebuild better-sqlite3');
  });

  it('leaves other errors alone', () => {
    expect(sqliteBindingError(new Error('EADDRINUSE'))).toBeUndefined();
    expect(sqliteBindingError('text')).toBeUndefined();
  });
});
