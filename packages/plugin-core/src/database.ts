/**
 * The slice of a SQLite handle a plugin may use. The host opens it (the bot uses better-sqlite3, whose `Database`
 * satisfies this interface as it is), so plugin-core itself carries no native module.
 */

/** What running a write statement reports. */
export interface PluginRunResult {
  readonly changes: number;
  readonly lastInsertRowid: number | bigint;
}

/** A prepared statement. `P` is the parameter list, `R` the row type `get` and `all` return. */
export interface PluginStatement<P extends unknown[] = unknown[], R = unknown> {
  run(...params: P): PluginRunResult;
  get(...params: P): R | undefined;
  all(...params: P): R[];
}

/** A plugin's own SQLite database, opened by the host at `<dataDir>/zepix_<id>.db`. */
export interface PluginDatabase {
  /** False once closed. */
  readonly open: boolean;
  /** Runs one or more statements without results (schema set-up). */
  exec(source: string): this;
  /** `P` is a tuple of positional values, or one object type for `@named` parameters. */
  prepare<P extends unknown[] | object = unknown[], R = unknown>(
    source: string,
  ): P extends unknown[] ? PluginStatement<P, R> : PluginStatement<[P], R>;
  close(): this;
}

/**
 * How the host opens a plugin's database: given the file path (or `:memory:`), returns an open handle with the
 * host's settings (the bot: parent folder created, WAL, foreign keys on).
 */
export type PluginDatabaseOpener = (path: string) => PluginDatabase;
