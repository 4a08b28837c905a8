/** The token lives in sessionStorage: it survives a reload of this tab, never reaches a URL or another tab. */
const TOKEN_KEY = 'zepix.apiToken';

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  save: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

/** A non-2xx answer of the bot's API, with its status and the bot's own message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Calls `/api<path>` with the session's bearer token; JSON in, JSON out. */
export async function api<T>(path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<T> {
  const response = await fetch(`/api${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${init.token ?? session.token() ?? ''}`,
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const data = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
  if (!response.ok) throw new ApiError(response.status, data.error?.message ?? `HTTP ${response.status}`);
  return data as T;
}

export interface PluginStatus {
  id: string;
  enabled: boolean;
  metadata: { version: string; packageName: string };
  counters: { processed: number; ok: number; skipped: number; rejected: number; failed: number };
}

export interface Trade {
  id: string;
  plugin: string;
  symbol: string;
  direction: 'buy' | 'sell';
  leg: string;
  state: string;
  lots: number;
  entryPrice: number | null;
  stopLoss: number | null;
  takeProfit: number | null;
  realizedPnl: number;
  closePrice: number | null;
  closeReason: string | null;
  exitNote: string | null;
  openedAt: string | null;
  closedAt: string | null;
}

export interface Position extends Trade {
  unrealizedPnl: number;
  price: number | null;
}

export interface Risk {
  paused: boolean;
  pauseReason: string | null;
  balance: number | null;
  dailyLoss: number;
  dailyLossCap: number;
  lifetimeLoss: number;
  lifetimeLossCap: number;
  openPositions: number;
  blockedReason?: string;
}

export interface AlertEntry {
  id: number;
  receivedAt: string;
  status: string;
  family: string | null;
  kind: string | null;
  symbol: string | null;
  reason: string | null;
  price: number | null;
  outcomes: { plugin: string; status: string; message: string; errorCode?: string }[];
}

export interface ShadowPlugin {
  plugin: string;
  trades: number;
  winRate: number;
  pnl: number;
  maxDrawdown: number;
  open: number;
  unrealizedPnl: number;
}

/** Everything one refresh shows. */
export interface Snapshot {
  plugins: PluginStatus[];
  positions: Position[];
  closed: Trade[];
  risk: Risk;
  alerts: AlertEntry[];
  shadow: ShadowPlugin[];
}

/** One refresh: every view's data in parallel; `query` filters the alerts on the server. */
export async function loadSnapshot(query: string): Promise<Snapshot> {
  const q = query ? `&q=${encodeURIComponent(query)}` : '';
  const [plugins, positions, closed, risk, alerts, shadow] = await Promise.all([
    api<{ plugins: PluginStatus[] }>('/plugins'),
    api<{ positions: Position[] }>('/positions'),
    api<{ trades: Trade[] }>('/trades?state=closed'),
    api<Risk>('/risk'),
    api<{ alerts: AlertEntry[] }>(`/alerts/search?limit=100${q}`),
    api<{ plugins: ShadowPlugin[] }>('/shadow').catch(() => ({ plugins: [] })),
  ]);
  return {
    plugins: plugins.plugins,
    positions: positions.positions,
    closed: closed.trades,
    risk,
    alerts: alerts.alerts,
    shadow: shadow.plugins,
  };
}
