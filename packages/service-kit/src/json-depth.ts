import createError from '@fastify/error'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/**
 * Deepest nesting a request body may have. Deeper JSON parses, but writing it back out
 * (the pg parameter, the cache's msgpack, the reply) recurses and overflows the stack.
 */
export const MAX_JSON_DEPTH = 100

export const JsonTooDeepError = createError<[number]>(
  'SERVICE_JSON_TOO_DEEP', 'body is nested deeper than %d levels', 400)

/** Whether `value` nests objects and arrays deeper than `limit`; iterative, so any depth is safe. */
export function nestedDeeperThan (value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    if (node === null || typeof node !== 'object') continue
    if (depth + 1 > limit) return true
    for (const child of Object.values(node)) stack.push([child, depth + 1])
  }
  return false
}

/** Refuses a body nested deeper than MAX_JSON_DEPTH with a 400 before any route sees it. */
export const jsonDepthLimit = fp(async function jsonDepthLimit (app: FastifyInstance) {
  app.addHook('preValidation', (request, _reply, done) => {
    done(nestedDeeperThan(request.body, MAX_JSON_DEPTH) ? new JsonTooDeepError(MAX_JSON_DEPTH) : undefined)
  })
}, { name: 'json-depth-limit' })
