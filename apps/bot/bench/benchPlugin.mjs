/**
 * Source of the plugin the bench loads. It stamps the wall time each alert reaches it, keyed by the alert's own
 * `id`, in its own database; the load generator stamps send times with the same clock, so the difference is the
 * alert → plugin latency across processes.
 */
export function benchPluginSource(entry) {
  return `import { performance } from 'node:perf_hooks';
import { BaseLogicPlugin } from '@zepix/plugin-core';

export class ${entry} extends BaseLogicPlugin {
  #insert;

  async initialize() {
    // The stamps are the bench's instrument, not trading state: without an fsync per alert the instrument does
    // not compete with the journal's durable commits it is there to observe.
    this.db.pragma('synchronous = NORMAL');
    this.db.exec('CREATE TABLE IF NOT EXISTS received (alert_id TEXT PRIMARY KEY, received_ms REAL NOT NULL)');
    this.#insert = this.db.prepare('INSERT OR REPLACE INTO received VALUES (?, ?)');
  }

  #record(alert) {
    const receivedMs = performance.timeOrigin + performance.now();
    this.#insert.run(alert.alertId ?? 'journal-' + alert.journalId, receivedMs);
    return Promise.resolve({ status: 'ok', message: '${entry} recorded ' + alert.kind });
  }

  processEntrySignal(alert) {
    return this.#record(alert);
  }

  processExitSignal(alert) {
    return this.#record(alert);
  }

  processReversalSignal(alert) {
    return this.#record(alert);
  }
}
`;
}
