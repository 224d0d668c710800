import { createIncidentsClient, createIntelRequestsClient } from '@incident-intel/sdk'

/** Every HTTP call the benchmark makes goes through the SDK. */
export interface Clients {
  incidents: ReturnType<typeof createIncidentsClient>
  intelRequests: ReturnType<typeof createIntelRequestsClient>
}

export function createClients (urls: { incidents: string, intelRequests: string }, token?: string): Clients {
  return {
    incidents: createIncidentsClient({ baseUrl: urls.incidents, token }),
    intelRequests: createIntelRequestsClient({ baseUrl: urls.intelRequests, token })
  }
}

/** A benchmark must not time error answers: any one fails the run. */
export function expectData<T> (result: { data?: T, error?: unknown, response: Response }, what: string): T {
  if (result.data === undefined || !result.response.ok) {
    throw new Error(`${what}: HTTP ${result.response.status} ${JSON.stringify(result.error)}`)
  }
  return result.data
}
