import { count, ms, table } from '../report/format.js'
import type { SoakReport } from './run-soak.js'

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const signedMb = (bytes: number) => `${bytes < 0 && mb(-bytes) !== '0.0 MB' ? '-' : '+'}${mb(Math.abs(bytes))}`
const latencies = (s: SoakReport['total']) => [ms(s.p50_ms), ms(s.p95_ms), ms(s.p99_ms), ms(s.max_ms)]

/** The report as Markdown: what a person reads at the end of the run. */
export function formatReport (report: SoakReport): string {
  const { options, total, data } = report
  return [
    `## Soak: ${options.durationSeconds} s, ${options.concurrency} workers, ${count(data.current_incidents)} current incidents` +
      (options.instances === 1 ? '' : `, ${options.instances} instances of each service behind a round-robin balancer`),
    '',
    `Data: ${data.organizations} organizations, ${count(data.current_incidents)} current incidents, ${count(data.intel_requests)} intel requests, ${count(data.assets)} assets. Warm-up ${options.warmup_seconds} s (not counted).`,
    `Mix: ${report.mix.join('; ')}.`,
    '',
    table(['operation', 'expected', 'requests', 'statuses', 'errors', 'p50', 'p95', 'p99', 'max'], [
      ...Object.entries(report.operations).map(([name, s]) => [name, s.expected.join(', '), count(s.requests),
        Object.entries(s.statuses).map(([status, n]) => `${status}: ${count(n)}`).join(', '), count(s.errors), ...latencies(s)]),
      ['**all**', '', `**${count(total.requests)}**`, '', `**${count(total.errors)}**`, ...latencies(total)]
    ]),
    '',
    `Throughput: ${count(report.throughput_rps)} requests/s over ${report.elapsed_seconds.toFixed(1)} s. ` +
      `GET /incidents/current/:id x-cache: ${Object.entries(report.current_incident_cache).map(([result, n]) => `${result} ${count(n)}`).join(', ') || 'none'}.`,
    '',
    table(['service', 'RSS start', 'RSS end', 'RSS max', 'growth', 'error log lines'], Object.entries(report.rss).map(([name, r]) =>
      [name, mb(r.start_bytes), mb(r.end_bytes), mb(r.max_bytes), signedMb(r.growth_bytes), String(report.service_error_lines[name] ?? 0)])),
    '',
    ...(options.instances === 1 ? [] : [`Connections per instance: ${Object.entries(report.balanced_connections).map(([name, n]) => `${name} ${count(n)}`).join(', ')}.`, '']),
    cacheLine(report.cache_check),
    ...Object.entries(report.service_exits).map(([name, exit]) => `${name} exited during the run: ${exit}`),
    ...(report.error_samples.length === 0
      ? []
      : ['', `First errors (${report.error_samples.length} of ${count(total.errors)}):`, ...report.error_samples.map(e => `- ${e.operation} → ${e.status}: ${e.detail}`)]),
    '',
    `Result: ${report.passed ? 'PASS' : 'FAIL'}`
  ].join('\n')
}

function cacheLine (check: SoakReport['cache_check']): string {
  if (check === null) return 'Cache check: not run.'
  const head = `Cache check: ${check.ok ? 'ok' : 'FAILED'}: refresh queue ${check.queue_left === 0 ? `drained in ${check.queue_drain_ms} ms` : `still held ${check.queue_left} after ${check.queue_drain_ms} ms`}; ` +
    `${count(check.documents)} cached documents in ${check.organizations.length} organizations`
  if (check.ok) return `${head}, each equal to the LATERAL query's.`
  const ids = (list: string[]) => `${list.length} ${list.slice(0, 3).join(' ')}`
  return [`${head}.`, ...check.organizations
    .filter(o => o.source !== 'cache' || o.missing.length + o.extra.length + o.different.length > 0)
    .map(o => `- ${o.organization_id}: source ${o.source}, ${o.cached_documents} cached / ${o.database_documents} in the database; missing ${ids(o.missing)}, extra ${ids(o.extra)}, different ${ids(o.different)}`)
  ].join('\n')
}
