import { randomBytes } from 'node:crypto'
import type pg from 'pg'
import { summarize, type TestRedis } from '@incident-intel/test-support'
import { canonicalUuid } from '@incident-intel/schemas'
import { documentsKey } from '@incident-intel/incidents-api/cache/cache-keys'
import { log } from './log.js'
import { sleep } from './queue.js'

type Kind = 'intel_request' | 'incident'
const UPDATES: Record<Kind, string> = {
  intel_request: 'update intel_requests.intel_requests set description = $2 where intel_request_id = $1',
  incident: 'update incidents.incidents set title = $2 where incident_id = $1'
}

/**
 * A steady stream of changes written in SQL by another client (not through the services), half
 * intel request updates and half incident updates, each stamping a unique marker into a field its
 * incident's document shows; Redis (one HMGET for every pending incident) is polled every
 * millisecond until each marker is in its document. Changes overlap when the lag exceeds the
 * interval; each targets an incident of its own among the in-flight ones.
 */
export async function measureCacheLag ({ pool, redis, organizationId, incidents, changesPerSecond, seconds, timeoutMs }: {
  pool: pg.Pool
  redis: TestRedis['redis']
  organizationId: string
  /** Incidents of the organization, each with an intel request that depends on it (sampleIncidents). */
  incidents: ReadonlyArray<{ incident_id: string, intel_request_id: string }>
  changesPerSecond: number
  seconds: number
  timeoutMs: number
}) {
  const total = Math.round(changesPerSecond * seconds)
  const key = documentsKey(canonicalUuid(organizationId)!)
  const run = randomBytes(4).toString('hex')
  log(`commit-to-cache lag: ${total} changes in SQL at ${changesPerSecond}/s over ${incidents.length} incidents`)

  const pending = new Map<number, { field: string, marker: Buffer, committed: number, kind: Kind }>()
  const lags: Array<{ ms: number, kind: Kind }> = []
  const failures: string[] = []
  const started = performance.now()
  const state = { writing: true }
  const writer = (async () => {
    const writes: Array<Promise<void>> = []
    for (let i = 0; i < total; i++) {
      const wait = started + i * 1000 / changesPerSecond - performance.now()
      if (wait > 0) await sleep(wait)
      const target = incidents[i % incidents.length]!
      const marker = `lag ${run} ${i}`
      const kind: Kind = i % 2 === 0 ? 'intel_request' : 'incident'
      writes.push(pool.query(UPDATES[kind], [kind === 'incident' ? target.incident_id : target.intel_request_id, marker]).then(
        () => { pending.set(i, { field: target.incident_id, marker: Buffer.from(marker), committed: performance.now(), kind }) },
        (error: Error) => { failures.push(`change ${i}: ${error.message}`) }))
    }
    await Promise.all(writes)
  })().finally(() => { state.writing = false })

  while ((state.writing || pending.size > 0) && failures.length === 0) {
    const entries = [...pending]
    // Plain MessagePack stores strings as raw UTF-8, so the marker's bytes appear as they are.
    const values = entries.length === 0 ? [] : await redis.hmgetBuffer(key, ...entries.map(([, p]) => p.field))
    const now = performance.now()
    entries.forEach(([i, change], index) => {
      if (values[index]?.includes(change.marker) === true) {
        lags.push({ ms: now - change.committed, kind: change.kind })
        pending.delete(i)
      } else if (now - change.committed > timeoutMs) {
        failures.push(`change ${i} (${change.kind}) did not reach the cache within ${timeoutMs} ms`)
        pending.delete(i)
      }
    })
    await sleep(1)
  }
  await writer
  if (failures.length > 0) throw new Error(`commit-to-cache lag: ${failures[0]}`)
  if (lags.length !== total) throw new Error(`commit-to-cache lag: ${lags.length} of ${total} changes measured`)
  const of = (kind: Kind) => summarize(lags.filter(lag => lag.kind === kind).map(lag => lag.ms))
  // Every change made must reach the cache; lags from the commit (acknowledged to its client) to the marker in Redis.
  return {
    changes_per_second: changesPerSecond,
    seconds,
    changes: total,
    measured: lags.length,
    all: summarize(lags.map(lag => lag.ms)),
    intel_request_updates: of('intel_request'),
    incident_updates: of('incident'),
    samples_ms: lags.map(lag => lag.ms)
  }
}
