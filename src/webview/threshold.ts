// The Threshold tab: the sweep drawn as precision against coverage, one point per threshold,
// so the team can see what raising or lowering the threshold costs. A table carries the same
// numbers for keyboard and screen-reader users.
import type { SweepPoint } from '../shared/messages';
import { h, percent, svg } from './dom';
import { post } from './host';

const WIDTH = 320;
const HEIGHT = 230;
const M = { left: 40, right: 12, top: 12, bottom: 40 };

export interface ThresholdPanel {
  element: HTMLElement;
  setData(sweep: SweepPoint[], threshold: number, configured: number): void;
}

/** The threshold with the best balanced accuracy (ties: the lower threshold, which answers more). */
export function bestThreshold(sweep: SweepPoint[]): SweepPoint | null {
  let best: SweepPoint | null = null;
  for (const p of sweep) {
    if (p.balancedAccuracy === null) continue;
    if (!best || p.balancedAccuracy > (best.balancedAccuracy ?? -1)) best = p;
  }
  return best;
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-6;
}

export function createThresholdPanel(): ThresholdPanel {
  const chartSlot = h('div', { class: 'chart' });
  const note = h('p', { class: 'muted', id: 'threshold-note' });
  const tableSlot = h('div', { class: 'table-wrap' });
  const element = h('div', { class: 'threshold-panel' }, note, chartSlot, tableSlot);

  const draw = (sweep: SweepPoint[], threshold: number, configured: number) => {
    const labelled = sweep.some((p) => p.precision !== null);
    const x = (v: number) => M.left + v * (WIDTH - M.left - M.right);
    const y = (v: number) => HEIGHT - M.bottom - v * (HEIGHT - M.top - M.bottom);
    const chart = svg('svg', {
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      class: 'sweep-chart',
      role: 'group',
      'aria-label': labelled ? 'Precision against coverage for each threshold' : 'Coverage for each threshold',
    });
    for (const t of [0, 0.25, 0.5, 0.75, 1]) {
      chart.append(
        svg('line', { class: 'grid', x1: x(0), x2: x(1), y1: y(t), y2: y(t) }),
        svg('line', { class: 'grid', x1: x(t), x2: x(t), y1: y(0), y2: y(1) }),
        svg('text', { class: 'tick', x: M.left - 4, y: y(t) + 3, 'text-anchor': 'end' }, percent(t)),
        svg('text', { class: 'tick', x: x(t), y: HEIGHT - M.bottom + 13, 'text-anchor': 'middle' }, labelled ? percent(t) : String(t)),
      );
    }
    chart.append(
      svg('text', { class: 'axis', x: x(0.5), y: HEIGHT - 6, 'text-anchor': 'middle' }, labelled ? 'coverage (questions answered)' : 'threshold'),
      svg(
        'text',
        { class: 'axis', x: 10, y: y(0.5), 'text-anchor': 'middle', transform: `rotate(-90 10 ${y(0.5)})` },
        labelled ? 'precision (right article)' : 'coverage',
      ),
    );
    const points = sweep
      .filter((p) => !labelled || p.precision !== null)
      .map((p) => ({ p, cx: x(labelled ? p.coverage : p.threshold), cy: y(labelled ? (p.precision ?? 0) : p.coverage) }));
    if (points.length > 1) chart.append(svg('polyline', { class: 'curve', points: points.map((q) => `${q.cx},${q.cy}`).join(' ') }));
    for (const { p, cx, cy } of points) {
      const current = near(p.threshold, threshold);
      const label = `threshold ${p.threshold}: coverage ${percent(p.coverage)}${p.precision === null ? '' : `, precision ${percent(p.precision)}`}`;
      const choose = () => post({ type: 'whatIf', threshold: p.threshold });
      chart.append(
        svg(
          'circle',
          {
            class: `point${current ? ' current' : ''}${near(p.threshold, configured) ? ' configured' : ''}`,
            cx,
            cy,
            r: current ? 6 : 4,
            tabindex: 0,
            role: 'button',
            'aria-label': label,
            'data-threshold': p.threshold,
            onclick: choose,
            onkeydown: (event) => {
              if ((event as KeyboardEvent).key === 'Enter' || (event as KeyboardEvent).key === ' ') {
                event.preventDefault();
                choose();
              }
            },
          },
          svg('title', {}, label),
        ),
      );
      if (current) {
        chart.append(svg('text', { class: 'point-label', x: Math.min(cx + 8, WIDTH - 60), y: Math.max(cy - 8, 12) }, `t = ${p.threshold}`));
      } else if (Math.round(p.threshold * 100) % 20 === 0) {
        // Every 0.2 a small label, so the curve can be read without hovering.
        chart.append(svg('text', { class: 'tick', x: Math.min(cx + 6, WIDTH - 20), y: Math.min(cy + 12, HEIGHT - M.bottom - 2) }, String(p.threshold)));
      }
    }
    chartSlot.replaceChildren(chart);

    const best = bestThreshold(sweep);
    note.replaceChildren(
      labelled
        ? `Each point is a threshold: higher thresholds answer fewer questions, more of them right. Click a point to preview the questions at it (the setting is unchanged: it is ${configured}).`
        : 'No question is labelled with the article that should answer it, so only coverage can be drawn. Add an "expected" column to the questions file to see precision.',
      best ? h('strong', { class: 'best' }, ` Best balanced accuracy: ${percent(best.balancedAccuracy ?? 0)} at threshold ${best.threshold}.`) : '',
    );

    const rows = sweep.map((p) =>
      h(
        'tr',
        { class: near(p.threshold, threshold) ? 'current' : null },
        h('td', { class: 'num' }, String(p.threshold)),
        h('td', { class: 'num' }, percent(p.coverage)),
        h('td', { class: 'num' }, p.precision === null ? '—' : percent(p.precision)),
        h('td', { class: 'num' }, p.balancedAccuracy === null ? '—' : percent(p.balancedAccuracy)),
      ),
    );
    tableSlot.replaceChildren(
      h(
        'table',
        { class: 'sweep-table' },
        h('caption', { class: 'muted' }, 'Threshold sweep'),
        h(
          'thead',
          {},
          h('tr', {}, h('th', { scope: 'col' }, 'Threshold'), h('th', { scope: 'col' }, 'Coverage'), h('th', { scope: 'col' }, 'Precision'), h('th', { scope: 'col' }, 'Balanced acc.')),
        ),
        h('tbody', {}, ...rows),
      ),
    );
  };

  return { element, setData: draw };
}
