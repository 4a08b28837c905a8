import type { Alert } from '@zepix/plugin-core';
import type { RoutingRule } from '../config/configSchema.js';

const matches = <T>(condition: T | readonly T[] | undefined, value: T | undefined): boolean => {
  if (condition === undefined) return true;
  if (value === undefined) return false;
  return Array.isArray(condition) ? condition.includes(value) : condition === value;
};

function ruleMatches(rule: RoutingRule, alert: Alert): boolean {
  const strategies = [alert.strategy, alert.signalType].filter((s): s is string => s !== undefined);
  const strategyOk =
    rule.strategy === undefined ||
    strategies.some((s) => (Array.isArray(rule.strategy) ? rule.strategy.includes(s) : rule.strategy === s));
  return (
    strategyOk &&
    matches(rule.family, alert.family) &&
    matches(rule.kind, alert.kind) &&
    matches(rule.symbol, alert.symbol) &&
    matches(rule.timeframe, alert.timeframe)
  );
}

/** Where an alert goes: plugin ids, and why (for the journal and the operator). */
export interface Route {
  readonly plugins: readonly string[];
  readonly reason: 'explicit' | 'rules' | 'broadcast' | 'fallback' | 'unrouted';
}

/**
 * Maps an alert to plugin ids: its explicit `plugin` field first; else every matching rule; what no rule claims
 * goes to the fallback plugin. With neither rules nor a fallback, every loaded plugin sees every alert.
 */
export class Router {
  constructor(
    private readonly rules: readonly RoutingRule[],
    private readonly fallback: string | null,
  ) {}

  route(alert: Alert, loaded: readonly string[]): Route {
    if (alert.plugin) return { plugins: [alert.plugin], reason: 'explicit' };
    if (this.rules.length === 0 && !this.fallback)
      return { plugins: loaded, reason: loaded.length ? 'broadcast' : 'unrouted' };
    const claimed = new Set(this.rules.filter((r) => ruleMatches(r, alert)).flatMap((r) => r.plugins));
    return claimed.size ? { plugins: [...claimed], reason: 'rules' } : this.#fallback();
  }

  /** The configured fallback plugin id, if any. */
  get fallbackPlugin(): string | null {
    return this.fallback;
  }

  #fallback(): Route {
    return this.fallback ? { plugins: [this.fallback], reason: 'fallback' } : { plugins: [], reason: 'unrouted' };
  }
}
