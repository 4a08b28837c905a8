import { LineSeries, createChart, createSeriesMarkers } from 'lightweight-charts';
import type {
  IChartApi,
  ISeriesApi,
  ISeriesMarkersPluginApi,
  SeriesMarker,
  Time,
  UTCTimestamp,
} from 'lightweight-charts';
import type { AlertEntry, Position, Trade } from './api.js';

const COLOURS = ['#2962ff', '#e91e63', '#ff9800', '#009688', '#9c27b0', '#795548'];

interface Point {
  time: UTCTimestamp;
  value: number;
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000) as UTCTimestamp;

/** Sorted by time, one point a second (the chart needs strictly increasing times): the last value wins. */
function series(points: readonly Point[]): Point[] {
  const bySecond = new Map<number, Point>();
  for (const p of [...points].sort((a, b) => a.time - b.time)) bySecond.set(p.time, p);
  return [...bySecond.values()];
}

function chartIn(id: string): IChartApi {
  const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  return createChart(document.getElementById(id)!, {
    autoSize: true,
    layout: { background: { color: 'transparent' }, textColor: dark ? '#e6edf3' : '#1b1f24' },
    grid: { vertLines: { visible: false }, horzLines: { color: dark ? '#30363d' : '#eceff1' } },
    timeScale: { timeVisible: true },
  });
}

/** Cumulative realised P/L per plugin, one line each. */
export class EquityChart {
  readonly #chart = chartIn('equity');
  readonly #lines = new Map<string, ISeriesApi<'Line'>>();

  update(closed: readonly Trade[]): void {
    const byPlugin = new Map<string, Point[]>();
    for (const t of [...closed].sort((a, b) => (a.closedAt ?? '').localeCompare(b.closedAt ?? ''))) {
      if (!t.closedAt) continue;
      const points = byPlugin.get(t.plugin) ?? [];
      const last = points.at(-1)?.value ?? 0;
      points.push({ time: seconds(t.closedAt), value: Math.round((last + t.realizedPnl) * 100) / 100 });
      byPlugin.set(t.plugin, points);
    }
    for (const [plugin, points] of byPlugin) {
      let line = this.#lines.get(plugin);
      if (!line) {
        line = this.#chart.addSeries(LineSeries, { title: plugin, color: COLOURS[this.#lines.size % COLOURS.length]! });
        this.#lines.set(plugin, line);
      }
      line.setData(series(points));
    }
    this.#chart.timeScale().fitContent();
  }
}

/** Prices seen for one symbol (alert prices, fills, closes) with entry and exit markers. */
export class PriceChart {
  readonly #chart = chartIn('price');
  readonly #line: ISeriesApi<'Line'> = this.#chart.addSeries(LineSeries, { color: '#2962ff' });
  readonly #markers: ISeriesMarkersPluginApi<Time> = createSeriesMarkers(this.#line, []);

  update(symbol: string, alerts: readonly AlertEntry[], trades: readonly Trade[], open: readonly Position[]): void {
    const points: Point[] = [];
    const markers: SeriesMarker<Time>[] = [];
    for (const a of alerts)
      if (a.symbol === symbol && a.price !== null) points.push({ time: seconds(a.receivedAt), value: a.price });
    for (const t of [...trades, ...open]) {
      if (t.symbol !== symbol) continue;
      if (t.openedAt && t.entryPrice !== null) {
        points.push({ time: seconds(t.openedAt), value: t.entryPrice });
        const buy = t.direction === 'buy';
        markers.push({
          time: seconds(t.openedAt),
          position: buy ? 'belowBar' : 'aboveBar',
          shape: buy ? 'arrowUp' : 'arrowDown',
          color: buy ? '#1a7f37' : '#cf222e',
          text: `${t.plugin} ${t.leg}`,
        });
      }
      if (t.closedAt && t.closePrice !== null) {
        points.push({ time: seconds(t.closedAt), value: t.closePrice });
        markers.push({
          time: seconds(t.closedAt),
          position: 'aboveBar',
          shape: 'circle',
          color: '#6a737d',
          text: `exit ${t.realizedPnl.toFixed(2)}`,
        });
      }
    }
    this.#line.setData(series(points));
    this.#markers.setMarkers(markers.sort((a, b) => (a.time as number) - (b.time as number)));
    this.#chart.timeScale().fitContent();
  }
}
