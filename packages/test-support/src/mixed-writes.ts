import type { Queryable } from '@incident-intel/db'

/** What a mixed write load changes: incidents of one organization, and the records their documents show. */
export interface MixedWriteTargets {
  organizationId: string
  incidentIds: string[]
  /** Intel requests that depend on the incidents. */
  intelRequestIds: string[]
  /** Assets linked to the incidents. */
  assetIds: string[]
  /** Edges from the incidents to intel requests: a write toggles one's deletion. */
  dependencyIds: string[]
}

/** Where the load's HTTP writes go: any instance of each service. */
export interface MixedWriteOrigins {
  incidents: readonly string[]
  intelRequests: readonly string[]
}

export const MIXED_WRITE_KINDS = [
  'sql incident title', 'sql incident status', 'sql outage', 'sql asset', 'sql intel request', 'sql dependency edge',
  'incidents-api title', 'intel-requests-api description'
] as const

export type MixedWriteKind = typeof MIXED_WRITE_KINDS[number]

/** The records hanging from these incidents of the organization that the load's writes change. */
export async function findMixedWriteTargets (db: Queryable, organizationId: string, incidentIds: readonly string[]): Promise<MixedWriteTargets> {
  const ids = async (text: string) => (await db.query<{ id: string }>(text, [organizationId, incidentIds])).rows.map(row => row.id)
  const targets = {
    organizationId,
    incidentIds: [...incidentIds],
    intelRequestIds: await ids(`select distinct dependent_id as id from dependencies.dependencies
      where organization_id = $1 and blocker_type = 'incidents' and blocker_id = any($2::uuid[]) and dependent_type = 'intel_requests' and deleted is null order by 1`),
    assetIds: await ids(`select distinct asset_id as id from incidents.incident_assets
      where organization_id = $1 and incident_id = any($2::uuid[]) and deleted is null order by 1`),
    dependencyIds: await ids(`select dependency_id as id from dependencies.dependencies
      where organization_id = $1 and blocker_type = 'incidents' and blocker_id = any($2::uuid[]) and dependent_type = 'intel_requests' and deleted is null order by 1`)
  }
  for (const [name, list] of Object.entries(targets)) {
    if (Array.isArray(list) && list.length === 0) throw new Error(`mixed writes: the incidents have no ${name}`)
  }
  return targets
}

/** A fixed pseudo-random sequence (a linear congruential step): the same writes on every run. */
function random (seed: number): () => number {
  let state = seed
  return () => (state = (state * 48271) % 2147483647) / 2147483647
}

async function http (origin: string, method: string, path: string, body: object): Promise<void> {
  const response = await fetch(`${origin}${path}`, {
    method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(20_000)
  })
  await response.arrayBuffer()
  if (response.status !== 200) throw new Error(`${method} ${path}: HTTP ${response.status}`)
}

/** Write n of the load: its kind drawn in turn, its records at random, in SQL by this client or through a service's API. */
function write (db: Queryable, n: number, pick: () => number, targets: readonly MixedWriteTargets[], origins: MixedWriteOrigins): { kind: MixedWriteKind, run: () => Promise<void> } {
  const of = <T>(items: readonly T[]): T => items[Math.floor(pick() * items.length)]!
  const target = of(targets)
  const incidentId = of(target.incidentIds)
  const kind = MIXED_WRITE_KINDS[n % MIXED_WRITE_KINDS.length]!
  const sql = (text: string, values: unknown[]) => async () => { await db.query(text, values) }
  switch (kind) {
    case 'sql incident title':
      return { kind, run: sql('update incidents.incidents set title = $2 where incident_id = $1', [incidentId, `Mixed title ${n}`]) }
    case 'sql incident status':
      // Resolved takes the incident out of the current set; the next status may bring it back.
      return { kind, run: sql('update incidents.incidents set status = $2 where incident_id = $1', [incidentId, of(['active', 'monitoring', 'resolved'])]) }
    case 'sql outage':
      return {
        kind,
        run: sql(`insert into incidents.outages (organization_id, incident_id, utility_name, customers_affected)
          values ($1, $2, $3, $4)`, [target.organizationId, incidentId, `Mixed utility ${n}`, Math.floor(pick() * 10_000)])
      }
    case 'sql asset':
      return { kind, run: sql('update assets.assets set asset_name = $2 where asset_id = $1', [of(target.assetIds), `Mixed asset ${n}`]) }
    case 'sql intel request':
      return { kind, run: sql('update intel_requests.intel_requests set description = $2 where intel_request_id = $1', [of(target.intelRequestIds), `Mixed description ${n}`]) }
    case 'sql dependency edge':
      // An edge of the seed, deleted or brought back: its incident's document loses or regains the intel request.
      return { kind, run: sql('update dependencies.dependencies set deleted = case when deleted is null then now() end where dependency_id = $1', [of(target.dependencyIds)]) }
    case 'incidents-api title':
      return { kind, run: () => http(of(origins.incidents), 'PATCH', `/incidents/${incidentId}`, { title: `HTTP title ${n}` }) }
    case 'intel-requests-api description':
      return { kind, run: () => http(of(origins.intelRequests), 'PATCH', `/intel-requests/${of(target.intelRequestIds)}`, { description: `HTTP description ${n}` }) }
  }
}

export interface MixedWrites {
  /** Writes made, by kind and outcome ('ok' or the error's message). */
  outcomes: Record<string, number>
  writes: number
  failures: number
  elapsedMs: number
}

/**
 * Writes by `writers` concurrent loops, each kind of MIXED_WRITE_KINDS in turn over the targets'
 * records, until `total` were made or `signal` aborts; `perSecond` spaces them out (none: as fast
 * as they are answered). A write that fails is counted by its error, and the load goes on.
 */
export async function runMixedWrites (options: {
  db: Queryable
  targets: readonly MixedWriteTargets[]
  origins: MixedWriteOrigins
  writers: number
  total?: number
  perSecond?: number
  signal?: AbortSignal
  seed?: number
}): Promise<MixedWrites> {
  const { db, targets, origins, writers, total = Number.POSITIVE_INFINITY, perSecond, signal, seed = 20 } = options
  const pick = random(seed)
  const outcomes: Record<string, number> = {}
  let issued = 0
  let failures = 0
  const started = performance.now()
  const stopped = () => signal?.aborted === true
  const loop = async () => {
    while (issued < total && !stopped()) {
      const n = issued++
      if (perSecond !== undefined) {
        const wait = started + n * 1000 / perSecond - performance.now()
        if (wait > 0) await new Promise(resolve => setTimeout(resolve, wait))
        if (stopped()) break
      }
      const { kind, run } = write(db, n, pick, targets, origins)
      let outcome = 'ok'
      try {
        await run()
      } catch (error) {
        failures++
        outcome = (error as Error).message.replace(/[0-9a-f-]{36}/, ':id')
      }
      outcomes[`${kind} ${outcome}`] = (outcomes[`${kind} ${outcome}`] ?? 0) + 1
    }
  }
  await Promise.all(Array.from({ length: writers }, loop))
  return { outcomes, writes: Object.values(outcomes).reduce((sum, count) => sum + count, 0), failures, elapsedMs: performance.now() - started }
}
