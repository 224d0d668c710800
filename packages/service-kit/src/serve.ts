import closeWithGrace from 'close-with-grace'
import type { FastifyInstance } from 'fastify'

export interface ServeOptions {
  host: string
  port: number
  /** How long in-flight requests may take to finish after SIGTERM/SIGINT before the process exits anyway. */
  graceMs: number
}

/**
 * Listens, and on SIGTERM, SIGINT or an uncaught error closes the app: the server stops
 * accepting, in-flight requests finish, onClose hooks release pools and workers.
 */
export async function serve (app: FastifyInstance, { host, port, graceMs }: ServeOptions): Promise<void> {
  closeWithGrace({ delay: graceMs, logger: app.log }, async ({ err, signal }) => {
    if (err) app.log.error({ err }, 'closing after an uncaught error')
    else app.log.info({ signal }, 'closing')
    await app.close()
  })
  await app.listen({ host, port })
}
