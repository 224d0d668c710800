import { percentile, runConcurrentCalls, summarize } from '@incident-intel/test-support'
import type { Clients } from '../clients.js'
import { EXPECTED, OPERATION_NAMES, planRequest, type OperationName, type SoakIncident, type WorkerState } from './operations.js'

export type Load = Awaited<ReturnType<typeof runLoad>>

const KEPT_ERROR_SAMPLES = 20
const PROGRESS_MS = 10_000

/** The shared summary of a series, with the p95 the soak reports as well. */
const latencyStats = (latencies: number[]) => ({ ...summarize(latencies), p95_ms: percentile(Float64Array.from(latencies).sort(), 95) })

/**
 * The mix from `workers` requests in flight until `seconds` are over or `stop` fires (test-support's
 * runConcurrentCalls). A request answered outside its operation's expected statuses, or not at all
 * ('socket'), is an error: counted and sampled, never the end of the run. `onProgress` every PROGRESS_MS.
 */
export async function runLoad (clients: Clients, incidents: readonly SoakIncident[], workers: number, seconds: number, stop: AbortSignal,
  onProgress?: (totals: { requests: number, errors: number }) => void) {
  const operations = new Map<OperationName, { latencies: number[], statuses: Record<string, number>, errors: number }>()
  const errorSamples: Array<{ operation: string, status: number | 'socket', detail: string }> = []
  /** x-cache of every GET /incidents/current/:id answer. */
  const cacheResults: Record<string, number> = {}
  const totals = { requests: 0, errors: 0 }
  // One state per request in flight: a worker's own edges and outages, which only it deletes or patches.
  const idle: WorkerState[] = []
  const progress = onProgress && setInterval(() => onProgress(totals), PROGRESS_MS)
  const run = await runConcurrentCalls({
    workers,
    durationSeconds: seconds,
    call: async () => {
      if (stop.aborted) throw new Error('stopped')
      const state = idle.pop() ?? { edges: [], outages: [], cursors: new Map() }
      const planned = planRequest(clients, incidents, state)
      const sent = performance.now()
      let status: number | 'socket' = 'socket'
      let error: string | undefined
      try {
        const { data: body, error: failure, response } = await planned.send()
        status = response.status
        if (!(EXPECTED[planned.operation] as readonly number[]).includes(status)) error = `${status} ${JSON.stringify(failure ?? body ?? null)}`
        else planned.onAnswer?.(status, body)
        if (planned.operation === 'current_incident_get') {
          const result = response.headers.get('x-cache') ?? 'none'
          cacheResults[result] = (cacheResults[result] ?? 0) + 1
        }
      } catch (caught) {
        error = status === 'socket' ? describe(caught) : `${status} ${describe(caught)}`
      } finally {
        idle.push(state)
      }
      let o = operations.get(planned.operation)
      if (o === undefined) operations.set(planned.operation, o = { latencies: [], statuses: {}, errors: 0 })
      o.latencies.push(performance.now() - sent)
      o.statuses[status] = (o.statuses[status] ?? 0) + 1
      totals.requests++
      if (error === undefined) return undefined
      totals.errors++
      o.errors++
      if (errorSamples.length < KEPT_ERROR_SAMPLES) errorSamples.push({ operation: planned.operation, status, detail: error.slice(0, 500) })
      return undefined
    }
  }).finally(() => clearInterval(progress))
  return { totals, operations, errorSamples, cacheResults, elapsedMs: run.summary.duration_ms }
}

/** Every operation's figures in the mix's order (operations never run are left out), and all of them together. */
export function loadStats ({ totals, operations }: Load) {
  return {
    total: { ...totals, ...latencyStats([...operations.values()].flatMap(o => o.latencies)) },
    operations: Object.fromEntries(OPERATION_NAMES.filter(name => operations.has(name)).map(name => {
      const { latencies, statuses, errors } = operations.get(name)!
      return [name, { expected: EXPECTED[name], requests: latencies.length, errors, statuses: Object.fromEntries(Object.entries(statuses).sort()), ...latencyStats(latencies) }]
    }))
  }
}

// fetch fails with a bare "fetch failed"; the socket's own error is its cause.
function describe (error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? `: ${(error.cause as NodeJS.ErrnoException).code ?? ''} ${error.cause.message}` : ''
  return `${error.message}${cause}`
}
