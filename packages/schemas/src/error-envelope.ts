import { STATUS_CODES } from 'node:http'
import { Type } from '@sinclair/typebox'

/** The longest message an error body carries: longer ones (e.g. Fastify's 414, which echoes the path) are cut. */
export const ERROR_MESSAGE_MAX_LENGTH = 10000

/** Fastify's own error shape, which every 4xx and 5xx of both services uses. */
export const ErrorSchema = Type.Object({
  statusCode: Type.Integer({ format: 'int32', minimum: 400, maximum: 599 }),
  code: Type.Optional(Type.String({ maxLength: 100 })),
  error: Type.String({ maxLength: 100 }),
  message: Type.String({ maxLength: ERROR_MESSAGE_MAX_LENGTH })
}, { title: 'Error' })

/** The error body every response of both services uses. */
export function errorEnvelope (statusCode: number, message: string, code?: string) {
  const bounded = message.length > ERROR_MESSAGE_MAX_LENGTH ? `${message.slice(0, ERROR_MESSAGE_MAX_LENGTH - 1)}…` : message
  return { statusCode, ...(code ? { code } : {}), error: STATUS_CODES[statusCode] ?? 'Error', message: bounded }
}
