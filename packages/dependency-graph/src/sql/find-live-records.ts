import type { Queryable } from '@incident-intel/db'
import type { CanonicalUuid } from '@incident-intel/schemas'
import type { Organizations, RecordRef } from '../record-types.js'

export interface LiveRecord extends RecordRef {
  organizationId: CanonicalUuid
}

const FIND_LIVE_RECORDS = `
  select r.record_index, rec.organization_id
    from unnest($1::text[], $2::uuid[]) with ordinality as r(type, id, record_index)
    join dependencies.records rec
      on rec.record_type = r.type and rec.record_id = r.id and rec.deleted is null
     and ($3::uuid[] is null or rec.organization_id = any($3::uuid[]))`

/**
 * Each record that exists and is not deleted, with its organization; undefined for the rest, in
 * the order of `records`. With `organizations`, a record of any other is undefined too.
 */
export async function findLiveRecords (db: Queryable, records: RecordRef[], organizations: Organizations = null): Promise<Array<LiveRecord | undefined>> {
  const found: Array<LiveRecord | undefined> = records.map(() => undefined)
  const { rows } = await db.query<{ record_index: string, organization_id: CanonicalUuid }>(
    FIND_LIVE_RECORDS, [records.map(r => r.type), records.map(r => r.id), organizations])
  for (const row of rows) {
    const index = Number(row.record_index) - 1
    found[index] = { ...records[index]!, organizationId: row.organization_id }
  }
  return found
}
