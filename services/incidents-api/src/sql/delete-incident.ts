import type { Queryable } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'
import type { Organizations } from '@incident-intel/dependency-graph'

const DELETE_INCIDENT = `
  update incidents.incidents set deleted = now()
   where incident_id = $1::uuid and deleted is null
     and ($2::uuid[] is null or organization_id = any($2::uuid[]))
  returning incident_id`

// A separate statement, run after the incident row is locked by the first: under READ COMMITTED
// it sees every outage or link committed meanwhile, so none outlives its incident.
const DELETE_INCIDENT_PARTS = `
  with outages as (
    update incidents.outages set deleted = now() where incident_id = $1::uuid and deleted is null
  ), internet_outages as (
    update incidents.internet_outages set deleted = now() where incident_id = $1::uuid and deleted is null
  )
  update incidents.incident_assets set deleted = now() where incident_id = $1::uuid and deleted is null`

/**
 * Soft-deletes a live incident with its outages, internet outages and asset links (their edges
 * go with them, by trigger). False when the incident was not live (or not of `organizations`).
 */
export async function deleteIncident (tx: Queryable, incidentId: CanonicalUuid, organizations: Organizations): Promise<boolean> {
  const { rowCount } = await tx.query(DELETE_INCIDENT, [incidentId, organizations])
  if (rowCount !== 1) return false
  await tx.query(DELETE_INCIDENT_PARTS, [incidentId])
  return true
}
