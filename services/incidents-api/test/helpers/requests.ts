import type { App } from '../../src/app.js'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** An id no record has. */
export const MISSING = '00000000-0000-4000-8000-000000000000'

/** `app.inject` with an optional JSON payload, answered as its status and parsed body (undefined when empty). */
export function sender (app: App) {
  return async function send (method: Method, url: string, payload?: unknown): Promise<{ status: number, body: any }> {
    const response = await app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) })
    return { status: response.statusCode, body: response.body === '' ? undefined : response.json() }
  }
}

export const validation = (message: string) => ({ status: 400, body: { statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message } })

export const incidentNotFound = (id: string) => ({
  status: 404, body: { statusCode: 404, code: 'INCIDENTS_NOT_FOUND', error: 'Not Found', message: `Incident ${id} does not exist` }
})
