import { connect, createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import type { Teardown } from './teardown.js'

export interface ReplicaBalancer {
  /** http://127.0.0.1:<port>: what clients are given instead of a replica's origin. */
  origin: string
  /** Replaces the replicas (ports on 127.0.0.1) new connections go to; open ones stay where they are. */
  setReplicas: (ports: number[]) => void
  /** Connections accepted per replica port, since the start. */
  connections: () => Record<number, number>
}

/**
 * A TCP load balancer in front of service replicas, as a deployment puts one: each new connection
 * goes to the next replica in turn, and to the one after when a replica refuses it (killed).
 */
export async function startReplicaBalancer (t: Teardown, ports: number[]): Promise<ReplicaBalancer> {
  let replicas = [...ports]
  let next = 0
  const counts: Record<number, number> = {}
  const open = new Set<Socket>()

  const forward = (client: Socket, tries: number) => {
    if (tries >= replicas.length) {
      client.destroy()
      return
    }
    const port = replicas[next++ % replicas.length]!
    const upstream = connect({ host: '127.0.0.1', port })
    let connected = false
    upstream.once('error', () => {
      // Refused (the replica is down): the next one takes the connection.
      if (!connected && !client.destroyed) forward(client, tries + 1)
      else client.destroy()
    })
    upstream.once('connect', () => {
      connected = true
      counts[port] = (counts[port] ?? 0) + 1
      open.add(upstream)
      upstream.once('close', () => { open.delete(upstream); client.destroy() })
      client.once('close', () => upstream.destroy())
      client.pipe(upstream)
      upstream.pipe(client)
      client.resume()
    })
  }

  const server = createServer({ pauseOnConnect: true }, client => {
    open.add(client)
    client.once('close', () => open.delete(client))
    client.on('error', () => client.destroy())
    forward(client, 0)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  t.teardown(async () => {
    for (const socket of open) socket.destroy()
    await new Promise(resolve => server.close(resolve))
  })
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setReplicas: (ports) => { replicas = [...ports] },
    connections: () => ({ ...counts })
  }
}
