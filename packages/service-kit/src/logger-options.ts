import type { FastifyServerOptions } from 'fastify'
import { destination, stdSerializers, type DestinationStream, type LoggerOptions } from 'pino'
import type { ServiceEnv } from './config.js'

// Properties that carry a request's or a record's data rather than the failure's cause: ioredis
// puts a failed command's arguments (whole documents) on ReplyError and AbortError, pg errors
// carry the failing row in `detail`, and a client library may attach credentials.
const HIDDEN = new Set(['args', 'parameters', 'values', 'detail', 'internalquery', 'authorization', 'token', 'tokens', 'password'])
const MAX_DEPTH = 8

/**
 * pino's error serializer, then every property named in HIDDEN dropped at any depth, and an
 * ioredis `command` kept as its name alone: a logged failure says what failed, never with what.
 */
export function serializeError (error: Error): SerializedError {
  return scrub(stdSerializers.err(error), 0) as SerializedError
}

export interface SerializedError {
  [key: string]: unknown
  type: string
  message: string
  stack: string
}

function scrub (value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value
  if (depth >= MAX_DEPTH) return '[nested too deep]'
  if (Array.isArray(value)) return value.map(item => scrub(item, depth + 1))
  const kept: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    if (HIDDEN.has(key.toLowerCase())) continue
    if (key === 'command' && item !== null && typeof item === 'object' && 'name' in item) {
      kept.command = (item as { name: unknown }).name
      continue
    }
    kept[key] = scrub(item, depth + 1)
  }
  return kept
}

// How long a buffered line may wait for LOG_BUFFER_BYTES to fill.
const FLUSH_INTERVAL_MS = 250

/**
 * The options of every service's pino logger: `given` (a test's destination, say) on top of the
 * configured level, with the error serializer and the Authorization header's redaction always
 * in force. `false` silences the log. Without a given stream, lines go to stdout in batches of
 * LOG_BUFFER_BYTES: a write per request was a sixth of a cache hit's CPU. pino flushes the
 * batch on exit; a SIGKILL loses at most the last 250 ms of lines.
 */
export function loggerOptions ({ LOG_LEVEL: level, LOG_BUFFER_BYTES: bufferBytes }: Pick<ServiceEnv, 'LOG_LEVEL' | 'LOG_BUFFER_BYTES'>, given: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (given === false) return false
  const options: LoggerOptions & { stream?: DestinationStream } = given === true || given === undefined ? {} : given as LoggerOptions
  const stream = options.stream ?? (bufferBytes > 0 ? destination({ dest: 1, sync: false, minLength: bufferBytes, periodicFlush: FLUSH_INTERVAL_MS }) : undefined)
  return {
    level,
    ...options,
    ...(stream === undefined ? {} : { stream }),
    serializers: { ...options.serializers, err: serializeError },
    redact: { paths: ['req.headers.authorization', 'headers.authorization'], censor: '[Redacted]' }
  }
}
