import type { Test } from 'tap'
import type { Pool } from 'pg'
import { buildApp as buildIncidentsApi } from '@incident-intel/incidents-api'
import { loadIncidentsConfig } from '@incident-intel/incidents-api/config'
import { buildApp as buildIntelRequestsApi } from '@incident-intel/intel-requests-api'
import { loadConfig, serviceEnvSchema } from '@incident-intel/service-kit'
import { UNREACHED_RATE_LIMITS, createTestDatabase, createTestRedis, startApp, type SeededRecords, type Teardown } from '@incident-intel/test-support'
import {
  ResponseChecker, describeRequest, httpSender, listOperations, runFuzz, statusSummary,
  type FuzzRequest, type FuzzResponse, type FuzzRunResult, type OpenApiDocument
} from './openapi-fuzz.js'

export type IncidentsApi = Awaited<ReturnType<typeof buildIncidentsApi>>
export type IntelRequestsApi = Awaited<ReturnType<typeof buildIntelRequestsApi>>

/** A private database and Redis key prefix that apps are started over. */
export interface Store {
  url: string
  /** The test's own pool, for seeding and checks. */
  pool: Pool
  prefix: string
}

/** The statement timeout the apps are configured with. */
export const STATEMENT_TIMEOUT_MS = 4000

export async function createStore (t: Teardown): Promise<Store> {
  const { url, pool } = await createTestDatabase(t)
  const { prefix } = await createTestRedis(t)
  return { url, pool, prefix }
}

function baseConfig (store: Store) {
  return loadConfig(serviceEnvSchema(0), {
    DATABASE_URL: store.url,
    REDIS_URL: process.env.TEST_REDIS_URL,
    REDIS_KEY_PREFIX: store.prefix,
    LOG_LEVEL: 'silent',
    DATABASE_POOL_SIZE: '4',
    DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
    // Several test files share two cores: a slow reply must not count as Redis down here.
    REDIS_COMMAND_TIMEOUT_MS: '5000',
    ...UNREACHED_RATE_LIMITS
  })
}

/** incidents-api over the store, ready for `inject`, closed at teardown. */
export async function startIncidentsApi (t: Teardown, store: Store): Promise<IncidentsApi> {
  // incidents-api's own settings at their defaults, under the shared ones.
  const config = { ...loadIncidentsConfig({}), ...baseConfig(store), CACHE_DRAIN: true, CACHE_POLL_INTERVAL_MS: 200, CACHE_DRAIN_BATCH_SIZE: 500 }
  return startApp(t, await buildIncidentsApi({ config, logger: false }))
}

/** intel-requests-api over the store, ready for `inject`, closed at teardown. */
export async function startIntelRequestsApi (t: Teardown, store: Store): Promise<IntelRequestsApi> {
  return startApp(t, await buildIntelRequestsApi({ config: baseConfig(store), logger: false }))
}

// The records the fuzzers start from are test-support's, as the service tests' are.
export { seedRecords, type SeededRecords } from '@incident-intel/test-support'

const ID_KINDS = ['organization_id', 'location_id', 'asset_id', 'incident_id', 'outage_id', 'internet_outage_id', 'intel_request_id', 'dependency_id'] as const
type IdKind = typeof ID_KINDS[number]
const ALIASES: Record<string, IdKind> = {
  intel_request_ids: 'intel_request_id',
  asset_ids: 'asset_id',
  incidents: 'incident_id',
  intel_requests: 'intel_request_id',
  outages: 'outage_id',
  internet_outages: 'internet_outage_id',
  assets: 'asset_id'
}
const POOL_SIZE = 12

/**
 * The ids of records that exist (newest first, a few per kind), for the generated requests to
 * name: a parameter named for a kind takes that kind, any other uuid takes any of them.
 */
export class IdPools {
  private readonly pools = new Map<IdKind, string[]>(ID_KINDS.map(kind => [kind, []]))

  add (kind: IdKind, ...ids: string[]): void {
    const pool = this.pools.get(kind)!
    for (const id of ids) if (!pool.includes(id)) pool.unshift(id)
    pool.splice(POOL_SIZE)
  }

  addSeeded (records: SeededRecords): void {
    for (const kind of ID_KINDS) {
      const value = records[kind]
      this.add(kind, ...(Array.isArray(value) ? value : [value]))
    }
  }

  /** Learns the ids a successful response carries at its top level. */
  learn (status: number, body: string): void {
    if (status < 200 || status >= 300 || body.length === 0) return
    let parsed: unknown
    try {
      parsed = JSON.parse(body)
    } catch {
      return
    }
    if (parsed === null || typeof parsed !== 'object') return
    for (const kind of ID_KINDS) {
      const value = (parsed as Record<string, unknown>)[kind]
      if (typeof value === 'string') this.add(kind, value)
    }
  }

  readonly source = (name: string, index: number): string => {
    const alias = ALIASES[name] ?? name
    const kind = (ID_KINDS as readonly string[]).includes(alias) ? alias as IdKind : undefined
    const pool = kind === undefined ? [...this.pools.values()].flat() : this.pools.get(kind)!
    return pool.length === 0 ? '00000000-0000-4000-8000-000000000000' : pool[index % pool.length]!
  }
}

export interface FuzzSettings {
  seed: number
  cases: number
  httpCases: number
}

/** FUZZ_SEED, FUZZ_CASES and FUZZ_HTTP_CASES from the environment, with fixed defaults. */
export function fuzzSettings (): FuzzSettings {
  const read = (name: string, fallback: number) => {
    const value = Number(process.env[name] ?? fallback)
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`)
    return value
  }
  return { seed: read('FUZZ_SEED', 20_251_127), cases: read('FUZZ_CASES', 3000), httpCases: read('FUZZ_HTTP_CASES', 300) }
}

const MAX_PRINTED_FAILURES = 25

/**
 * Fuzzes every operation of the app's own OpenAPI document: `cases` requests in-process, then
 * `httpCases` over real HTTP with the next seed. Every response must keep the document.
 */
export async function fuzzApp (t: Test, app: IncidentsApi | IntelRequestsApi, pools: IdPools, refresh: () => Promise<void>): Promise<void> {
  const { seed, cases, httpCases } = fuzzSettings()
  t.comment(`fast-check seed ${seed} (FUZZ_SEED), ${cases} in-process cases (FUZZ_CASES), ${httpCases} over HTTP (FUZZ_HTTP_CASES)`)
  const operations = listOperations(app.swagger() as unknown as OpenApiDocument)
  const checker = new ResponseChecker()
  const common = { operations, ids: pools.source, checker, refresh: { every: 500, run: refresh }, onResponse: (_: FuzzRequest, response: FuzzResponse) => pools.learn(response.status, response.body) }

  await t.test('in-process', async t => {
    const result = await runFuzz({
      ...common,
      cases,
      seed,
      send: async request => {
        const response = await app.inject({ method: request.method as 'GET', url: request.url, headers: request.headers, ...(request.payload === undefined ? {} : { payload: request.payload }) })
        return { status: response.statusCode, headers: response.headers as FuzzResponse['headers'], body: response.body }
      }
    })
    report(t, result)
    const exercised = new Set(result.statuses.keys())
    t.strictSame(operations.map(o => `${o.method} ${o.path}`).filter(key => !exercised.has(key)), [], 'every operation was exercised')
  })

  await t.test('over HTTP', async t => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    report(t, await runFuzz({ ...common, cases: httpCases, seed: seed + 1, send: httpSender(address) }))
  })

  if (checker.undeclared.size > 0) {
    t.comment(`statuses the document does not declare (tolerated):\n${[...checker.undeclared.entries()].map(([key, count]) => `  ${key} ×${count}`).join('\n')}`)
  }
}

function report (t: Test, result: FuzzRunResult): void {
  const total = [...result.statuses.values()].flatMap(counts => [...counts.values()]).reduce((a, b) => a + b, 0)
  t.comment(`${total} responses in ${(result.elapsedMs / 1000).toFixed(1)} s\n${statusSummary(result.statuses)}`)
  for (const failure of result.failures.slice(0, MAX_PRINTED_FAILURES)) {
    t.fail(`${failure.problems.join('; ')}\n  ${describeRequest(failure.request)}`)
  }
  t.equal(result.failures.length, 0, `every response keeps the document (${result.failures.length} failures)`)
}
