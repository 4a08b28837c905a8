import { entryAlert } from '@zepix/plugin-core/testing';
import { describe, expect, it } from 'vitest';
import {
  MAX_CLIENT_ORDER_ID_LENGTH,
  alertKey,
  chainOrderId,
  clientOrderId,
  isZepixOrderId,
  legCode,
  reentryOrderId,
} from './clientOrderId.js';

describe('client order ids', () => {
  it('are deterministic for the same alert, plugin and leg', () => {
    const a = entryAlert({ journalId: 42 });
    expect(clientOrderId({ alert: a, plugin: 'combined-v3', leg: 'A' })).toBe(
      clientOrderId({ alert: { ...a }, plugin: 'combined-v3', leg: 'A' }),
    );
    expect(clientOrderId({ alert: a, plugin: 'combined-v3', leg: 'A' })).toMatch(/^z[0-9a-f]{13}-A$/);
  });

  it('differ by alert, plugin and leg', () => {
    const a = entryAlert({ journalId: 42 });
    const ids = new Set([
      clientOrderId({ alert: a, plugin: 'p1', leg: 'A' }),
      clientOrderId({ alert: a, plugin: 'p1', leg: 'B' }),
      clientOrderId({ alert: a, plugin: 'p2', leg: 'A' }),
      clientOrderId({ alert: entryAlert({ journalId: 43 }), plugin: 'p1', leg: 'A' }),
    ]);
    expect(ids.size).toBe(4);
  });

  it('key on the journal id first, then the alert id, then a hash of the alert', () => {
    expect(alertKey(entryAlert({ journalId: 7, alertId: 'x' }))).toBe('journal:7');
    expect(alertKey(entryAlert({ alertId: 'XAUUSD-5-1700000000' }))).toBe('alert:XAUUSD-5-1700000000');
    const hashed = alertKey(entryAlert({ price: 2650 }));
    expect(hashed).toMatch(/^hash:[0-9a-f]{64}$/);
    expect(alertKey(entryAlert({ price: 2650 }))).toBe(hashed);
    expect(alertKey(entryAlert({ price: 2651 }))).not.toBe(hashed);
  });

  it('stay within 32 characters for every leg, chain order and re-entry', () => {
    const root = clientOrderId({
      alert: entryAlert({ journalId: 123456789 }),
      plugin: 'a-very-long-plugin-identifier',
      leg: 'B',
    });
    const ids = [
      root,
      reentryOrderId(root, 5),
      chainOrderId(reentryOrderId(root, 99), 5, 16),
      clientOrderId({ alert: entryAlert(), plugin: 'x', leg: 'chain-12-512' }),
    ];
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(MAX_CLIENT_ORDER_ID_LENGTH);
    expect(chainOrderId(root, 2, 1)).toBe(`${root}-c2-1`);
    expect(reentryOrderId(`${root}-r1`, 2)).toBe(`${root}-r2`);
  });

  it('codes legs briefly', () => {
    expect(['A', 'B', 'single', 'reentry-3', 'chain-2-1'].map(legCode)).toEqual(['A', 'B', 'S', 'r3', 'c2-1']);
    expect(legCode('odd leg')).toMatch(/^x[0-9a-f]{5}$/);
  });
});

describe('isZepixOrderId', () => {
  it('recognises the shapes clientOrderId, chainOrderId and reentryOrderId make, and nothing else', () => {
    const id = clientOrderId({ alert: { ...entryAlert(), journalId: 7 }, plugin: 'p', leg: 'A' });
    expect(isZepixOrderId(id)).toBe(true);
    expect(isZepixOrderId(chainOrderId(id, 2, 1))).toBe(true);
    expect(isZepixOrderId(reentryOrderId(id, 3))).toBe(true);
    expect(isZepixOrderId(`z${'a'.repeat(31)}`)).toBe(true);
    for (const other of [
      '',
      'opened-by-hand',
      'z0123',
      `z${'a'.repeat(30)}`,
      `z${'g'.repeat(13)}-A`,
      `Z${'a'.repeat(13)}-A`,
      `xz${'a'.repeat(13)}-A`,
    ]) {
      expect(isZepixOrderId(other)).toBe(false);
    }
  });
});
