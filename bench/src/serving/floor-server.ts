/*
 * The floor of a cached read on this machine, run by serving.bench.ts: a bare Fastify route that
 * HGETs a document from the service's Redis hash and sends the stored bytes (no log, schema or decode).
 */
import Fastify from 'fastify'
import { Redis } from 'ioredis'

const { PORT, REDIS_URL, REDIS_KEY_PREFIX, DOCUMENTS_KEY } = process.env
if (!PORT || !REDIS_URL || !DOCUMENTS_KEY) throw new Error('PORT, REDIS_URL and DOCUMENTS_KEY are required')
const redis = new Redis(REDIS_URL, { keyPrefix: REDIS_KEY_PREFIX ?? '' })
const app = Fastify({ logger: false })

app.get<{ Params: { incident_id: string } }>('/floor/:incident_id', async (request, reply) => {
  const value = await redis.hgetBuffer(DOCUMENTS_KEY, request.params.incident_id)
  if (value === null) return reply.code(404).send()
  return reply.type('application/json').send(value)
})
app.get('/health', async () => ({ status: 'ok' }))

await app.listen({ host: '127.0.0.1', port: Number(PORT) })
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => { app.close().then(() => redis.quit()).finally(() => process.exit(0)) })
}
