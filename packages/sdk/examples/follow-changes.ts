// How the sender keeps a live view by pulling: the organization's documents once, then only what
// changed, page by page, from a cursor (GET /incidents/current/changes). A `reset` (its cursor is
// older than the log keeps, or the cache was rebuilt) means: read the documents again, and go on
// from the cursor that answer gave. Polls every POLL_MS (default 1000) until Ctrl-C:
//   ORGANIZATION_ID=<uuid> [INCIDENTS_API_URL=http://127.0.0.1:3001] [TOKEN=...] node packages/sdk/examples/follow-changes.ts
import { setTimeout as sleep } from 'node:timers/promises'
import { createIncidentsClient, type CurrentIncidentChange, type CurrentIncidentDocument } from '@incident-intel/sdk'

const organizationId = process.env.ORGANIZATION_ID
if (organizationId === undefined) throw new Error('set ORGANIZATION_ID')
const pollMs = Number(process.env.POLL_MS ?? 1000)
const incidents = createIncidentsClient({
  baseUrl: process.env.INCIDENTS_API_URL ?? 'http://127.0.0.1:3001',
  ...(process.env.TOKEN === undefined ? {} : { token: process.env.TOKEN })
})
const stop = new AbortController()
process.once('SIGINT', () => stop.abort())
process.once('SIGTERM', () => stop.abort())

const documents = new Map<string, CurrentIncidentDocument>()
// The newest version applied per incident, removed ones included: the list and the changes after
// the cursor overlap, and a change the list already shows is skipped.
const versions = new Map<string, number>()

async function changesAfter (after: string) {
  const { data, error } = await incidents.GET('/incidents/current/changes', { params: { query: { organization_id: organizationId!, after, limit: 500 } } })
  if (error !== undefined) throw new Error(`changes: ${error.statusCode} ${error.message}`)
  return data
}

/** Every current document, read after `cursor` was taken: what changed since it follows. */
async function reload (cursor: string): Promise<string> {
  const { data, error } = await incidents.GET('/incidents/current', { params: { query: { organization_id: organizationId! } } })
  if (error !== undefined) throw new Error(`list: ${error.statusCode} ${error.message}`)
  documents.clear()
  for (const document of data.incidents) {
    documents.set(document.incident_id, document)
    versions.set(document.incident_id, Math.max(versions.get(document.incident_id) ?? 0, document.cache.version ?? 0))
  }
  console.log(`loaded ${documents.size} current incidents, cursor ${cursor}`)
  return cursor
}

function apply (change: CurrentIncidentChange): void {
  if (change.version <= (versions.get(change.incident_id) ?? 0)) return
  versions.set(change.incident_id, change.version)
  if (change.kind === 'upsert') {
    documents.set(change.incident_id, change.document!)
    console.log(`upsert ${change.incident_id} v${change.version}: ${change.document!.title}`)
  } else {
    documents.delete(change.incident_id)
    console.log(`remove ${change.incident_id} v${change.version}`)
  }
}

// Start as after a reset: the oldest cursor there is gets the log's end (or its first page when it
// was never trimmed nor rebuilt), then the documents.
const first = await changesAfter('0-0')
let cursor = await reload(first.next_cursor)
while (!stop.signal.aborted) {
  const page = await changesAfter(cursor)
  if (page.reset) cursor = await reload(page.next_cursor)
  else {
    page.changes.forEach(apply)
    cursor = page.next_cursor
  }
  // A full page: more is waiting. Otherwise the sender has caught up: wait for the next round.
  if (page.changes.length < 500) await sleep(pollMs, undefined, { signal: stop.signal }).catch(() => {})
}
console.log(`stopped with ${documents.size} current incidents`)
