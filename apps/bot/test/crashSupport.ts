import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Posts one V3 Momentum_Breakout buy of gold (a dual order with the real combined-v3 plugin) with its own `id`.
 * True when the bot answered 200 accepted; false for any other answer or a connection cut by a kill.
 */
export async function postV3Entry(url: string, secret: string, id: string): Promise<boolean> {
  const body = JSON.stringify({
    secret,
    id,
    type: 'entry_v3',
    signal_type: 'Momentum_Breakout',
    symbol: 'XAUUSD',
    direction: 'buy',
    tf: '15',
    price: 2030,
    consensus_score: 8,
    sl_price: 2028,
    tp1_price: 2032,
    tp2_price: 2035,
    mtf_trends: '1,1,1,1,1',
  });
  try {
    const response = await fetch(`${url}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    return response.status === 200 && ((await response.json()) as { status?: string }).status === 'accepted';
  } catch {
    return false;
  }
}

/** Rows of one query against a database in the data folder, opened read-only after the bot stopped. */
export function readRows<T>(dataDir: string, file: string, sql: string): T[] {
  const db = new Database(join(dataDir, file), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}
