import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { freePort, waitUntil } from './private-redis.js'
import type { Teardown } from './teardown.js'

export type ServiceName = 'incidents-api' | 'intel-requests-api'

export interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
}

export interface ServiceProcessOptions {
  /** The service's environment on top of HOST, PORT, PATH and quiet defaults (LOG_LEVEL warn, a 200 ms queue poll, rate limits no load test reaches). */
  env: Record<string, string>
  /** How long the process may take to answer /health (default 15 s). */
  startTimeoutMs?: number
  /**
   * Also wait until its /ready reports Redis up, as startApp waits for an app's client: the
   * service connects in the background once it listens, so a call that needs Redis at once (a
   * rebuild: 503 while the limiter cannot count it) may come first, through a slow proxy above all.
   */
  redisConnected?: boolean
}

export interface ServiceProcess {
  name: ServiceName
  pid: number
  port: number
  /** http://127.0.0.1:<port> */
  origin: string
  /** Every line it wrote to stdout and stderr so far, in order. */
  lines: () => string[]
  /** The lines that are pino JSON, parsed. */
  logs: () => Array<Record<string, unknown>>
  kill: (signal: NodeJS.Signals) => void
  /** SIGTERM, then SIGKILL if it is still running after `graceMs`; resolves once it has exited. */
  stop: (graceMs?: number) => Promise<Exit>
  /** Settles when the process has exited, with its code or signal. */
  exited: Promise<Exit>
  /** Its exit, once it has exited. */
  exit: () => Exit | undefined
}

/** A tap test, or a script's Teardowns: tap's also let a failed test show the process's output. */
export interface ServiceProcessHost extends Teardown {
  passing?: () => boolean
  comment?: (message: string) => void
}

/** Budgets a test's one caller never spends: a load test measures the service, not the limiter. */
export const UNREACHED_RATE_LIMITS = { RATE_LIMIT_READS: '1000000', RATE_LIMIT_WRITES: '1000000', RATE_LIMIT_EXPENSIVE: '1000000' }

/**
 * Runs a built service (`node services/<name>/dist/server.js`) as its own process, configured by
 * `env` alone, on a free port, and resolves once /health answers, as an operator would start it.
 * Its output is kept for assertions and shown when a tap test fails; at teardown it is killed
 * (SIGKILL) if still running.
 */
export async function startServiceProcess (t: ServiceProcessHost, name: ServiceName, { env, startTimeoutMs = 15_000, redisConnected = false }: ServiceProcessOptions): Promise<ServiceProcess> {
  const server = fileURLToPath(new URL(`../../../services/${name}/dist/server.js`, import.meta.url))
  if (!existsSync(server)) throw new Error(`${server} is missing: run pnpm build first`)
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, [server], {
    // Only what is given: the test runner's own NODE_OPTIONS (its TypeScript loader) stays out.
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', CACHE_POLL_INTERVAL_MS: '200', ...UNREACHED_RATE_LIMITS, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const lines: string[] = []
  const collect = (stream: NodeJS.ReadableStream) => {
    let partial = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n')
      partial = parts.pop()!
      lines.push(...parts)
    })
    stream.on('end', () => { if (partial !== '') lines.push(partial) })
  }
  collect(child.stdout!)
  collect(child.stderr!)
  let exit: Exit | undefined
  const exited = new Promise<Exit>(resolve => {
    // 'close': the process has exited and its output has been read to the end.
    child.once('close', (code, signal) => {
      exit = { code, signal }
      resolve(exit)
    })
  })

  t.teardown(async () => {
    if (exit === undefined) {
      child.kill('SIGKILL')
      await exited
    }
    if (t.passing?.() === false) t.comment?.(`${name} (pid ${child.pid}) output:\n${lines.slice(-200).join('\n')}`)
  })

  await waitUntil(async () => {
    if (exit !== undefined) throw new Error(`${name} exited (${JSON.stringify(exit)}) before it answered:\n${lines.join('\n')}`)
    try {
      const response = await fetch(`${origin}/health`, { signal: AbortSignal.timeout(1000) })
      return response.status === 200
    } catch {
      return false
    }
  }, startTimeoutMs, `${name} did not answer /health within ${startTimeoutMs} ms:\n${lines.join('\n')}`)
  if (redisConnected) {
    await waitUntil(async () => {
      const response = await fetch(`${origin}/ready`, { signal: AbortSignal.timeout(1000) }).catch(() => null)
      return (await response?.json().catch(() => null) as { checks?: { redis?: string } } | null)?.checks?.redis === 'up'
    }, startTimeoutMs, `${name}: /ready did not report Redis up within ${startTimeoutMs} ms:\n${lines.join('\n')}`)
  }

  return {
    name,
    pid: child.pid!,
    port,
    origin,
    lines: () => [...lines],
    logs: () => lines.flatMap(line => {
      if (!line.startsWith('{')) return []
      try {
        return [JSON.parse(line) as Record<string, unknown>]
      } catch {
        return []
      }
    }),
    kill: signal => { child.kill(signal) },
    stop: async (graceMs = 15_000) => {
      if (exit !== undefined) return exit
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      try {
        return await exited
      } finally {
        clearTimeout(timer)
      }
    },
    exited,
    exit: () => exit
  }
}
