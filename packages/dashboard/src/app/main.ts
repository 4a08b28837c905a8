import { ApiError, api, loadSnapshot, session } from './api.js';
import type { Snapshot } from './api.js';
import { EquityChart, PriceChart } from './charts.js';
import { byId } from './dom.js';
import { renderAlerts, renderClosed, renderPlugins, renderPositions, renderRisk, renderShadow } from './views.js';

const REFRESH_MS = 2000;

let timer: number | undefined;
let charts: { equity: EquityChart; price: PriceChart } | undefined;
let last: Snapshot | undefined;

function showLogin(message = ''): void {
  window.clearTimeout(timer);
  byId('app').hidden = true;
  byId('login').hidden = false;
  byId('login-error').textContent = message;
}

function symbols(s: Snapshot): string[] {
  const all = [...s.positions, ...s.closed]
    .map((t) => t.symbol)
    .concat(s.alerts.flatMap((a) => (a.symbol ? [a.symbol] : [])));
  return [...new Set(all)].sort();
}

function renderSymbols(s: Snapshot): string {
  const select = byId<HTMLSelectElement>('symbol');
  const wanted = symbols(s);
  if ([...select.options].map((o) => o.value).join() !== wanted.join()) {
    const current = select.value;
    select.replaceChildren(
      ...wanted.map((v) => Object.assign(document.createElement('option'), { value: v, textContent: v })),
    );
    if (wanted.includes(current)) select.value = current;
  }
  return select.value;
}

function render(s: Snapshot): void {
  charts ??= { equity: new EquityChart(), price: new PriceChart() };
  renderRisk(s.risk);
  renderPositions(s.positions, refresh);
  renderPlugins(s.plugins, refresh);
  renderShadow(s.shadow);
  renderClosed(s.closed);
  renderAlerts(s.alerts);
  charts.equity.update(s.closed);
  charts.price.update(renderSymbols(s), s.alerts, s.closed, s.positions);
  byId('status').textContent = `updated ${new Date().toLocaleTimeString()}`;
}

/** Loads everything and draws it; an expired or wrong token returns to the log-in form. */
async function refresh(): Promise<void> {
  window.clearTimeout(timer);
  try {
    last = await loadSnapshot(byId<HTMLInputElement>('search').value.trim());
    byId('error').textContent = '';
    render(last);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      session.clear();
      showLogin('The token was refused; log in again.');
      return;
    }
    byId('error').textContent = `Could not refresh: ${(error as Error).message}. Retrying…`;
  }
  timer = window.setTimeout(() => void refresh(), REFRESH_MS);
}

function showApp(): void {
  byId('login').hidden = true;
  byId('app').hidden = false;
  void refresh();
}

byId('login').addEventListener('submit', (event) => {
  event.preventDefault();
  const token = byId<HTMLInputElement>('token').value.trim();
  api('/status', { token })
    .then(() => {
      session.save(token);
      byId<HTMLInputElement>('token').value = '';
      showApp();
    })
    .catch((error: unknown) =>
      showLogin(
        error instanceof ApiError && error.status === 401
          ? 'That token is not the API token.'
          : `Could not reach the bot: ${(error as Error).message}`,
      ),
    );
});
byId('logout').addEventListener('click', () => {
  session.clear();
  showLogin();
});
let searchDelay: number | undefined;
byId('search').addEventListener('input', () => {
  window.clearTimeout(searchDelay);
  searchDelay = window.setTimeout(() => void refresh(), 250);
});
byId('symbol').addEventListener('change', () => {
  if (last && charts)
    charts.price.update(byId<HTMLSelectElement>('symbol').value, last.alerts, last.closed, last.positions);
});

if (session.token()) showApp();
else showLogin();
