import { api } from './api.js';
import type { AlertEntry, PluginStatus, Position, Risk, ShadowPlugin, Trade } from './api.js';
import { byId, confirmButton, fillTable, priceDigits, time } from './dom.js';

/** Called after an action so the page shows its effect at once. */
type Refresh = () => Promise<void>;

export function renderPlugins(plugins: readonly PluginStatus[], refresh: Refresh): void {
  const rows = plugins.map((p) => {
    const action = p.enabled ? 'disable' : 'enable';
    const button = confirmButton(action === 'enable' ? 'Enable' : 'Disable', `${action} plugin ${p.id}?`, async () => {
      await api(`/plugins/${encodeURIComponent(p.id)}/${action}`, { method: 'POST', body: {} });
      await refresh();
    });
    const c = p.counters;
    // Name, state and action first: they fit a phone's width without scrolling.
    return [
      p.id,
      p.enabled ? 'enabled' : 'disabled',
      button,
      p.metadata.version,
      `${c.processed}`,
      `${c.ok}`,
      `${c.rejected}`,
      `${c.failed}`,
    ];
  });
  fillTable(
    byId('plugins'),
    ['plugin', 'state', '', 'version', 'alerts', 'ok', 'refused', 'failed'],
    rows,
    'no plugins loaded',
  );
}

export function renderPositions(positions: readonly Position[], refresh: Refresh): void {
  // What a position is, its P/L and its Close button first: they fit a phone's width without scrolling.
  const rows = positions.map((p) => [
    p.plugin,
    `${p.direction} ${p.symbol} ${p.leg}`,
    { num: p.unrealizedPnl, money: true },
    confirmButton(
      'Close',
      `Close ${p.plugin}'s ${p.direction} ${p.symbol} (${p.lots} lots) at the market?`,
      async () => {
        await api(`/trades/${encodeURIComponent(p.id)}/close`, {
          method: 'POST',
          body: { reason: 'closed from the dashboard' },
        });
        await refresh();
      },
    ),
    { num: p.lots, digits: 2 },
    { num: p.entryPrice ?? 0, digits: priceDigits(p.entryPrice) },
    p.price === null ? '—' : { num: p.price, digits: priceDigits(p.price) },
    `${p.stopLoss ?? '—'} / ${p.takeProfit ?? '—'}`,
  ]);
  fillTable(
    byId('positions'),
    ['plugin', 'position', 'P/L', '', 'lots', 'entry', 'price', 'SL / TP'],
    rows,
    'no open positions',
    (i) => positions[i]!.id,
  );
}

export function renderClosed(closed: readonly Trade[]): void {
  const recent = [...closed].reverse().slice(0, 100);
  const rows = recent.map((t) => [
    time(t.closedAt),
    t.plugin,
    t.symbol,
    `${t.direction} ${t.leg}`,
    { num: t.entryPrice ?? 0, digits: priceDigits(t.entryPrice) },
    { num: t.closePrice ?? 0, digits: priceDigits(t.closePrice) },
    t.exitNote ?? t.closeReason ?? '',
    { num: t.realizedPnl, money: true },
  ]);
  fillTable(
    byId('closed'),
    ['closed', 'plugin', 'symbol', 'side', 'entry', 'exit', 'why', 'P/L'],
    rows,
    'no closed trades yet',
    (i) => recent[i]!.id,
  );
}

function capBar(label: string, used: number, cap: number): HTMLElement {
  const share = cap > 0 ? Math.min(1, Math.max(0, used / cap)) : 0;
  const wrap = document.createElement('div');
  const text = Object.assign(document.createElement('div'), {
    textContent: `${label}: ${used.toFixed(2)} of ${cap.toFixed(2)} (${Math.round(share * 100)} %)`,
  });
  const bar = Object.assign(document.createElement('div'), { className: share >= 0.8 ? 'bar warn' : 'bar' });
  const fill = document.createElement('span');
  fill.style.width = `${share * 100}%`;
  bar.append(fill);
  wrap.append(text, bar);
  return wrap;
}

export function renderRisk(risk: Risk): void {
  const head = Object.assign(document.createElement('div'), {
    textContent: `Balance ${risk.balance?.toFixed(2) ?? '—'} · ${risk.openPositions} open${risk.paused ? ` · PAUSED: ${risk.pauseReason ?? ''}` : ''}${risk.blockedReason ? ` · blocked: ${risk.blockedReason}` : ''}`,
  });
  byId('risk').replaceChildren(
    head,
    capBar('Daily loss', risk.dailyLoss, risk.dailyLossCap),
    capBar('Lifetime loss', risk.lifetimeLoss, risk.lifetimeLossCap),
  );
}

export function renderAlerts(alerts: readonly AlertEntry[]): void {
  const rows = alerts.map((a) => [
    `#${a.id}`,
    time(a.receivedAt),
    a.status,
    [a.family, a.kind, a.symbol].filter(Boolean).join(' '),
    Object.assign(document.createElement('span'), {
      textContent:
        a.reason ??
        a.outcomes
          .map(
            (o) =>
              `${o.plugin}: ${o.status}${o.errorCode ? ` ${o.errorCode}` : ''}${o.status === 'ok' ? '' : ` (${o.message})`}`,
          )
          .join('; '),
    }),
  ]);
  fillTable(
    byId('alerts'),
    ['id', 'received', 'status', 'alert', 'outcome per plugin / reason'],
    rows,
    'no alerts match',
    (i) => String(alerts[i]!.id),
  );
  for (const td of byId('alerts').querySelectorAll('tbody td:last-child')) td.classList.add('wrap');
}

export function renderShadow(shadow: readonly ShadowPlugin[]): void {
  byId('shadow-section').hidden = shadow.length === 0;
  const rows = shadow.map((s) => [
    s.plugin,
    `${s.trades}`,
    `${Math.round(s.winRate * 100)} %`,
    { num: s.pnl, money: true },
    { num: s.maxDrawdown, digits: 2 },
    `${s.open}`,
    { num: s.unrealizedPnl, money: true },
  ]);
  fillTable(byId('shadow'), ['plugin', 'trades', 'win rate', 'P/L', 'max drawdown', 'open', 'open P/L'], rows, '');
}
