import * as vega from 'vega'
import type { Summary } from '@incident-intel/test-support'
import type { PairedComparison, Side } from '../runner.js'
import type { Report } from '../run.js'

interface Series { name: string, side: 'baseline' | 'ours', samples: number[], summary: Summary }

const MAX_POINTS = 400

/** At most MAX_POINTS samples, evenly spread over the sorted ones (min and max kept). */
function thin (samples: readonly number[]): number[] {
  const sorted = [...samples].sort((a, b) => a - b)
  if (sorted.length <= MAX_POINTS) return sorted
  return Array.from({ length: MAX_POINTS }, (_, i) => sorted[Math.round(i * (sorted.length - 1) / (MAX_POINTS - 1))]!)
}

function series (report: Report): Series[] {
  const list: Series[] = []
  const add = (name: string, sideName: Series['side'], side: Side) =>
    list.push({ name: `${name}${side.timed_out > 0 ? ` (${side.timed_out} timed out)` : ''}`, side: sideName, samples: side.samples_ms, summary: side.summary })
  const paired = (title: string, c: PairedComparison) => {
    add(`${title}: baseline`, 'baseline', c.baseline)
    add(`${title}: ours`, 'ours', c.ours)
  }
  const { per_message: message } = report.sender
  add('sender, per message (old calls + old SQL)', 'baseline', message.old)
  add('sender, per message: ours', 'ours', message.ours)
  for (const c of report.recursion) paired(`(a) ${c.id.replace('recursion-', '')}`, c)
  for (const c of report.direct) paired(`(b) ${c.id}`, c)
  paired('(c) organization query', report.organization_query)
  paired('(d) sender calls over HTTP, one at a time', report.sender.one_at_a_time)
  const lag = report.cache_lag
  list.push({ name: 'commit-to-cache lag: ours', side: 'ours', samples: lag.samples_ms, summary: lag.all })
  return list
}

/** A strip plot of every series' timings on a log scale, rendered to SVG by vega without a browser. */
export async function renderLatencyChart (report: Report): Promise<string> {
  const all = series(report)
  const points = all.flatMap(s => thin(s.samples).map(ms => ({ series: s.name, side: s.side, ms: Math.max(ms, 0.001) })))
  const medians = all.map(s => ({ series: s.name, side: s.side, ms: Math.max(s.summary.p50_ms, 0.001) }))
  const rowHeight = 22
  const spec: vega.Spec = {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: 640,
    height: rowHeight * all.length,
    padding: 10,
    title: { text: `Latency distributions (${report.mode} run, ${report.started_at.slice(0, 10)}): baseline vs ours, log scale`, fontSize: 13 },
    data: [{ name: 'points', values: points }, { name: 'medians', values: medians }],
    scales: [
      { name: 'x', type: 'log', domain: { data: 'points', field: 'ms' }, range: 'width', nice: true },
      { name: 'y', type: 'band', domain: all.map(s => s.name), range: 'height', padding: 0.2 },
      { name: 'color', type: 'ordinal', domain: ['baseline', 'ours'], range: ['#d62728', '#1f77b4'] }
    ],
    axes: [
      { orient: 'bottom', scale: 'x', title: 'milliseconds (log scale)', grid: true, format: '~g' },
      { orient: 'left', scale: 'y', labelLimit: 360 }
    ],
    legends: [{ fill: 'color', title: 'side', orient: 'right' }],
    // Every sample a faint tick; the median a black one.
    marks: [
      { type: 'rect', from: { data: 'points' }, encode: { enter: { x: { scale: 'x', field: 'ms' }, width: { value: 1 }, y: { scale: 'y', field: 'series' }, height: { scale: 'y', band: 1 }, fill: { scale: 'color', field: 'side' }, fillOpacity: { value: 0.35 } } } },
      { type: 'rect', from: { data: 'medians' }, encode: { enter: { x: { scale: 'x', field: 'ms', offset: -1 }, width: { value: 3 }, y: { scale: 'y', field: 'series', offset: -3 }, height: { scale: 'y', band: 1, offset: 6 }, fill: { value: '#000000' } } } }
    ]
  }
  const view = new vega.View(vega.parse(spec), { renderer: 'none' })
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}
