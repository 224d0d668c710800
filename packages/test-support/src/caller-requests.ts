import { randomUUID } from 'node:crypto'

/** An answer as the scoped-caller tests compare them: status and parsed body. */
export interface CallerReply {
  status: number
  body: unknown
}

/** What the callers' tests need of a service's app: Fastify's inject. */
export interface InjectableApp {
  inject: (options: { method: 'GET', url: string, headers: Record<string, string>, payload?: object }) => PromiseLike<{ statusCode: number, body: string, json: () => unknown }>
}

/**
 * Requests as the caller a bearer token names, and the answer the same request gets for an id
 * no organization has, with the id put back: what a record the caller may not see must answer.
 */
export function callerRequests (app: InjectableApp) {
  const send = async (token: string, method: string, url: string, body?: object): Promise<CallerReply> => {
    const reply = await app.inject({
      method: method as 'GET', url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body })
    })
    return { status: reply.statusCode, body: reply.body === '' ? undefined : reply.json() }
  }
  const unknownReply = async (token: string, method: string, url: (id: string) => string, id: string, body?: (id: string) => object): Promise<CallerReply> => {
    const unknown = randomUUID()
    const reply = await send(token, method, url(unknown), body?.(unknown))
    return JSON.parse(JSON.stringify(reply).replaceAll(unknown, id)) as CallerReply
  }
  return { send, unknownReply }
}

/** The 403 for naming an organization the caller may not use. */
export const forbiddenReply = (organizationId: string): CallerReply => ({
  status: 403,
  body: { statusCode: 403, code: 'SERVICE_ORGANIZATION_FORBIDDEN', error: 'Forbidden', message: `Organization ${organizationId} is not one this caller may use` }
})
