/*
 * How far one organization grows: for 1,000 to 50,000 current incidents (demo-data's mix, each size
 * in a private database of its own), the time to seed it, to rebuild its cache and to run the
 * LATERAL query alone, and the reads: GET /incidents/current/:id (hit), the whole organization list
 * and the list with If-None-Match (304).
 *   pnpm --filter @incident-intel/bench bench:growth [--quick] [--json]
 */
import os from 'node:os'
import { findOrganizationDocuments } from '@incident-intel/incidents-api/sql/incident-documents'
import { UNREACHED_RATE_LIMITS, createTeardowns, summarize, timeSequentialCalls, type Summary, type Teardowns } from '@incident-intel/test-support'
import { log } from '../log.js'
import { count, ms, table } from '../report/format.js'
import { runBenchmark } from '../run-benchmark.js'
import { seedOneOrganization } from '../seed.js'
import { startIncidentsApp } from '../services.js'

const FULL = { sizes: [1000, 5000, 20_000, 50_000], rebuilds: 3, hits: 300, lists: 3, notModified: 200 }
// A tiny organization: the answers are checked, the times mean nothing.
const QUICK = { sizes: [40], rebuilds: 1, hits: 20, lists: 2, notModified: 20 }
// The service's default DATABASE_STATEMENT_TIMEOUT_MS: a rebuild whose query takes longer fails there.
const DEFAULT_STATEMENT_TIMEOUT_MS = 5000

async function timed (runs: number, body: () => Promise<void>): Promise<Summary> {
  const times: number[] = []
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    await body()
    times.push(performance.now() - started)
  }
  return summarize(times)
}

async function measureSize (teardowns: Teardowns, size: number, settings: typeof FULL) {
  const seedStarted = performance.now()
  const { pool, url, prefix, organizationId, incidentIds } = await seedOneOrganization(teardowns, size)
  const seedMs = performance.now() - seedStarted
  if (incidentIds.length !== size) throw new Error(`seeded ${incidentIds.length} current incidents, not ${size}`)
  // The timeout raised so that every size is measured; the report says which pass the default.
  const { app, origin } = await startIncidentsApp(teardowns, {
    DATABASE_URL: url, REDIS_KEY_PREFIX: prefix, CACHE_RECONCILE_INTERVAL_MS: '0', DATABASE_STATEMENT_TIMEOUT_MS: '600000', ...UNREACHED_RATE_LIMITS
  })

  log(`${size}: ${settings.rebuilds} rebuilds, then the LATERAL query alone`)
  const rebuild = await timed(settings.rebuilds, async () => {
    const result = await app.currentIncidents.rebuild(organizationId)
    if (result?.documents !== size) throw new Error(`rebuild wrote ${result?.documents} documents, not ${size}`)
  })
  const query = await timed(settings.rebuilds, async () => {
    const rows = await findOrganizationDocuments(pool, organizationId)
    if (rows.length !== size) throw new Error(`the LATERAL query gave ${rows.length} rows, not ${size}`)
  })

  log(`${size}: ${settings.hits} GET /incidents/current/:id`)
  const hits = await timeSequentialCalls({
    requests: settings.hits,
    call: async (index) => {
      const incidentId = incidentIds[(index * 7919) % size]!
      const response = await fetch(`${origin}/incidents/current/${incidentId}`)
      const document = await response.json() as { incident_id?: string }
      if (response.status !== 200 || response.headers.get('x-cache') !== 'hit' || document.incident_id !== incidentId) {
        throw new Error(`GET /incidents/current/${incidentId}: HTTP ${response.status}, x-cache ${response.headers.get('x-cache')}`)
      }
      return undefined
    }
  })

  log(`${size}: ${settings.lists} organization lists, then ${settings.notModified} with If-None-Match`)
  const listUrl = `${origin}/incidents/current?organization_id=${organizationId}`
  let tag = ''
  let listBytes = 0
  // A list whose Redis read outlasts REDIS_COMMAND_TIMEOUT_MS is answered from PostgreSQL (bypass): counted, not refused.
  const listSources: Record<string, number> = {}
  const lists = await timeSequentialCalls({
    requests: settings.lists,
    call: async () => {
      const response = await fetch(listUrl)
      const body = Buffer.from(await response.arrayBuffer())
      if (response.status !== 200) throw new Error(`list: HTTP ${response.status}`)
      const source = response.headers.get('x-cache') ?? 'none'
      listSources[source] = (listSources[source] ?? 0) + 1
      tag = response.headers.get('etag') ?? tag
      listBytes = body.length
      return undefined
    }
  })
  // Checked once, outside the timing: parsing the list is the client's cost, not the service's.
  const listed = await (await fetch(listUrl)).json() as { source: string, incidents: Array<{ incident_id: string }> }
  if (listed.incidents.length !== size || new Set(listed.incidents.map(incident => incident.incident_id)).size !== size) {
    throw new Error(`the list holds ${listed.incidents.length} incidents (from ${listed.source}), not ${size}`)
  }
  const revalidate = () => timeSequentialCalls({
    requests: settings.notModified,
    call: async () => {
      const response = await fetch(listUrl, { headers: { 'if-none-match': tag } })
      await response.arrayBuffer()
      if (response.status !== 304) throw new Error(`list with If-None-Match: HTTP ${response.status}`)
      return undefined
    }
  })
  // A list from PostgreSQL carries no ETag: nothing to revalidate.
  const notModified = tag === '' ? null : await revalidate()
  for (const run of [hits, lists, notModified]) if (run?.failure !== undefined) throw new Error(run!.failure)

  return {
    current_incidents: size,
    seed_ms: seedMs,
    rebuild,
    lateral_query: query,
    rebuild_within_default_timeout: query.max_ms < DEFAULT_STATEMENT_TIMEOUT_MS,
    hit: hits.summary,
    list: { ...lists.summary, bytes: listBytes, x_cache: listSources },
    list_not_modified: notModified?.summary ?? null
  }
}

async function main (quick: boolean, teardowns: Teardowns) {
  const settings = quick ? QUICK : FULL
  // Other work on the machine stretches every figure: the report says how loaded it was.
  const loadAtStart = os.loadavg()[0]!
  const sizes = []
  for (const size of settings.sizes) {
    // One private database at a time: each size's is dropped before the next is seeded.
    const sizeTeardowns = createTeardowns()
    teardowns.teardown(sizeTeardowns.run)
    try {
      sizes.push(await measureSize(sizeTeardowns, size, settings))
    } finally {
      await sizeTeardowns.run()
    }
  }
  return { load_average: { start: loadAtStart, end: os.loadavg()[0]! }, sizes }
}

function format (report: Awaited<ReturnType<typeof main>>): string {
  return `load average ${report.load_average.start.toFixed(1)} at the start, ${report.load_average.end.toFixed(1)} at the end\n\n` + table(
    ['current incidents', 'seed', 'rebuild p50 (max)', 'LATERAL query alone p50 (max)', 'GET /incidents/current/:id p50 / p99', 'list p50 / max (x-cache)', 'list bytes', 'list 304 p50 / p99'],
    report.sizes.map(size => [
      count(size.current_incidents),
      ms(size.seed_ms),
      `${ms(size.rebuild.p50_ms)} (${ms(size.rebuild.max_ms)})`,
      `${ms(size.lateral_query.p50_ms)} (${ms(size.lateral_query.max_ms)})${size.rebuild_within_default_timeout ? '' : ' over the 5 s default timeout'}`,
      `${ms(size.hit.p50_ms)} / ${ms(size.hit.p99_ms)}`,
      `${ms(size.list.p50_ms)} / ${ms(size.list.max_ms)} (${Object.entries(size.list.x_cache).map(([source, n]) => `${n} ${source}`).join(', ')})`,
      `${(size.list.bytes / 2 ** 20).toFixed(1)} MB`,
      size.list_not_modified === null ? 'no ETag (from PostgreSQL)' : `${ms(size.list_not_modified.p50_ms)} / ${ms(size.list_not_modified.p99_ms)}`
    ]))
}

await runBenchmark(main, format)
