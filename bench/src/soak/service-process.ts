import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { freePort, waitUntil } from '@incident-intel/test-support'

export type ServiceName = 'incidents-api' | 'intel-requests-api'

export interface ServiceProcess {
  name: ServiceName
  pid: number
  origin: string
  /** Lines logged at level error or fatal so far (pino JSON on stdout). */
  errorLines: () => number
  /** The last lines the service wrote, for a failure's report. */
  tail: () => string[]
  /** Set when the process has exited (unexpectedly, unless stop() was called). */
  exited: () => { code: number | null, signal: NodeJS.Signals | null } | undefined
  /** SIGTERM, then SIGKILL after graceMs; resolves once it has exited. */
  stop: (graceMs?: number) => Promise<void>
}

const TAIL_LINES = 40
const PINO_ERROR = 50

/**
 * Runs the built service (`services/<name>/dist/server.js`) as a child process on a free loopback
 * port, configured by `env` alone, as an operator would start it.
 */
export async function startService (name: ServiceName, env: Record<string, string>): Promise<ServiceProcess> {
  const port = await freePort()
  const server = fileURLToPath(new URL(`../../../services/${name}/dist/server.js`, import.meta.url))
  const child = spawn(process.execPath, [server], {
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const lines: string[] = []
  let errors = 0
  const collect = (line: string) => {
    lines.push(line)
    if (lines.length > TAIL_LINES) lines.shift()
    if (level(line) >= PINO_ERROR) errors++
  }
  createInterface({ input: child.stdout! }).on('line', collect)
  createInterface({ input: child.stderr! }).on('line', collect)
  let exit: { code: number | null, signal: NodeJS.Signals | null } | undefined
  const exited = new Promise<void>(resolve => child.once('exit', (code, signal) => { exit = { code, signal }; resolve() }))
  if (child.pid === undefined) throw new Error(`${name} did not start`)

  return {
    name,
    pid: child.pid,
    origin: `http://127.0.0.1:${port}`,
    errorLines: () => errors,
    tail: () => [...lines],
    exited: () => exit,
    stop: async (graceMs = 15_000) => {
      if (exit !== undefined) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      await exited
      clearTimeout(timer)
    }
  }
}

/** Polls GET /ready until it answers 200 (PostgreSQL and Redis up). */
export async function waitReady (service: ServiceProcess, ready: () => Promise<number>, timeoutMs = 30_000): Promise<void> {
  await waitUntil(async () => {
    if (service.exited() !== undefined) {
      throw new Error(`${service.name} exited (${JSON.stringify(service.exited())}) before it was ready:\n${service.tail().join('\n')}`)
    }
    return ready().then(status => status === 200, () => false)
  }, timeoutMs, `${service.name} was not ready within ${timeoutMs} ms:\n${service.tail().join('\n')}`)
}

function level (line: string): number {
  try {
    const parsed = JSON.parse(line) as { level?: unknown }
    return typeof parsed.level === 'number' ? parsed.level : 0
  } catch {
    return 0
  }
}
