import { Agent, request } from 'node:http'
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

export interface SequentialOptions {
  origin: string
  path: () => string
  requests: number
  method?: 'GET' | 'POST'
  /** JSON body for POST. */
  body?: unknown
}

export interface SequentialLatency {
  requests: number
  p50_ms: number
  p99_ms: number
  max_ms: number
  non_2xx: number
}

/**
 * One request at a time over one keep-alive connection, each timed with performance.now(): a
 * request's own latency, to the microsecond, where autocannon rounds to whole milliseconds.
 */
export async function measureSequentialLatency ({ origin, path, requests, method = 'GET', body }: SequentialOptions): Promise<SequentialLatency> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const payload = body === undefined ? undefined : JSON.stringify(body)
  const samples: number[] = []
  let non2xx = 0
  try {
    for (let i = 0; i < requests; i++) {
      const started = performance.now()
      const status = await send(new URL(path(), origin), agent, method, payload)
      samples.push(performance.now() - started)
      if (status < 200 || status > 299) non2xx++
    }
  } finally {
    agent.destroy()
  }
  samples.sort((a, b) => a - b)
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.ceil(p / 100 * samples.length) - 1)]!
  return { requests, p50_ms: at(50), p99_ms: at(99), max_ms: samples.at(-1)!, non_2xx: non2xx }
}

function send (url: URL, agent: Agent, method: string, payload: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = payload === undefined ? {} : { 'content-type': 'application/json' }
    request(url, { agent, method, headers }, response => {
      response.resume()
      response.on('end', () => resolve(response.statusCode ?? 0))
      response.on('error', reject)
    }).on('error', reject).end(payload)
  })
}
