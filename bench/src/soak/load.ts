import { percentile, summarize } from '@incident-intel/test-support'
import type { Clients } from '../clients.js'
import { OPERATION_NAMES, planRequest, type WorkerState } from './operations.js'
import type { DataSet } from './data-set.js'

export interface LoadOptions {
  clients: Clients
  data: DataSet
  concurrency: number
  durationMs: number
  /** Requests per second in total; undefined: each worker sends its next as soon as its last answers. */
  rate: number | undefined
  /** Stops the run early (Ctrl-C, a service that died). */
  signal: AbortSignal
  /** Called every PROGRESS_MS with the run so far. */
  onProgress?: (elapsedMs: number, load: Load) => void
}

export interface ErrorSample { operation: string, status: number | 'socket', detail: string }

/** Per operation: every latency (ms) and the statuses ('socket' for a request that got none). */
export interface Load {
  requests: number
  errors: number
  operations: Map<string, { latencies: number[], statuses: Record<string, number>, errors: number }>
  /** The first few errors, verbatim. */
  errorSamples: ErrorSample[]
  /** x-cache of every GET /incidents/current/:id answer. */
  cacheResults: Record<string, number>
  elapsedMs: number
}

const PROGRESS_MS = 10_000
const KEPT_ERROR_SAMPLES = 20

/** The shared summary of a series, with the p95 the soak reports as well. */
export const latencyStats = (latencies: number[]) => ({ ...summarize(latencies), p95_ms: percentile(Float64Array.from(latencies).sort(), 95) })

/** Every operation's figures in the mix's order (operations never run are left out), and all of them together. */
export function loadStats (load: Load) {
  const names = OPERATION_NAMES.filter(name => load.operations.has(name))
  return {
    total: { requests: load.requests, errors: load.errors, ...latencyStats([...load.operations.values()].flatMap(o => o.latencies)) },
    operations: Object.fromEntries(names.map(name => {
      const { latencies, statuses, errors } = load.operations.get(name)!
      return [name, { requests: latencies.length, errors, statuses: Object.fromEntries(Object.entries(statuses).sort()), ...latencyStats(latencies) }]
    }))
  }
}

/**
 * `concurrency` workers in this process, each sending one request of the mix at a time, until
 * the duration is over or the signal fires; requests in flight then finish and are counted.
 */
export async function runLoad ({ clients, data, concurrency, durationMs, rate, signal, onProgress }: LoadOptions): Promise<Load> {
  const load: Load = { requests: 0, errors: 0, operations: new Map(), errorSamples: [], cacheResults: {}, elapsedMs: 0 }
  const started = performance.now()
  const interval = rate === undefined ? 0 : 1000 / rate
  let nextSlot = started
  const running = () => !signal.aborted && performance.now() < started + durationMs
  const record = (operation: string, ms: number, status: number | 'socket', error: string | undefined) => {
    let o = load.operations.get(operation)
    if (o === undefined) load.operations.set(operation, o = { latencies: [], statuses: {}, errors: 0 })
    o.latencies.push(ms)
    o.statuses[status] = (o.statuses[status] ?? 0) + 1
    load.requests++
    if (error === undefined) return
    load.errors++
    o.errors++
    if (load.errorSamples.length < KEPT_ERROR_SAMPLES) load.errorSamples.push({ operation, status, detail: error.slice(0, 500) })
  }

  const worker = async () => {
    const state: WorkerState = { edges: [], outages: [], cursors: new Map() }
    while (running()) {
      if (interval > 0) {
        const wait = nextSlot - performance.now()
        nextSlot = Math.max(nextSlot, performance.now() - interval) + interval
        if (wait > 0) await new Promise(resolve => setTimeout(resolve, wait))
        if (!running()) break
      }
      const planned = planRequest(clients, data, state)
      const sent = performance.now()
      let status: number | 'socket' = 'socket'
      let error: string | undefined
      try {
        const { data: body, error: failure, response } = await planned.send()
        status = response.status
        if (!planned.expected.includes(status)) error = `${status} ${JSON.stringify(failure ?? body ?? null)}`
        else planned.onAnswer?.(status, body)
        if (planned.operation === 'current_incident_get') {
          const result = response.headers.get('x-cache') ?? 'none'
          load.cacheResults[result] = (load.cacheResults[result] ?? 0) + 1
        }
      } catch (caught) {
        error = status === 'socket' ? describe(caught) : `${status} ${describe(caught)}`
      }
      record(planned.operation, performance.now() - sent, status, error)
    }
  }

  const progress = onProgress === undefined ? undefined : setInterval(() => onProgress(performance.now() - started, load), PROGRESS_MS)
  try {
    await Promise.all(Array.from({ length: concurrency }, worker))
  } finally {
    clearInterval(progress)
  }
  load.elapsedMs = performance.now() - started
  return load
}

// fetch fails with a bare "fetch failed"; the socket's own error is its cause.
function describe (error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? `: ${(error.cause as NodeJS.ErrnoException).code ?? ''} ${error.cause.message}` : ''
  return `${error.message}${cause}`
}
