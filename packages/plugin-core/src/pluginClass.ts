import { err, ok } from '@zepix/result';
import type { Result } from '@zepix/result';
import { PLUGIN_API_VERSION, PLUGIN_BRAND } from './apiVersion.js';
import type { LogicPluginClass } from './BaseLogicPlugin.js';
import { PluginErrorCode } from './errors.js';
import { formatIssues } from './formatIssues.js';
import type { ValidationFailure } from './results.js';
import { PluginRiskBudgetSchema } from './riskBudget.js';
import type { PluginRiskBudget } from './riskBudget.js';

/** Result of checking an export: the class, or `ZEPIX_PLUGIN_ENTRY_INVALID` saying why it is not a plugin class. */
export type PluginClassCheck = Result<LogicPluginClass>;

const notAPluginClass = (message: string): PluginClassCheck => err({ code: PluginErrorCode.Entry, message });

/** Checks that a value is a class extending BaseLogicPlugin of this API version, by brand rather than instanceof. */
export function checkPluginClass(value: unknown, apiVersion: number = PLUGIN_API_VERSION): PluginClassCheck {
  if (typeof value !== 'function') {
    return notAPluginClass(`is ${value === undefined ? 'not exported' : `a ${typeof value}, not a class`}`);
  }
  const brand = (value as unknown as Record<symbol, unknown>)[PLUGIN_BRAND];
  if (brand === undefined) return notAPluginClass('is a function or class that does not extend BaseLogicPlugin');
  if (brand !== apiVersion) {
    return notAPluginClass(
      `was built against plugin API ${typeof brand === 'number' ? brand : 'unknown'}, this bot provides ${apiVersion}`,
    );
  }
  const schema = (value as { configSchema?: { safeParse?: unknown } }).configSchema;
  if (!schema || typeof schema.safeParse !== 'function') {
    return notAPluginClass('has a static configSchema that is not a zod schema');
  }
  return ok(value as LogicPluginClass);
}

/** Settings the host reads from `plugins.<id>` itself; the rest goes to the plugin's schema. */
export const HOST_CONFIG_KEYS = ['enabled', 'required', 'risk', 'mode'] as const;

/** A plugin's validated settings and its merged risk budget. */
export interface ValidPluginConfig {
  readonly config: unknown;
  readonly riskBudget: PluginRiskBudget;
}

/** Result of validating a plugin's config section: the settings, or `ZEPIX_PLUGIN_CONFIG_INVALID` with every issue. */
export type PluginConfigResult = Result<ValidPluginConfig, ValidationFailure>;

/**
 * Validates `plugins.<id>` (minus host keys) against the class's schema, and `plugins.<id>.risk` against the
 * risk budget schema; all issues at once, as `plugins.<id>.<path>: message`. The budget is the class's
 * `riskBudget` defaults with the configured fields laid over them, except `min_rr_ratio`: it relaxes an account
 * safety rule, so only the operator's own `plugins.<id>.risk.min_rr_ratio` sets it, never a class default.
 */
export function validatePluginConfig(
  pluginClass: Pick<LogicPluginClass, 'configSchema'> & { readonly riskBudget?: PluginRiskBudget },
  id: string,
  section: Readonly<Record<string, unknown>> = {},
): PluginConfigResult {
  const settings: Record<string, unknown> = { ...section };
  for (const key of HOST_CONFIG_KEYS) delete settings[key];
  const parsed = pluginClass.configSchema.safeParse(settings);
  const budget = PluginRiskBudgetSchema.safeParse(section.risk ?? {});
  const issues = [
    ...(parsed.success ? [] : formatIssues(parsed.error.issues, `plugins.${id}`)),
    ...(budget.success ? [] : formatIssues(budget.error.issues, `plugins.${id}.risk`)),
  ];
  if (!parsed.success || !budget.success) {
    return err({ code: PluginErrorCode.Config, message: issues.join('; '), issues });
  }
  const { min_rr_ratio: _notFromTheClass, ...defaults } = pluginClass.riskBudget ?? {};
  return ok({ config: parsed.data, riskBudget: { ...defaults, ...budget.data } });
}
