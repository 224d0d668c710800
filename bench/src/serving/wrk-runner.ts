import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export type LoadResult = Awaited<ReturnType<typeof runWrk>>

/** Each request of a run: its method, path, headers and body, chosen round-robin per wrk thread. */
export interface LoadRequest {
  method: 'GET' | 'POST'
  path: string
  headers?: Record<string, string>
  body?: string
}

const lua = (value: string) => JSON.stringify(value) // a JSON string is a valid Lua string literal for our ASCII data

/**
 * Drives `origin` with wrk, as a process of its own, over `requests` (cycled from a random start)
 * for `durationSeconds` at `connections`, from one wrk thread: on two cores a second one only
 * takes turns with the server and Redis (a bare hello world: 20,270 req/s and p99 3.3 ms from one
 * thread, 18,655 req/s and p99 25.6 ms from two). The numbers come from wrk's Lua `done`, not its text
 * report; `errors` counts answers outside 2xx/3xx and socket errors (connect, read, write, timeout).
 */
export async function runWrk (directory: string, origin: string, requests: LoadRequest[], connections: number, durationSeconds: number) {
  const script = join(directory, `load-${process.hrtime.bigint()}.lua`)
  const entries = requests.map(request => {
    const headers = Object.entries(request.headers ?? {}).map(([name, value]) => `[${lua(name)}] = ${lua(value)}`).join(', ')
    return `wrk.format(${lua(request.method)}, ${lua(request.path)}, {${headers}}, ${request.body === undefined ? 'nil' : lua(request.body)})`
  })
  await writeFile(script, `
local requests
local i = 0
function init (args)
  requests = {${entries.join(',\n')}}
  i = math.random(#requests)
end
function request ()
  i = i % #requests + 1
  return requests[i]
end
function done (summary, latency, _)
  local e = summary.errors
  io.write(string.format('RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "errors": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status + e.connect + e.read + e.write + e.timeout))
end
`)
  const { stdout } = await run('wrk', ['-t', '1', '-c', String(connections), '-d', `${durationSeconds}s`, '--timeout', '10s', '-s', script, origin],
    { maxBuffer: 1024 * 1024, timeout: (durationSeconds + 30) * 1000 })
  const line = stdout.split('\n').find(text => text.startsWith('RESULT '))
  if (line === undefined) throw new Error(`wrk printed no result:\n${stdout}`)
  const parsed = JSON.parse(line.slice('RESULT '.length)) as { requests: number, duration_us: number, p50_us: number, p99_us: number, errors: number }
  return {
    connections,
    requests: parsed.requests,
    requests_per_second: parsed.requests / (parsed.duration_us / 1e6),
    p50_ms: parsed.p50_us / 1000,
    p99_ms: parsed.p99_us / 1000,
    errors: parsed.errors
  }
}
