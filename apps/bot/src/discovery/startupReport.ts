/** The loading stages, in order; a failure names the stage it happened in. */
export type LoadStage = 'manifest' | 'compatibility' | 'import' | 'entry' | 'config' | 'init';

/** How loading one package ended. */
export interface PluginLoadResult {
  readonly package: string;
  readonly id?: string;
  readonly version?: string;
  readonly outcome: 'loaded' | 'failed' | 'skipped';
  /** Where it failed, or the last stage passed. */
  readonly stage: LoadStage;
  readonly enabled?: boolean;
  /** True when the config marks the plugin `required`; a required failure stops the bot. */
  readonly required: boolean;
  readonly error?: { readonly code: string; readonly message: string; readonly hint?: string };
  readonly durationMs: number;
}

/** Everything the operator needs to know about start-up. */
export interface StartupReport {
  readonly project: { readonly name: string; readonly dir: string; readonly reason: string };
  readonly results: readonly PluginLoadResult[];
  readonly loaded: number;
  readonly failed: number;
  readonly skipped: number;
  /** Required plugins that failed: the bot must not start. */
  readonly blocking: readonly PluginLoadResult[];
}

/** Builds the summary counts for a list of results. */
export function summarize(project: StartupReport['project'], results: readonly PluginLoadResult[]): StartupReport {
  return {
    project,
    results,
    loaded: results.filter((r) => r.outcome === 'loaded').length,
    failed: results.filter((r) => r.outcome === 'failed').length,
    skipped: results.filter((r) => r.outcome === 'skipped').length,
    blocking: results.filter((r) => r.outcome === 'failed' && r.required),
  };
}

/** The report as text for a terminal: one line a plugin, failures with their fix. */
export function formatStartupReport(report: StartupReport): string {
  const lines = [`Plugins of ${report.project.name} (${report.project.dir}):`];
  if (report.results.length === 0) lines.push('  (no dependency has a "zepix" field: add a plugin with pnpm add)');
  for (const r of report.results) {
    const name = r.id ? `${r.id} (${r.package}@${r.version ?? '?'})` : r.package;
    if (r.outcome === 'loaded') {
      lines.push(`  ✔ ${name} — ${r.enabled ? 'enabled' : 'disabled'}`);
    } else if (r.outcome === 'skipped') {
      lines.push(`  – ${name} — skipped: ${r.error?.message ?? 'not selected'}`);
    } else {
      lines.push(`  ✘ ${name} — failed at ${r.stage}${r.required ? ' (required)' : ''}: ${r.error?.message ?? ''}`);
      if (r.error?.hint) lines.push(`      fix: ${r.error.hint}`);
    }
  }
  lines.push(`${report.loaded} loaded, ${report.failed} failed, ${report.skipped} skipped`);
  return lines.join('\n');
}
