import type { CacheCheck } from './cache-check.js'
import type { ErrorSample, OperationStats } from './latency-recorder.js'
import type { RssSeries, RssSummary } from './rss-sampler.js'
import type { SoakOptions } from './options.js'

export interface SoakReport {
  passed: boolean
  started_at: string
  options: Omit<SoakOptions, 'json'> & { warmup_seconds: number }
  mix: string[]
  data: { organizations: number, current_incidents: number, intel_requests: number, assets: number }
  elapsed_seconds: number
  total: Omit<OperationStats, 'statuses'>
  throughput_rps: number
  operations: Record<string, OperationStats & { expected: readonly number[] }>
  /** x-cache of the GET /incidents/current/:id answers. */
  current_incident_cache: Record<string, number>
  rss: Record<string, RssSummary>
  /** Lines each service logged at level error or above. */
  service_error_lines: Record<string, number>
  /** A service that exited before the end. */
  service_exits: Record<string, string>
  cache_check: CacheCheck | null
  error_samples: ErrorSample[]
  rss_series: Record<string, RssSeries>
}

const ms = (value: number) => value < 10 ? value.toFixed(2) : value.toFixed(1)
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const count = (value: number) => value.toLocaleString('en-US')
const signedMb = (bytes: number) => {
  const text = mb(Math.abs(bytes))
  return `${bytes < 0 && text !== '0.0 MB' ? '-' : '+'}${text}`
}

/** The report as Markdown: what a person reads at the end of the run. */
export function formatReport (report: SoakReport): string {
  const { options, total } = report
  const lines = [
    `## Soak: ${options.durationSeconds} s, ${options.concurrency} workers${options.rate === undefined ? '' : `, capped at ${options.rate} req/s`}, ${count(report.data.current_incidents)} current incidents`,
    '',
    `Data: ${report.data.organizations} organizations, ${count(report.data.current_incidents)} current incidents, ${count(report.data.intel_requests)} intel requests, ${count(report.data.assets)} assets. Warm-up ${options.warmup_seconds} s (not counted).`,
    `Mix: ${report.mix.join('; ')}.`,
    '',
    '| operation | expected | requests | statuses | errors | p50 ms | p95 ms | p99 ms | max ms |',
    '|---|---|---:|---|---:|---:|---:|---:|---:|',
    ...Object.entries(report.operations).map(([name, s]) =>
      `| ${name} | ${s.expected.join(', ')} | ${count(s.requests)} | ${Object.entries(s.statuses).map(([status, n]) => `${status}: ${count(n)}`).join(', ')} | ${count(s.errors)} | ${ms(s.p50_ms)} | ${ms(s.p95_ms)} | ${ms(s.p99_ms)} | ${ms(s.max_ms)} |`),
    `| **all** | | **${count(total.requests)}** | | **${count(total.errors)}** | ${ms(total.p50_ms)} | ${ms(total.p95_ms)} | ${ms(total.p99_ms)} | ${ms(total.max_ms)} |`,
    '',
    `Throughput: ${count(Math.round(report.throughput_rps))} requests/s over ${report.elapsed_seconds.toFixed(1)} s. ` +
      `GET /incidents/current/:id x-cache: ${Object.entries(report.current_incident_cache).map(([result, n]) => `${result} ${count(n)}`).join(', ') || 'none'}.`,
    '',
    '| service | RSS start | RSS end | RSS max | growth | error log lines |',
    '|---|---:|---:|---:|---:|---:|',
    ...Object.entries(report.rss).map(([name, r]) =>
      `| ${name} | ${mb(r.start_bytes)} | ${mb(r.end_bytes)} | ${mb(r.max_bytes)} | ${signedMb(r.growth_bytes)} | ${report.service_error_lines[name] ?? 0} |`),
    '',
    cacheLine(report.cache_check),
    ...Object.entries(report.service_exits).map(([name, exit]) => `${name} exited during the run: ${exit}`),
    ...(report.error_samples.length === 0
      ? []
      : ['', `First errors (${report.error_samples.length} of ${count(total.errors)}):`, ...report.error_samples.map(e => `- ${e.operation} → ${e.status}: ${e.detail}`)]),
    '',
    `Result: ${report.passed ? 'PASS' : 'FAIL'}`
  ]
  return lines.join('\n')
}

function cacheLine (check: CacheCheck | null): string {
  if (check === null) return 'Cache check: not run.'
  const head = `Cache check: ${check.ok ? 'ok' : 'FAILED'}: refresh queue ${check.queue_left === 0 ? `drained in ${check.queue_drain_ms} ms` : `still held ${check.queue_left} after ${check.queue_drain_ms} ms`}; ` +
    `${count(check.documents)} cached documents in ${check.organizations.length} organizations`
  if (check.ok) return `${head}, each equal to the LATERAL query's.`
  const problems = check.organizations
    .filter(o => o.source !== 'cache' || o.missing.length + o.extra.length + o.different.length > 0)
    .map(o => `- ${o.organization_id}: source ${o.source}, ${o.cached_documents} cached / ${o.database_documents} in the database; ` +
      `missing ${o.missing.length} ${o.missing.slice(0, 3).join(' ')}, extra ${o.extra.length} ${o.extra.slice(0, 3).join(' ')}, different ${o.different.length} ${o.different.slice(0, 3).join(' ')}`)
  return [`${head}.`, ...problems].join('\n')
}
