import type { InjectOptions } from 'fastify'
import type { TestApp } from './build-test-app.js'

export const MISSING = '00000000-0000-4000-8000-000000000000'
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
export const ALL_TYPES = ['incidents', 'intel_requests', 'outages', 'internet_outages', 'assets']

export interface Reply {
  status: number
  // The tests compare whole bodies; `any` spares them a cast at every field they read.
  body: any
}

/** Injects a request; the status and the parsed body (undefined when empty). */
export async function send (app: TestApp, options: InjectOptions): Promise<Reply> {
  const response = await app.inject(options)
  return { status: response.statusCode, body: response.body === '' ? undefined : response.json() }
}

export function validationError (message: string) {
  return { status: 400, body: { statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message } }
}

export function notFound (message: string, code = 'INTEL_REQUESTS_REFERENCE_NOT_FOUND') {
  return { status: 404, body: { statusCode: 404, code, error: 'Not Found', message } }
}

export function intelRequestNotFound (id: string) {
  return notFound(`Intel request ${id} does not exist`, 'INTEL_REQUESTS_NOT_FOUND')
}

export function crossOrganization (what: string, organizationId: string) {
  return {
    status: 400,
    body: {
      statusCode: 400,
      code: 'INTEL_REQUESTS_CROSS_ORGANIZATION',
      error: 'Bad Request',
      message: `${what} belongs to another organization than organization ${organizationId}`
    }
  }
}
