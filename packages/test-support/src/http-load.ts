import autocannon from 'autocannon'

export interface HttpLoadOptions {
  /** The server's origin, e.g. http://127.0.0.1:3001. */
  origin: string
  /** The next request's path; called once per request, so a run can walk many records. */
  path: () => string
  method?: 'GET' | 'POST'
  /** JSON body for POST. */
  body?: unknown
  connections: number
  durationSeconds: number
}

export interface HttpLoadResult {
  requests: number
  requests_per_second: number
  p50_ms: number
  p99_ms: number
  max_ms: number
  errors: number
  /** Responses whose status was not 2xx: a benchmark that counts these is not measuring what it claims. */
  non_2xx: number
}

/** Holds `connections` concurrent keep-alive connections on the server for the duration (autocannon). */
export async function runHttpLoad ({ origin, path, method = 'GET', body, connections, durationSeconds }: HttpLoadOptions): Promise<HttpLoadResult> {
  const result = await autocannon({
    url: origin,
    connections,
    duration: durationSeconds,
    requests: [{
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      setupRequest: request => ({ ...request, path: path() })
    }]
  })
  return {
    requests: result.requests.total,
    requests_per_second: result.requests.average,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    max_ms: result.latency.max,
    errors: result.errors,
    non_2xx: result.non2xx
  }
}
