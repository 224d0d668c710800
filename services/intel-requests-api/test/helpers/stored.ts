import type { Queryable } from '@incident-intel/db'
import type { RecordType } from '@incident-intel/dependency-graph'

/** A record as these checks name it: any id PostgreSQL accepts. */
type StoredRecord = { type: RecordType, id: string }

export interface StoredEdge {
  dependency_id: string
  blocker_type: string
  blocker_id: string
  dependent_type: string
  dependent_id: string
  created: string
  dependency_distance?: number
}

/** An intel request's own fields as the API must show them, read straight from the table (live or not). */
export async function storedIntelRequest (db: Queryable, id: string) {
  const { rows } = await db.query(
    `select intel_request_id, organization_id, asset_id, location_id, request_type, status, priority,
            description, metadata, created, updated, deleted
       from intel_requests.intel_requests where intel_request_id = $1`, [id])
  const row = rows[0]
  if (!row) throw new Error(`no intel request ${id}`)
  return {
    intel_request_id: row.intel_request_id as string,
    organization_id: row.organization_id as string,
    asset_id: row.asset_id as string | null,
    location_id: row.location_id as string | null,
    request_type: row.request_type as string,
    status: row.status as string,
    priority: row.priority as string,
    description: row.description as string | null,
    metadata: row.metadata as Record<string, unknown>,
    created: (row.created as Date).toISOString(),
    updated: (row.updated as Date).toISOString()
  }
}

/** Whether the row is soft-deleted. */
export async function isDeleted (db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query('select deleted is not null as deleted from intel_requests.intel_requests where intel_request_id = $1', [id])
  return rows[0]!.deleted as boolean
}

function toStoredEdge (row: Record<string, unknown>): StoredEdge {
  return {
    dependency_id: row.dependency_id as string,
    blocker_type: row.blocker_type as string,
    blocker_id: row.blocker_id as string,
    dependent_type: row.dependent_type as string,
    dependent_id: row.dependent_id as string,
    created: (row.created as Date).toISOString()
  }
}

/** Every edge row that touches the record, live or not, with its liveness. */
export async function edgesOf (db: Queryable, record: StoredRecord): Promise<Array<StoredEdge & { live: boolean }>> {
  const { rows } = await db.query(
    `select dependency_id, blocker_type, blocker_id, dependent_type, dependent_id, created, deleted is null as live
       from dependencies.dependencies
      where (blocker_type = $1 and blocker_id = $2) or (dependent_type = $1 and dependent_id = $2)
      order by created, dependency_id`, [record.type, record.id])
  return rows.map(row => ({ ...toStoredEdge(row), live: row.live as boolean }))
}

/** The live edges a record's `dependencies` must show: `blockers` end at it, `dependents` leave it. */
export async function directDependencies (db: Queryable, record: StoredRecord) {
  const edges = (await edgesOf(db, record)).filter(edge => edge.live).map(({ live: _, ...edge }) => edge)
  return {
    blockers: edges.filter(e => e.dependent_type === record.type && e.dependent_id === record.id),
    dependents: edges.filter(e => e.blocker_type === record.type && e.blocker_id === record.id)
  }
}

/** A stored intel request as GET shows it without recursion: its fields and direct dependencies. */
export async function expectedIntelRequest (db: Queryable, id: string) {
  return { ...await storedIntelRequest(db, id), dependencies: await directDependencies(db, { type: 'intel_requests', id }) }
}
