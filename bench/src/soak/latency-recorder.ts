import { percentile } from '@incident-intel/test-support'

export interface OperationStats {
  requests: number
  errors: number
  /** Responses by status ('socket' for a request that got none). */
  statuses: Record<string, number>
  p50_ms: number
  p95_ms: number
  p99_ms: number
  max_ms: number
}

export interface ErrorSample {
  operation: string
  status: number | 'socket'
  detail: string
}

const KEPT_ERROR_SAMPLES = 20

/** Per operation: every latency (ms), its statuses, and the errors, with the first few kept verbatim. */
export class LatencyRecorder {
  readonly #latencies = new Map<string, number[]>()
  readonly #statuses = new Map<string, Map<string, number>>()
  readonly #errors = new Map<string, number>()
  readonly errorSamples: ErrorSample[] = []
  requests = 0
  errors = 0

  record (operation: string, ms: number, status: number | 'socket', error: string | undefined): void {
    let latencies = this.#latencies.get(operation)
    if (latencies === undefined) this.#latencies.set(operation, latencies = [])
    latencies.push(ms)
    let statuses = this.#statuses.get(operation)
    if (statuses === undefined) this.#statuses.set(operation, statuses = new Map())
    statuses.set(String(status), (statuses.get(String(status)) ?? 0) + 1)
    this.requests++
    if (error !== undefined) {
      this.errors++
      this.#errors.set(operation, (this.#errors.get(operation) ?? 0) + 1)
      if (this.errorSamples.length < KEPT_ERROR_SAMPLES) this.errorSamples.push({ operation, status, detail: error.slice(0, 500) })
    }
  }

  /** The same numbers over every request of the run. */
  overall (): Omit<OperationStats, 'statuses'> {
    const sorted = Float64Array.from([...this.#latencies.values()].flat()).sort()
    return {
      requests: this.requests,
      errors: this.errors,
      p50_ms: percentile(sorted, 50),
      p95_ms: percentile(sorted, 95),
      p99_ms: percentile(sorted, 99),
      max_ms: sorted.at(-1) ?? Number.NaN
    }
  }

  /** Every operation's numbers, in the order given (operations never run are left out). */
  summary (order: readonly string[]): Record<string, OperationStats> {
    const names = [...order.filter(name => this.#latencies.has(name)), ...[...this.#latencies.keys()].filter(name => !order.includes(name))]
    return Object.fromEntries(names.map(name => {
      const sorted = Float64Array.from(this.#latencies.get(name)!).sort()
      return [name, {
        requests: sorted.length,
        errors: this.#errors.get(name) ?? 0,
        statuses: Object.fromEntries([...this.#statuses.get(name)!].sort()),
        p50_ms: percentile(sorted, 50),
        p95_ms: percentile(sorted, 95),
        p99_ms: percentile(sorted, 99),
        max_ms: sorted.at(-1) ?? Number.NaN
      }]
    }))
  }
}
