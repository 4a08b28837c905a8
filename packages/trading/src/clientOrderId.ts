import { createHash } from 'node:crypto';
import type { Alert } from '@zepix/plugin-core';

/** Brokers limit client order ids (MetaApi 26 with comment, OANDA/Alpaca more); Zepix keeps them within 32. */
export const MAX_CLIENT_ORDER_ID_LENGTH = 32;

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What identifies the alert behind an order: the journal row id (stable across re-delivery after a crash), else
 * the sender's idempotency id, else a hash of the normalised alert.
 */
export function alertKey(alert: Alert): string {
  if (alert.journalId !== undefined) return `journal:${alert.journalId}`;
  if (alert.alertId !== undefined && alert.alertId !== '') return `alert:${alert.alertId}`;
  return `hash:${sha(stableStringify(alert))}`;
}

/** A short code for a leg: A, B, S(ingle), r<n> (re-entry), c<level>-<n> (chain); anything else hashed. */
export function legCode(leg: string): string {
  if (leg === 'A' || leg === 'B') return leg;
  if (leg === 'single') return 'S';
  const reentry = /^reentry-(\d{1,3})$/.exec(leg);
  if (reentry) return `r${reentry[1]}`;
  const chain = /^chain-(\d{1,2})-(\d{1,3})$/.exec(leg);
  if (chain) return `c${chain[1]}-${chain[2]}`;
  return `x${sha(leg).slice(0, 5)}`;
}

function bounded(id: string): string {
  return id.length <= MAX_CLIENT_ORDER_ID_LENGTH ? id : `z${sha(id).slice(0, MAX_CLIENT_ORDER_ID_LENGTH - 1)}`;
}

/** The deterministic client order id for (alert, plugin, leg): the same inputs always give the same id. */
export function clientOrderId(options: {
  readonly alert: Alert;
  readonly plugin: string;
  readonly leg: string;
}): string {
  const base = `z${sha(`${alertKey(options.alert)}|${options.plugin}`).slice(0, 13)}`;
  return bounded(`${base}-${legCode(options.leg)}`);
}

/** The id of order `n` (1-based) of chain level `level`, grown from the chain's root order. */
export function chainOrderId(rootClientOrderId: string, level: number, n: number): string {
  return bounded(`${rootClientOrderId}-c${level}-${n}`);
}

/** The id of the level-`level` re-entry after the order `sourceClientOrderId` (itself maybe a re-entry). */
export function reentryOrderId(sourceClientOrderId: string, level: number): string {
  return bounded(`${sourceClientOrderId.replace(/-r\d+$/, '')}-r${level}`);
}

/** True for an id of the shape `clientOrderId` makes: a broker trade carrying one was placed by some Zepix. */
export function isZepixOrderId(id: string): boolean {
  return /^z[0-9a-f]{13}-|^z[0-9a-f]{31}$/.test(id);
}
