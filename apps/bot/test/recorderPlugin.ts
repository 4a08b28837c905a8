/**
 * Source of a fixture plugin that records every alert it receives in its own database (one row per delivery),
 * fails on demand and sleeps on demand, so tests can see exactly what reached it and how often. An alert for one of
 * `crash_symbols` gets its answer, then an uncaught throw 50 ms later ends the engine thread.
 */
export function recorderPluginSource(entry: string): string {
  return `import { BaseLogicPlugin, z } from '@zepix/plugin-core';
export class ${entry} extends BaseLogicPlugin {
  static configSchema = z.object({
    fail: z.boolean().default(false),
    fail_symbols: z.array(z.string()).default([]),
    delay_ms: z.number().int().min(0).default(0),
    crash_symbols: z.array(z.string()).default([]),
  }).strict();
  async initialize() {
    this.db.exec('CREATE TABLE IF NOT EXISTS seen (journal_id INTEGER, kind TEXT, symbol TEXT, at TEXT)');
  }
  async #record(alert) {
    this.db.prepare('INSERT INTO seen VALUES (?, ?, ?, ?)').run(alert.journalId ?? null, alert.kind, alert.symbol, new Date().toISOString());
    if (this.config.delay_ms) await new Promise((r) => setTimeout(r, this.config.delay_ms));
    if (this.config.fail || this.config.fail_symbols.includes(alert.symbol)) throw new Error('strategy exploded on ' + alert.symbol);
    if (this.config.crash_symbols.includes(alert.symbol)) setTimeout(() => { throw new Error('uncaught after answering'); }, 50);
    return { status: 'ok', message: '${entry} recorded ' + alert.kind + ' ' + alert.symbol };
  }
  processEntrySignal(alert) { return this.#record(alert); }
  processExitSignal(alert) { return this.#record(alert); }
  processReversalSignal(alert) { return this.#record(alert); }
  onInfoSignal(alert) { return this.#record(alert); }
}
`;
}
