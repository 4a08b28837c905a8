import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Journal } from '@zepix/journal';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { circuitOpened } from './circuitOpened.js';

let dir: string;
let journal: Journal;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zepix-breaker-'));
  journal = Journal.open({ path: join(dir, 'zepix_journal.db'), bookkeepingBusyTimeoutMs: 50 });
});

afterEach(async () => {
  await journal.close();
  rmSync(dir, { recursive: true, force: true });
});

function witnesses() {
  const notices: string[] = [];
  const errors: string[] = [];
  return {
    notices,
    errors,
    notifier: { notify: (text: string) => void notices.push(text) },
    logger: { error: (_fields: object, message: string) => void errors.push(message) },
  };
}

describe('circuitOpened', () => {
  it('saves the disabled state and tells the operator', () => {
    const seen = witnesses();
    circuitOpened({ journal, notifier: seen.notifier }, seen.logger as never, 'fragile', 'strategy exploded');
    expect(journal.pluginStates()).toEqual([
      expect.objectContaining({ plugin: 'fragile', enabled: false, reason: 'circuit breaker: strategy exploded' }),
    ]);
    expect(seen.notices).toEqual(['Plugin fragile was disabled by its circuit breaker: strategy exploded']);
  });

  it('still tells the operator, and says it was not saved, when another process holds the journal locked', () => {
    const holder = new Database(join(dir, 'zepix_journal.db'));
    holder.exec('BEGIN EXCLUSIVE');
    const seen = witnesses();
    try {
      expect(() =>
        circuitOpened({ journal, notifier: seen.notifier }, seen.logger as never, 'fragile', 'strategy exploded'),
      ).not.toThrow();
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(seen.notices).toEqual([
      expect.stringMatching(
        /^Plugin fragile was disabled by its circuit breaker: strategy exploded \(not saved, ZEPIX_JOURNAL_LOCKED:/,
      ),
    ]);
    expect(seen.errors).toContain('the circuit breaker could not save the disabled state');
    expect(journal.pluginStates()).toEqual([]);
  });
});
