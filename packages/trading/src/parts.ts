import { Analytics } from './Analytics.js';
import { Closer } from './Closer.js';
import type { EngineContext } from './context.js';
import { DualOrders } from './DualOrders.js';
import { Ledger } from './Ledger.js';
import { LotSizer } from './LotSizer.js';
import { OrderPath } from './OrderPath.js';
import { PluginBudgets } from './PluginBudgets.js';
import { PositionRules } from './PositionRules.js';
import { ProfitChains } from './ProfitChains.js';
import { Reconciler } from './reconcile.js';
import { ReentryMonitors } from './ReentryMonitors.js';
import { RiskGate } from './RiskGate.js';

/** The engine's working parts, wired once over a shared context. */
export interface EngineParts {
  readonly ctx: EngineContext;
  readonly gate: RiskGate;
  readonly budgets: PluginBudgets;
  /** Break-even moves and maximum holding times. */
  readonly rules: PositionRules;
  readonly sizer: LotSizer;
  readonly ledger: Ledger;
  readonly reconciler: Reconciler;
  readonly orders: OrderPath;
  readonly closer: Closer;
  readonly dual: DualOrders;
  readonly chains: ProfitChains;
  readonly monitors: ReentryMonitors;
  readonly analytics: Analytics;
}

/** Wires every part. */
export function createParts(ctx: EngineContext): EngineParts {
  const budgets = new PluginBudgets(ctx);
  const gate = new RiskGate(ctx, budgets);
  const sizer = new LotSizer(ctx.config, ctx.symbols);
  const ledger = new Ledger(ctx);
  const reconciler = new Reconciler(ctx, ledger);
  const orders = new OrderPath(ctx, { gate, sizer, ledger, reconciler, budgets });
  const closer = new Closer(ctx, ledger, reconciler);
  return {
    ctx,
    gate,
    budgets,
    rules: new PositionRules(ctx, closer),
    sizer,
    ledger,
    reconciler,
    orders,
    closer,
    dual: new DualOrders(ctx, orders, closer),
    chains: new ProfitChains(ctx, { orders, closer, ledger }),
    monitors: new ReentryMonitors(ctx, orders),
    analytics: new Analytics(ctx.db),
  };
}
