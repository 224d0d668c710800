import type { App } from '../../src/app.js'

/** A sample's value on /metrics (0 when absent): `name` with its labels as Prometheus prints them, e.g. `x_total{kind="upsert"}`. */
export async function metric (app: App, sample: string): Promise<number> {
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body
  const line = text.split('\n').find(line => line.startsWith(`${sample} `))
  return line === undefined ? 0 : Number(line.slice(sample.length + 1))
}

/** One page of the pull feed. */
export async function pull (app: App, organizationId: string, query = ''): Promise<{ status: number, body: any }> {
  const response = await app.inject({ method: 'GET', url: `/incidents/current/changes?organization_id=${organizationId}${query}` })
  return { status: response.statusCode, body: response.json() }
}

/** What a change says, without its document: for comparing feeds exactly. */
export const summary = (change: { cursor: string, kind: string, incident_id: string, version: number }) =>
  ({ cursor: change.cursor, kind: change.kind, incident_id: change.incident_id, version: change.version })
