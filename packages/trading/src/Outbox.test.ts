import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alert, harness } from './testSupport.js';
import type { Harness } from './testSupport.js';

let h: Harness;

beforeEach(async () => {
  h = await harness();
});

afterEach(async () => {
  await h.cleanup();
});

describe('the outbox', () => {
  it('stores plugin messages tagged with the plugin and hands them out until marked sent', async () => {
    await h.engine.servicesFor('alpha').telegram.send({ text: 'hello', kind: 'note' });
    await h.engine.servicesFor('beta').telegram.send({ text: 'plain' });
    const pending = h.engine.outbox.pending(10);
    expect(pending.map((r) => [r.plugin, r.kind, r.text, r.sentAt])).toEqual([
      ['alpha', 'note', 'hello', null],
      ['beta', 'plugin', 'plain', null],
    ]);
    expect(pending[0]?.createdAt).toBe('2026-03-02T10:00:00.000Z');
    h.engine.outbox.markSent([pending[0]?.id ?? 0]);
    expect(h.engine.outbox.pending(10).map((r) => r.text)).toEqual(['plain']);
    expect(h.engine.outbox.pending(1)).toHaveLength(1);
  });

  it('survives a restart', async () => {
    await h.engine.servicesFor('alpha').telegram.send({ text: 'kept' });
    await h.reopen();
    expect(h.engine.outbox.pending(10).map((r) => r.text)).toEqual(['kept']);
  });

  it('commits a notification only together with its state change', async () => {
    const side = new Database(h.path);
    side.exec(
      "CREATE TRIGGER no_entry BEFORE INSERT ON outbox WHEN NEW.kind = 'entry' BEGIN SELECT RAISE(ABORT, 'outbox down'); END",
    );
    await expect(
      h.engine.servicesFor('alpha').orderExecution.placeOrder({ alert: alert(), direction: 'buy' }),
    ).rejects.toThrow('outbox down');
    expect(h.engine.listTrades()[0]?.state).toBe('submitting');
    expect(h.engine.outbox.pending(10)).toEqual([]);
    side.exec('DROP TRIGGER no_entry');
    side.close();
    await h.reopen();
    expect(h.engine.listTrades()[0]?.state).toBe('open');
    expect(h.engine.outbox.pending(10).map((r) => r.kind)).toEqual(['entry']);
    expect(h.placeRequests).toHaveLength(1);
  });
});
