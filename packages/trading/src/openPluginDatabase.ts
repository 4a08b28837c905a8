import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { PluginDatabase } from '@zepix/plugin-core';

/**
 * Opens a plugin's own database as the bot runs it: the folder created, WAL, foreign keys on. Hosts pass this
 * as the plugin context's `openDatabase`; plugin-core declares only the `PluginDatabase` shape.
 */
export function openPluginDatabase(path: string): PluginDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  return db;
}
