import type { Pool } from 'pg'
import { canonicalUuid, type CanonicalUuid } from '@incident-intel/schemas'
import { insertEdge, insertIncident, insertIntelRequest, insertOutage } from './fixtures.js'
import { quiesce, settledCache } from './cache-state.js'

/** One change the triggers never see, and the divergence verification must find for it. */
export interface UntriggeredChange {
  name: string
  /** Sets up what the change needs, through the triggers, and waits for the cache to hold it. */
  prepare: (pool: Pool, organizationId: CanonicalUuid) => Promise<void>
  /** Makes the change; returns the divergence it leaves. */
  apply: (pool: Pool, organizationId: CanonicalUuid) => Promise<{ incident_id: CanonicalUuid, reason: string }>
}

type Settle = (pool: Pool, organizationId: CanonicalUuid) => Promise<void>

/** The three changes of the contract: a replica-role write, a TRUNCATE, an edge whose endpoints moved. */
export function untriggeredChanges (settle: Settle): UntriggeredChange[] {
  let incidentId: CanonicalUuid
  let otherId: CanonicalUuid
  let edgeId: string
  return [{
    name: 'an update made with session_replication_role = replica',
    prepare: async (pool, organizationId) => {
      incidentId = canonicalUuid((await insertIncident(pool, organizationId, { title: 'Replicated' })).incident_id!)!
      await settle(pool, organizationId)
    },
    apply: async (pool) => {
      const client = await pool.connect()
      try {
        await client.query('begin')
        await client.query('set local session_replication_role = replica')
        await client.query("update incidents.incidents set title = 'Changed by replication' where incident_id = $1", [incidentId])
        await client.query('commit')
      } finally {
        client.release()
      }
      return { incident_id: incidentId, reason: 'stale' }
    }
  }, {
    name: 'a TRUNCATE of a related table',
    prepare: async (pool, organizationId) => {
      await insertOutage(pool, organizationId, incidentId, null)
      await settle(pool, organizationId)
    },
    apply: async (pool) => {
      await pool.query('truncate incidents.outages')
      return { incident_id: incidentId, reason: 'stale' }
    }
  }, {
    name: 'an edge whose endpoints were updated',
    prepare: async (pool, organizationId) => {
      otherId = canonicalUuid((await insertIncident(pool, organizationId, { title: 'Other' })).incident_id!)!
      const request = await insertIntelRequest(pool, organizationId)
      edgeId = await insertEdge(pool, organizationId, ['incidents', incidentId], ['intel_requests', request.intel_request_id])
      await settle(pool, organizationId)
    },
    apply: async (pool) => {
      // The trigger sees the new row only: the other incident is refreshed, the old blocker is not.
      await pool.query('update dependencies.dependencies set blocker_id = $2 where dependency_id = $1', [edgeId, otherId])
      return { incident_id: incidentId, reason: 'stale' }
    }
  }]
}

/** Waits for the queue and the cache to settle on what the database holds; throws if they do not. */
export function settleWith (app: Parameters<typeof quiesce>[0], redis: Parameters<typeof settledCache>[0]): Settle {
  return async (pool, organizationId) => {
    await quiesce(app, pool)
    const { cached, database } = await settledCache(redis, pool, organizationId)
    if (JSON.stringify(Object.keys(cached).sort()) !== JSON.stringify(Object.keys(database).sort())) throw new Error('the cache did not settle')
  }
}
