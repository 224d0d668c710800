import { LatencyRecorder } from './latency-recorder.js'
import { planRequest, type Clients, type WorkerState } from './operations.js'
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
  /** Called about every progressMs with the run so far. */
  onProgress?: (elapsedMs: number, recorder: LatencyRecorder) => void
  progressMs?: number
}

export interface LoadResult {
  recorder: LatencyRecorder
  elapsedMs: number
  /** x-cache of every GET /incidents/current/:id answer. */
  cacheResults: Record<string, number>
}

/**
 * `concurrency` workers in this process, each sending one request of the mix at a time, until
 * the duration is over or the signal fires; requests in flight then finish and are counted.
 */
export async function runLoad (options: LoadOptions): Promise<LoadResult> {
  const { clients, data, concurrency, durationMs, rate, signal, onProgress, progressMs = 10_000 } = options
  const recorder = new LatencyRecorder()
  const cacheResults: Record<string, number> = {}
  const started = performance.now()
  const deadline = started + durationMs
  const interval = rate === undefined ? 0 : 1000 / rate
  let nextSlot = started
  const running = () => !signal.aborted && performance.now() < deadline

  const worker = async () => {
    const state: WorkerState = { edges: [], outages: [], cursors: new Map() }
    while (running()) {
      if (interval > 0) {
        const slot = nextSlot
        nextSlot = Math.max(nextSlot, performance.now() - interval) + interval
        const wait = slot - performance.now()
        if (wait > 0) await new Promise(resolve => setTimeout(resolve, wait))
        if (!running()) break
      }
      const planned = planRequest(clients, data, state)
      const sent = performance.now()
      let status: number | 'socket'
      let error: string | undefined
      try {
        const { data: body, error: failure, response } = await planned.send()
        status = response.status
        if (planned.expected.includes(status)) {
          try {
            planned.onAnswer?.(status, body, response)
          } catch (caught) {
            error = `${status} ${describe(caught)}`
          }
        } else {
          error = `${status} ${JSON.stringify(failure ?? body ?? null)}`
        }
        if (planned.operation === 'current_incident_get') {
          const result = response.headers.get('x-cache') ?? 'none'
          cacheResults[result] = (cacheResults[result] ?? 0) + 1
        }
      } catch (caught) {
        status = 'socket'
        error = describe(caught)
      }
      recorder.record(planned.operation, performance.now() - sent, status, error)
    }
  }

  const progress = onProgress === undefined ? undefined : setInterval(() => onProgress(performance.now() - started, recorder), progressMs)
  try {
    await Promise.all(Array.from({ length: concurrency }, worker))
  } finally {
    clearInterval(progress)
  }
  return { recorder, elapsedMs: performance.now() - started, cacheResults }
}

// fetch fails with a bare "fetch failed"; the socket's own error is its cause.
function describe (error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? `: ${(error.cause as NodeJS.ErrnoException).code ?? ''} ${error.cause.message}` : ''
  return `${error.message}${cause}`
}
