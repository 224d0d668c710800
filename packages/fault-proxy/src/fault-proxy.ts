import { connect, createServer, type Socket } from 'node:net'

/**
 * - `pass`: bytes flow both ways as they come.
 * - `cut`: open connections are closed (FIN); new ones are accepted and closed at once.
 * - `reset`: open connections are reset (RST); new ones are accepted and reset at once.
 * - `delay`: every chunk, both ways, is forwarded `delayMs` after it arrived, in order.
 * - `blackhole`: a hung server. Open connections stop moving bytes (held, in order, until the
 *   mode changes); new ones are accepted, never reach the target and never get a byte back.
 */
export type FaultMode = 'pass' | 'cut' | 'reset' | 'delay' | 'blackhole'

export interface FaultProxyOptions {
  target: { host: string, port: number }
}

export interface FaultProxyStats {
  /** Connections accepted since the start. */
  accepted: number
  /** Connections open now (client side). */
  open: number
  /** Bytes that connections opened in blackhole mode sent and that will never be forwarded. */
  swallowedBytes: number
}

export interface FaultProxy {
  host: string
  port: number
  /** `targetUrl` with its host and port replaced by the proxy's, e.g. a DATABASE_URL or REDIS_URL. */
  url: (targetUrl: string) => string
  mode: () => FaultMode
  setMode: (mode: FaultMode, options?: { delayMs?: number }) => void
  /** Closes every open connection at once (both sides), whatever the mode. */
  destroyConnections: () => void
  stats: () => FaultProxyStats
  close: () => Promise<void>
}

interface Queued {
  chunk: Buffer
  due: number
}

/** One direction of a connection: chunks wait here while delayed or held. */
class Pipe {
  readonly #queue: Queued[] = []
  readonly #to: Socket
  readonly #proxy: ProxyState
  #timer: NodeJS.Timeout | undefined
  #ended = false

  constructor (to: Socket, proxy: ProxyState) {
    this.#to = to
    this.#proxy = proxy
  }

  push (chunk: Buffer): void {
    const { mode, delayMs } = this.#proxy
    if (mode === 'cut' || mode === 'reset') return // the link is closing: nothing more crosses
    if (mode === 'pass' && this.#queue.length === 0) {
      this.#to.write(chunk)
      return
    }
    this.#queue.push({ chunk, due: Date.now() + (mode === 'delay' ? delayMs : 0) })
    this.pump()
  }

  /** The source closed: what it sent before still arrives (as on a real network), then FIN. */
  end (): void {
    this.#ended = true
    this.pump()
  }

  clear (): void {
    this.#queue.length = 0
    clearTimeout(this.#timer)
  }

  pump (): void {
    clearTimeout(this.#timer)
    if (this.#proxy.mode === 'blackhole') return
    const now = Date.now()
    while (this.#queue.length > 0 && this.#queue[0]!.due <= now) {
      if (!this.#to.destroyed) this.#to.write(this.#queue.shift()!.chunk)
      else this.#queue.shift()
    }
    if (this.#queue.length > 0) {
      this.#timer = setTimeout(() => this.pump(), this.#queue[0]!.due - now)
    } else if (this.#ended && !this.#to.destroyed) {
      this.#to.end()
    }
  }
}

interface Link {
  client: Socket
  upstream: Socket | undefined
  pipes: Pipe[]
}

interface ProxyState {
  mode: FaultMode
  delayMs: number
}

/**
 * A TCP proxy on 127.0.0.1 in front of `target` whose faults a test switches at will: a
 * PostgreSQL or Redis that goes away, resets, slows down or hangs, for one test only.
 */
export async function startFaultProxy ({ target }: FaultProxyOptions): Promise<FaultProxy> {
  const state: ProxyState = { mode: 'pass', delayMs: 0 }
  const links = new Set<Link>()
  const stats = { accepted: 0, swallowedBytes: 0 }

  const server = createServer(client => {
    stats.accepted++
    client.on('error', () => {}) // the peer's reset or ours: the link's close handles both
    client.setNoDelay(true)
    if (state.mode === 'cut') {
      client.resume()
      client.end()
      return
    }
    if (state.mode === 'reset') {
      client.resetAndDestroy()
      return
    }
    const link: Link = { client, upstream: undefined, pipes: [] }
    links.add(link)
    client.on('close', () => links.delete(link))
    if (state.mode === 'blackhole') {
      // Never connected on: held open, and everything it sends is swallowed.
      client.on('data', chunk => { stats.swallowedBytes += chunk.length })
      return
    }
    const upstream = connect(target.port, target.host)
    upstream.setNoDelay(true)
    upstream.on('error', () => {})
    link.upstream = upstream
    const toUpstream = new Pipe(upstream, state)
    const toClient = new Pipe(client, state)
    link.pipes.push(toUpstream, toClient)
    client.on('data', chunk => toUpstream.push(chunk))
    upstream.on('data', chunk => toClient.push(chunk))
    client.on('close', () => toUpstream.end())
    upstream.on('close', () => toClient.end())
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as { port: number }

  const destroyConnections = (): void => {
    for (const link of links) {
      for (const pipe of link.pipes) pipe.clear()
      link.client.destroy()
      link.upstream?.destroy()
    }
    links.clear()
  }

  const setMode = (mode: FaultMode, { delayMs = 0 }: { delayMs?: number } = {}): void => {
    state.mode = mode
    state.delayMs = mode === 'delay' ? delayMs : 0
    for (const link of links) {
      const sockets = [link.client, link.upstream].filter(socket => socket !== undefined)
      if (mode === 'cut') {
        for (const pipe of link.pipes) pipe.clear()
        for (const socket of sockets) socket.destroySoon()
      } else if (mode === 'reset') {
        for (const pipe of link.pipes) pipe.clear()
        for (const socket of sockets) if (!socket.destroyed) socket.resetAndDestroy()
      } else if (mode === 'blackhole') {
        // Stop reading: the peers' bytes wait in the kernel, as with a server that hangs.
        if (link.upstream) for (const socket of sockets) socket.pause()
      } else if (link.upstream) {
        for (const socket of sockets) socket.resume()
        for (const pipe of link.pipes) pipe.pump()
      }
    }
  }

  return {
    host: '127.0.0.1',
    port,
    url: targetUrl => {
      const url = new URL(targetUrl)
      url.hostname = '127.0.0.1'
      url.port = String(port)
      return url.toString()
    },
    mode: () => state.mode,
    setMode,
    destroyConnections,
    stats: () => ({ accepted: stats.accepted, open: links.size, swallowedBytes: stats.swallowedBytes }),
    close: async () => {
      destroyConnections()
      await new Promise(resolve => server.close(resolve))
    }
  }
}
