import type { FastifyError, FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { isDatabaseUnavailable } from '@incident-intel/db'
import { errorEnvelope } from '@incident-intel/schemas'

/** Seconds a client should wait before retrying when PostgreSQL cannot serve. */
export const RETRY_AFTER_SECONDS = 1

// SQLSTATEs that mean the request itself is wrong, for writes whose checks the database alone
// makes (a constraint, a value out of a column's range). Anything unlisted stays a 500.
const CLIENT_ERROR_STATUS: Array<[RegExp, number]> = [
  [/^22/, 400], // data exception: out of range, invalid text representation, …
  [/^23502$/, 400], // not null violation
  [/^23503$/, 409], // foreign key violation: the referenced record is gone or elsewhere
  [/^23505$/, 409], // unique violation
  [/^23514$/, 400], // check violation
  [/^23P01$/, 409] // exclusion violation
]

function postgresClientStatus (error: { code?: unknown }): number | undefined {
  if (typeof error.code !== 'string' || error.code.length !== 5) return undefined
  return CLIENT_ERROR_STATUS.find(([pattern]) => pattern.test(error.code as string))?.[1]
}

/**
 * Every error leaves as `{statusCode, code?, error, message}`. PostgreSQL down or a statement
 * timeout is a 503 with Retry-After, and so is an error raised as a 503 (its message is meant
 * for the client); a request the database refuses is a 4xx with its message; any other 5xx is
 * logged with the request and its message hidden.
 */
export const errorHandler = fp(async function errorHandler (app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isDatabaseUnavailable(error) || error.code === '57014') {
      request.log.warn({ err: error }, 'database unavailable')
      return reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS))
        .send(errorEnvelope(503, 'The database is unavailable; retry shortly', 'SERVICE_DATABASE_UNAVAILABLE'))
    }
    const databaseStatus = postgresClientStatus(error)
    if (databaseStatus !== undefined) {
      return reply.code(databaseStatus).send(errorEnvelope(databaseStatus, error.message, `SQLSTATE_${error.code}`))
    }
    const statusCode = error.statusCode ?? 500
    if (statusCode < 500) return reply.code(statusCode).send(errorEnvelope(statusCode, error.message, error.code))
    // A service's own "cannot now" (e.g. Redis down for a rebuild): a retry may succeed.
    if (statusCode === 503) {
      request.log.warn({ err: error }, 'service unavailable')
      return reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send(errorEnvelope(503, error.message, error.code))
    }
    request.log.error({ err: error }, 'request failed')
    return reply.code(500).send(errorEnvelope(500, 'Internal Server Error'))
  })
}, { name: 'error-handler' })
