import { STATUS_CODES } from 'node:http'
import { Type } from '@sinclair/typebox'

/** Fastify's own error shape, which every 4xx and 5xx of both services uses. */
export const ErrorSchema = Type.Object({
  statusCode: Type.Integer({ format: 'int32', minimum: 400, maximum: 599 }),
  code: Type.Optional(Type.String({ maxLength: 100 })),
  error: Type.String({ maxLength: 100 }),
  message: Type.String({ maxLength: 10000 })
}, { title: 'Error' })

/** The error body every response of both services uses. */
export function errorEnvelope (statusCode: number, message: string, code?: string) {
  return { statusCode, ...(code ? { code } : {}), error: STATUS_CODES[statusCode] ?? 'Error', message }
}
