/**
 * Charts drawn on the server as inline SVG: no script, no library, nothing fetched at view time, and each
 * chart is an image with a title and a description for screen readers, followed by the same numbers as a
 * table. Colours come from the page's classes `s0`…`s4`, so light and dark mode both read. Pure.
 */
import { escapeHtml } from './escape.js';

export interface Series {
  name: string;
  /** One value per category; null is a gap (no data that week), not zero. */
  values: ReadonlyArray<number | null>;
}

export interface ChartSpec {
  id: string;
  title: string;
  /** One sentence for screen readers: what the chart shows. */
  description: string;
  categories: readonly string[];
  series: readonly Series[];
  kind: 'bars' | 'lines';
  format: (value: number) => string;
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 12, right: 12, bottom: 34, left: 52 };

/** A round upper bound for the axis: 1, 2 or 5 times a power of ten. */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}

export function renderChart(spec: ChartSpec): string {
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const all = spec.series.flatMap((series) => series.values.filter((value): value is number => value !== null));
  const max = niceMax(Math.max(0, ...all));
  const slot = plotWidth / Math.max(1, spec.categories.length);
  const y = (value: number): number => PAD.top + plotHeight - (value / max) * plotHeight;
  const parts: string[] = [];
  for (const fraction of [0, 0.5, 1]) {
    const at = y(max * fraction);
    parts.push(`<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${round(at)}" y2="${round(at)}"/>`);
    parts.push(`<text class="axis" x="${PAD.left - 6}" y="${round(at + 4)}" text-anchor="end">${escapeHtml(spec.format(max * fraction))}</text>`);
  }
  const labelEvery = Math.max(1, Math.ceil(spec.categories.length / 8));
  spec.categories.forEach((category, index) => {
    if (index % labelEvery !== 0 && index !== spec.categories.length - 1) return;
    const x = PAD.left + slot * (index + 0.5);
    parts.push(`<text class="axis" x="${round(x)}" y="${HEIGHT - PAD.bottom + 16}" text-anchor="middle">${escapeHtml(category.replace(/^\d{4}-/, ''))}</text>`);
  });
  spec.series.forEach((series, index) => {
    const colour = `s${index % 5}`;
    const marks: string[] = [];
    if (spec.kind === 'bars') {
      const barWidth = (slot * 0.8) / spec.series.length;
      series.values.forEach((value, at) => {
        if (value === null || value === 0) return;
        const x = PAD.left + slot * at + slot * 0.1 + barWidth * index;
        marks.push(
          `<rect x="${round(x)}" y="${round(y(value))}" width="${round(barWidth)}" height="${round(PAD.top + plotHeight - y(value))}" class="${colour}"><title>${escapeHtml(`${series.name}, ${spec.categories[at] ?? ''}: ${spec.format(value)}`)}</title></rect>`,
        );
      });
    } else {
      let path = '';
      series.values.forEach((value, at) => {
        if (value === null) return;
        const x = PAD.left + slot * (at + 0.5);
        const previous = at > 0 ? series.values[at - 1] : null;
        path += `${previous === null || previous === undefined ? 'M' : 'L'}${round(x)} ${round(y(value))} `;
        marks.push(
          `<circle cx="${round(x)}" cy="${round(y(value))}" r="3" class="${colour}"><title>${escapeHtml(`${series.name}, ${spec.categories[at] ?? ''}: ${spec.format(value)}`)}</title></circle>`,
        );
      });
      if (path !== '') marks.unshift(`<path d="${path.trim()}" class="line ${colour}"/>`);
    }
    parts.push(`<g class="series" data-series="${escapeHtml(series.name)}">${marks.join('')}</g>`);
  });
  const legend = spec.series.map((series, index) => `<li><span class="swatch s${index % 5}"></span>${escapeHtml(series.name)}</li>`).join('');
  return [
    `<figure class="chart" id="${escapeHtml(spec.id)}">`,
    `<figcaption>${escapeHtml(spec.title)}</figcaption>`,
    `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${escapeHtml(spec.id)}-title ${escapeHtml(spec.id)}-desc">`,
    `<title id="${escapeHtml(spec.id)}-title">${escapeHtml(spec.title)}</title><desc id="${escapeHtml(spec.id)}-desc">${escapeHtml(spec.description)}</desc>`,
    ...parts,
    '</svg>',
    `<ul class="legend" aria-hidden="true">${legend}</ul>`,
    dataTable(spec),
    '</figure>',
  ].join('\n');
}

/** The chart's numbers as a table, for readers who cannot see the chart (and for copying). */
function dataTable(spec: ChartSpec): string {
  const head = `<tr><th scope="col">Week</th>${spec.series.map((series) => `<th scope="col">${escapeHtml(series.name)}</th>`).join('')}</tr>`;
  const rows = spec.categories.map(
    (category, at) =>
      `<tr><th scope="row">${escapeHtml(category)}</th>${spec.series.map((series) => `<td>${series.values[at] === null || series.values[at] === undefined ? '—' : escapeHtml(spec.format(series.values[at] as number))}</td>`).join('')}</tr>`,
  );
  return `<details><summary>${escapeHtml(spec.title)}: the numbers</summary><table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></details>`;
}
