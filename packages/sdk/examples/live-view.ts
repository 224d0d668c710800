// A live view of an organization's current incidents, as a web app keeps one: a snapshot, then
// every change as it happens (resumed with no gap after a dropped connection, a new snapshot after
// a reset). Prints one line per change until Ctrl-C. Node 24 runs it as it is:
//   ORGANIZATION_ID=<uuid> [INCIDENTS_API_URL=http://127.0.0.1:3001] [TOKEN=...] node packages/sdk/examples/live-view.ts
import { syncCurrentIncidents } from '@incident-intel/sdk'

const organizationId = process.env.ORGANIZATION_ID
if (organizationId === undefined) throw new Error('set ORGANIZATION_ID')

const view = syncCurrentIncidents({
  baseUrl: process.env.INCIDENTS_API_URL ?? 'http://127.0.0.1:3001',
  ...(process.env.TOKEN === undefined ? {} : { token: process.env.TOKEN }),
  organizationId,
  onChange: change => {
    // A web app would re-render here; view.documents already holds the change.
    if (change.type === 'snapshot') console.log(`snapshot: ${change.documents} current incidents, cursor ${change.cursor}`)
    else if (change.type === 'upsert') console.log(`upsert ${change.document.incident_id} v${change.document.cache.version}: ${change.document.title}`)
    else console.log(`remove ${change.incidentId} v${change.version}`)
  }
})
process.once('SIGINT', () => { view.close().catch(() => {}) })
process.once('SIGTERM', () => { view.close().catch(() => {}) })
// Rejects when the service refuses the subscription (a 400, 401, 403 or 404): it is not retried.
await view.done
console.log(`stopped with ${view.documents.size} current incidents`)
