import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import type { Teardown } from './teardown.js'

export interface PrivateRedis {
  url: string
  port: number
  /** Stops the server (SIGKILL: nothing is saved, as a crash). */
  stop: () => Promise<void>
  /** Starts it again, empty, on the same port. */
  start: () => Promise<void>
  /** FLUSHALL on this server only. */
  flushAll: () => Promise<void>
}

/**
 * A redis-server of the test's own, on a free port with no persistence, for faults that must
 * never reach the machine's shared server: stopping it, restarting it empty, FLUSHALL.
 * Killed at teardown.
 */
export async function startPrivateRedis (t: Teardown, binary = process.env.REDIS_SERVER ?? 'redis-server'): Promise<PrivateRedis> {
  let port = await freePort()
  const dir = await mkdtemp(join(tmpdir(), 'private-redis-'))
  let url = `redis://127.0.0.1:${port}`
  let child: ChildProcess | undefined

  const start = async (): Promise<void> => {
    const started = child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' })
    await waitUntil(async () => {
      if (started.exitCode !== null || started.signalCode !== null) throw new PortTakenError(`redis-server exited at start on port ${port} (the port taken?)`)
      return await ping(url, started.pid)
    }, 5000, `redis-server did not start on port ${port}`)
  }
  const stop = async (): Promise<void> => {
    const running = child
    child = undefined
    if (!running || running.exitCode !== null) return
    const exited = new Promise(resolve => running.once('exit', resolve))
    running.kill('SIGKILL')
    await exited
  }
  const flushAll = async (): Promise<void> => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 })
    await client.connect()
    await client.flushall()
    await client.quit()
  }

  // A port found free can be taken by a test running beside this one before the server binds it:
  // the first start tries other ports, twice at most.
  for (let attempt = 1; ; attempt++) {
    try {
      await start()
      break
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt === 3) throw error
      port = await freePort()
      url = `redis://127.0.0.1:${port}`
    }
  }
  t.teardown(async () => {
    await stop()
    await rm(dir, { recursive: true, force: true })
  })
  return { url, port, stop, start, flushAll }
}

class PortTakenError extends Error {}

/** A TCP port nothing listens on now (the OS's choice, then released). */
export async function freePort (): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise(resolve => server.close(resolve))
  return port
}

/**
 * Whether a Redis answers PING at `url` now (one attempt, half a second to connect); with `pid`,
 * only the server of that process counts (on a port taken meanwhile, another one would answer).
 */
export async function ping (url: string, pid?: number): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 500 })
  client.on('error', () => {})
  try {
    await client.connect()
    if (await client.ping() !== 'PONG') return false
    return pid === undefined || new RegExp(`^process_id:${pid}\\r?$`, 'm').test(await client.info('server'))
  } catch {
    return false
  } finally {
    client.disconnect()
  }
}

/** Polls `condition` every 20 ms until it holds; throws `message` after `timeoutMs`. */
export async function waitUntil (condition: () => Promise<boolean>, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!await condition()) {
    if (Date.now() > deadline) throw new Error(message)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}
