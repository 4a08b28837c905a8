import { join } from 'node:path';
import Database from 'better-sqlite3';

function openReadOnly(path) {
  return new Database(path, { readonly: true, fileMustExist: true });
}

/** alert id → wall time (ms) the bench plugin received it, from its database after the bot has stopped. */
export function readPluginReceipts(dataDir, pluginId) {
  const db = openReadOnly(join(dataDir, `zepix_${pluginId}.db`));
  try {
    const rows = db.prepare('SELECT alert_id, received_ms FROM received').all();
    return new Map(rows.map((row) => [row.alert_id, row.received_ms]));
  } finally {
    db.close();
  }
}

/**
 * Checks the journal file on disk, after the bot has stopped, for every journal id the webhook answered
 * "accepted": how many are there as accepted rows, plus the file's totals.
 */
export function checkJournal(dataDir, acceptedIds) {
  const db = openReadOnly(join(dataDir, 'zepix_journal.db'));
  try {
    const lookup = db.prepare("SELECT 1 FROM alerts WHERE id = ? AND status = 'accepted'").pluck();
    let found = 0;
    for (const id of acceptedIds) if (lookup.get(id) !== undefined) found += 1;
    const totals = db
      .prepare(
        `SELECT COUNT(*) AS rows, COALESCE(SUM(status = 'accepted'), 0) AS accepted,
                COALESCE(SUM(dispatch_state = 'pending'), 0) AS pendingDispatch FROM alerts`,
      )
      .get();
    const outcomes = db.prepare('SELECT COUNT(*) FROM outcomes').pluck().get();
    return { answeredAccepted: acceptedIds.length, foundOnDisk: found, ...totals, outcomes };
  } finally {
    db.close();
  }
}

/** alert id → { orderedMs, ok, code }: when placeOrder resolved in the bench plugin, and whether it was ok. */
export function readOrderStamps(dataDir, pluginId) {
  const db = openReadOnly(join(dataDir, `zepix_${pluginId}.db`));
  try {
    const rows = db.prepare('SELECT alert_id, ordered_ms, ok, code, client_order_id FROM ordered').all();
    return new Map(
      rows.map((row) => [
        row.alert_id,
        { orderedMs: row.ordered_ms, ok: row.ok === 1, code: row.code, clientOrderId: row.client_order_id },
      ]),
    );
  } finally {
    db.close();
  }
}

/**
 * The trading engine's own record after the bot has stopped: positions per state for `pluginId`, and how many
 * alerts the journal holds as accepted, to check that every accepted alert became exactly one open position.
 */
export function checkPositions(dataDir, pluginId) {
  const trading = openReadOnly(join(dataDir, 'zepix_trading.db'));
  let byState;
  try {
    const rows = trading
      .prepare('SELECT state, COUNT(*) AS n FROM positions WHERE plugin = ? GROUP BY state')
      .all(pluginId);
    byState = Object.fromEntries(rows.map((row) => [row.state, row.n]));
  } finally {
    trading.close();
  }
  const journal = openReadOnly(join(dataDir, 'zepix_journal.db'));
  try {
    const acceptedAlerts = journal.prepare("SELECT COUNT(*) FROM alerts WHERE status = 'accepted'").pluck().get();
    return { open: byState.open ?? 0, byState, acceptedAlerts };
  } finally {
    journal.close();
  }
}
