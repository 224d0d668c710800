import type { Queryable } from '@incident-intel/db'

/** The database's identity (current_incidents.cache_epoch), which the cache records in Redis. */
export async function readDatabaseId (db: Queryable): Promise<string> {
  const { rows } = await db.query<{ database_id: string }>({
    name: 'read-cache-epoch',
    text: 'select database_id from current_incidents.cache_epoch',
    values: []
  })
  return rows[0]!.database_id
}
