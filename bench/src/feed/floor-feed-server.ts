/*
 * The floor of the change feed on this machine, run by feed.bench.ts: a bare node:http server that
 * follows the organization's change log (the stream the service's scripts append) with XREAD BLOCK
 * and writes each upsert, as JSON in one frame, to every open stream; no Fastify, auth, cursors,
 * resume, per-subscriber queue or bound.
 */
import http from 'node:http'
import { Redis } from 'ioredis'
import { decodeDocument } from '@incident-intel/incidents-api/cache/document-codec'

const { PORT, REDIS_URL, REDIS_KEY_PREFIX, CHANGES_KEY } = process.env
if (!PORT || !REDIS_URL || !CHANGES_KEY) throw new Error('PORT, REDIS_URL and CHANGES_KEY are required')
const redis = new Redis(REDIS_URL, { keyPrefix: REDIS_KEY_PREFIX ?? '' })
const streams = new Set<http.ServerResponse>()

const server = http.createServer((request, response) => {
  if (request.url === '/health') return response.end('ok')
  if (request.url?.startsWith('/incidents/current/stream') !== true) {
    response.statusCode = 404
    return response.end()
  }
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' })
  response.flushHeaders()
  streams.add(response)
  response.on('close', () => streams.delete(response))
})

/** The value of `name` in a stream entry's flat field list. */
function field (fields: Buffer[], name: string): Buffer | undefined {
  for (let i = 0; i < fields.length; i += 2) if (fields[i]!.toString() === name) return fields[i + 1]
  return undefined
}

async function follow (): Promise<void> {
  let last = (await redis.xrevrange(CHANGES_KEY!, '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0'
  for (;;) {
    const reply = await redis.xreadBuffer('BLOCK', 5000, 'STREAMS', CHANGES_KEY!, last)
    for (const [, entries] of reply ?? []) {
      for (const [id, fields] of entries) {
        last = id.toString()
        const document = field(fields, 'document')
        if (field(fields, 'kind')?.toString() !== 'upsert' || document === undefined) continue
        const frame = Buffer.from(`id: ${last}\nevent: upsert\ndata: ${JSON.stringify(decodeDocument(document))}\n\n`)
        for (const stream of streams) stream.write(frame)
      }
    }
  }
}

server.listen(Number(PORT), '127.0.0.1')
follow().catch(error => {
  console.error(error)
  process.exit(1)
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const stream of streams) stream.destroy()
    server.close(() => { redis.disconnect(); process.exit(0) })
  })
}
