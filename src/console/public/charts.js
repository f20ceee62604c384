import { html } from 'htm/preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

const bars = uPlot.paths.bars({ size: [0.6, 64] });

/** A uPlot chart: a line over time (x in seconds) or bars over labels. */
export function Chart({ title, labels, x, y, kind = 'line', unit = '', color = '#2f6fdf', id }) {
  const box = useRef(null);
  useEffect(() => {
    if (!box.current) return undefined;
    const xs = kind === 'bars' ? labels.map((_, i) => i) : x;
    const opts = {
      title,
      width: Math.max(280, box.current.clientWidth),
      height: 220,
      legend: { show: false },
      scales: {
        x: { time: kind !== 'bars', ...(kind === 'bars' ? { range: [-0.5, labels.length - 0.5] } : {}) },
        y: { range: (u, min, max) => [0, Math.max(1, max) * 1.1] },
      },
      axes: [kind === 'bars' ? { splits: () => labels.map((_, i) => i), values: () => labels, grid: { show: false } } : {}, { label: unit, size: 56 }],
      series: [{}, { stroke: color, fill: `${color}33`, width: 2, points: { show: kind !== 'bars' }, ...(kind === 'bars' ? { paths: bars } : {}) }],
    };
    const chart = new uPlot(opts, [xs, y], box.current);
    return () => chart.destroy();
  }, [JSON.stringify([labels, x, y])]);
  return html`<div class="chart" id=${id} ref=${box}></div>`;
}
