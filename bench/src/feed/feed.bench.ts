/*
 * The change feed (#19), README "The change feed": commit-to-event latency (from the moment an
 * UPDATE's commit returned to the moment a subscriber has the event) for 1, 100 and 1,000
 * subscribers of one incidents-api process, each tier again against the floor (floor-feed-server.ts);
 * the service's memory per subscriber; one subscriber beside a careful poller (If-None-Match, gzip).
 * Clients run in a worker thread (this file again), off the service's and the committer's loops.
 *   pnpm --filter @incident-intel/bench bench:feed [--quick] [--json]
 * --quick is small and asserts only correctness: every subscriber got every change, in order.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads'
import { changesKey } from '@incident-intel/incidents-api/cache/cache-keys'
import { createIncidentsClient, streamCurrentIncidents } from '@incident-intel/sdk'
import { summarize, testRedisUrl, type Teardowns } from '@incident-intel/test-support'
import { log } from '../log.js'
import { sleep } from '../queue.js'
import { bytes, count, ms, table } from '../report/format.js'
import { seedOneOrganization } from '../seed.js'
import { runBenchmark } from '../run-benchmark.js'
import { rebuildCaches, startIncidentsProcess } from '../services.js'
import { startProcess } from '../start-process.js'

// Changes 250 ms apart: each is timed on its own (a thousand subscribers get 4,000 events a second).
const FULL = { incidents: 3000, tiers: [1, 100, 1000], changes: 60, spacingMs: 250, sideBySideChanges: 30 }
const QUICK = { incidents: 100, tiers: [1, 10], changes: 5, spacingMs: 100, sideBySideChanges: 3 }
// Not a multiple of the poll interval: the changes land at every phase of it.
const SIDE_BY_SIDE_SPACING_MS = 730
const POLL_INTERVAL_MS = 1000
const TITLE = 'feed change '
const CONNECT_BATCH = 100

/** The clock every thread of this process shares, in milliseconds. */
const now = () => performance.timeOrigin + performance.now()

type WorkerTask =
  /** `sdk`: streamCurrentIncidents, as an application follows; `raw`: the bytes read as they come (see subscribeRaw). */
  | { mode: 'subscribe', origin: string, organizationId: string, subscribers: number, client: 'sdk' | 'raw' }
  | { mode: 'poll', origin: string, organizationId: string }

/** What the worker tells the main thread. */
type WorkerMessage =
  /** Every client has change n. */
  | { type: 'complete', n: number }
  /** The answer to 'report': per change, when each client had it; and the bytes each received. */
  | { type: 'report', arrivals: Record<number, number[]>, bytes: number[], outOfOrder: number }

// ---- the worker: subscribers, or the poller ----

/** A fetch that counts the body bytes it hands on. */
function countingFetch (counter: { bytes: number }): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init)
    if (response.body === null) return response
    const counted = response.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
      transform (chunk, controller) {
        counter.bytes += chunk.byteLength
        controller.enqueue(chunk)
      }
    }))
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers })
  }
}

const UPSERT = Buffer.from('event: upsert\n')
const CHANGE_MARK = Buffer.from(`"title":"${TITLE}`)
const EVENT_END = Buffer.from('\n\n')

/** GET `url` as an event stream with node:http: its response, or its status when not 200. */
async function openStream (url: string): Promise<http.IncomingMessage | number> {
  return await new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { accept: 'text/event-stream' }, agent: false }, response => {
      if (response.statusCode === 200) return resolve(response)
      response.resume()
      resolve(response.statusCode ?? 0)
    })
    request.on('error', reject)
  })
}

/**
 * One subscriber reading the stream's bytes as they come (node:http, no web streams, no text
 * decoding) and finding the change's number in each upsert: a thousand subscribers in one
 * thread, each decoding every document, would time this thread rather than the feed (each real
 * subscriber has a machine of its own). It does not reconnect: a dropped stream fails the run.
 */
async function subscribeRaw (origin: string, organizationId: string, counter: { bytes: number }, changed: (n: number) => void, connected: () => void): Promise<void> {
  let response: http.IncomingMessage | number
  // Connecting, a 503 (Redis slower than its command timeout while a thousand connect at once) is
  // retried, as the SDK would.
  for (let attempt = 0; ; attempt++) {
    response = await openStream(`${origin}/incidents/current/stream?organization_id=${organizationId}`)
    if (response !== 503 || attempt === 20) break
    await sleep(100 * (1 + Math.random()))
  }
  if (typeof response === 'number') throw new Error(`stream: HTTP ${response}`)
  connected()
  // What has come of the event being read (an event may span chunks). 'data' rather than an
  // async iterator: a promise per chunk for a thousand streams was this thread's GC load.
  let pending: Buffer = Buffer.alloc(0)
  const stream = response
  stream.on('data', (chunk: Buffer) => {
    counter.bytes += chunk.byteLength
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
    let start = 0
    for (let end = pending.indexOf(EVENT_END, start); end !== -1; end = pending.indexOf(EVENT_END, start)) {
      const mark = pending.indexOf(CHANGE_MARK, start)
      const upsert = pending.indexOf(UPSERT, start)
      if (mark !== -1 && mark < end && upsert !== -1 && upsert < mark) {
        const from = mark + CHANGE_MARK.length
        changed(Number(pending.toString('latin1', from, pending.indexOf(34, from))))
      }
      start = end + EVENT_END.length
    }
    pending = pending.subarray(start)
  })
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve)
    stream.on('error', reject)
  })
  throw new Error('the stream ended')
}

function runWorker (task: WorkerTask): void {
  const port = parentPort!
  const clients = task.mode === 'subscribe' ? task.subscribers : 1
  const arrivals: Record<number, number[]> = {}
  const counters = Array.from({ length: clients }, () => ({ bytes: 0 }))
  let outOfOrder = 0
  const seen = new Map<number, Set<number>>()
  // A warm-up change may come twice (waitForAll repeats it): each client's first arrival counts.
  const arrived = (n: number, at: number, client: number) => {
    const clientsSeen = seen.get(n) ?? new Set()
    seen.set(n, clientsSeen)
    if (clientsSeen.has(client)) return
    clientsSeen.add(client)
    ;(arrivals[n] ??= []).push(at)
    if (clientsSeen.size === clients) port.postMessage({ type: 'complete', n } satisfies WorkerMessage)
  }
  port.on('message', (message: 'report') => {
    if (message !== 'report') return
    port.postMessage({ type: 'report', arrivals, bytes: counters.map(counter => counter.bytes), outOfOrder } satisfies WorkerMessage)
  })

  if (task.mode === 'subscribe') {
    const start = (client: number, connected: () => void) => {
      const counter = counters[client]!
      let last = -1
      const changed = (n: number) => {
        if (n < last) outOfOrder++
        last = n
        arrived(n, now(), client)
      }
      follow(async () => {
        if (task.client === 'raw') return await subscribeRaw(task.origin, task.organizationId, counter, changed, connected)
        connected()
        for await (const event of streamCurrentIncidents({ baseUrl: task.origin, organizationId: task.organizationId, fetch: countingFetch(counter) })) {
          if (event.type === 'upsert' && event.document.title.startsWith(TITLE)) changed(Number(event.document.title.slice(TITLE.length)))
        }
      })
    }
    // CONNECT_BATCH at a time, each batch once its streams answered.
    follow(async () => {
      for (let first = 0; first < clients; first += CONNECT_BATCH) {
        const batch = Array.from({ length: Math.min(CONNECT_BATCH, clients - first) }, (_, i) => new Promise<void>(resolve => start(first + i, resolve)))
        await Promise.all(batch)
      }
    })
    return
  }

  // The poller: the organization list every second, 304 while its ETag holds.
  const counter = counters[0]!
  follow(async () => {
    let tag: string | null = null
    for (;;) {
      const started = now()
      const response: Response | null = await fetch(`${task.origin}/incidents/current?organization_id=${task.organizationId}`, {
        headers: { 'accept-encoding': 'gzip', ...(tag === null ? {} : { 'if-none-match': tag }) }
      }).catch(() => null)
      if (response === null) break
      // On the wire: the compressed length (fetch hands on the decompressed body).
      const body = await response.text()
      counter.bytes += Number(response.headers.get('content-length') ?? Buffer.byteLength(body))
      if (response.status === 200) {
        const at = now()
        tag = response.headers.get('etag')
        const list = JSON.parse(body) as { incidents: Array<{ incident_id: string, title: string }> }
        // Every change since the last poll shows now; one seen before is not a new arrival.
        for (const { title } of list.incidents) if (title.startsWith(TITLE)) arrived(Number(title.slice(TITLE.length)), at, 0)
      }
      await sleep(Math.max(0, POLL_INTERVAL_MS - (now() - started)))
    }
  })
}

/** Runs a client's loop; a failure ends the worker, and the main thread reports it. */
function follow (loop: () => Promise<void>): void {
  loop().catch(error => { throw error })
}

// ---- the main thread: the service, the commits, the figures ----

type WorkerReport = Extract<WorkerMessage, { type: 'report' }>

interface Clients {
  worker: Worker
  /** Resolves when every client of the worker has change n. */
  complete: (n: number, timeoutMs?: number) => Promise<void>
  report: () => Promise<WorkerReport>
}

function startClients (teardowns: Teardowns, task: WorkerTask): Clients {
  const worker = new Worker(new URL(import.meta.url), { workerData: task })
  teardowns.teardown(() => worker.terminate())
  const completed = new Set<number>()
  const waiting = new Map<number, () => void>()
  let reported: ((message: WorkerReport) => void) | undefined
  let failure: Error | undefined
  worker.on('error', error => { failure = error })
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'complete') {
      completed.add(message.n)
      waiting.get(message.n)?.()
    } else reported?.(message)
  })
  return {
    worker,
    complete: async (n, timeoutMs = 30_000) => {
      if (completed.has(n)) return
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(failure ?? new Error(`change ${n} did not reach every client within ${timeoutMs} ms`)), timeoutMs)
        waiting.set(n, () => { clearTimeout(timer); resolve() })
      })
    },
    report: async () => {
      const message = new Promise<WorkerReport>(resolve => { reported = resolve })
      worker.postMessage('report')
      return await message
    }
  }
}

/**
 * The service's resident set and used heap: the least of five readings 200 ms apart, the nearest
 * to what is live (a reading between two collections counts garbage too).
 */
async function serviceMemory (origin: string) {
  const readings: Array<{ rss: number, heap: number }> = []
  for (let i = 0; i < 5; i++) {
    const text = await (await fetch(`${origin}/metrics`)).text()
    const read = (name: string) => Number(new RegExp(`^\\w*_${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN)
    readings.push({ rss: read('process_resident_memory_bytes'), heap: read('nodejs_heap_size_used_bytes') })
    await sleep(200)
  }
  return { rss: Math.min(...readings.map(reading => reading.rss)), heap: Math.min(...readings.map(reading => reading.heap)) }
}

/** Commits `changes` title changes by another client (SQL), `spacingMs` apart; returns when each commit returned, by n. */
async function commitChanges (pool: import('pg').Pool, incidentIds: string[], first: number, changes: number, spacingMs: number): Promise<Map<number, number>> {
  const committed = new Map<number, number>()
  for (let n = first; n < first + changes; n++) {
    const started = now()
    await pool.query('update incidents.incidents set title = $2 where incident_id = $1', [incidentIds[n % incidentIds.length], `${TITLE}${n}`])
    committed.set(n, now())
    await sleep(Math.max(0, spacingMs - (now() - started)))
  }
  return committed
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)

function latencies (committed: Map<number, number>, arrivals: Record<number, number[]>): number[] {
  return [...committed].flatMap(([n, at]) => (arrivals[n] ?? []).map(arrival => arrival - at))
}

async function main (quick: boolean, teardowns: Teardowns) {
  const settings = quick ? QUICK : FULL
  const { pool, url, prefix, organizationId, incidentIds } = await seedOneOrganization(teardowns, settings.incidents)
  log('starting incidents-api and the floor server, each a process of its own')
  const service = await startIncidentsProcess(teardowns, { url, prefix })
  await rebuildCaches(createIncidentsClient({ baseUrl: service.origin }), [organizationId])

  const directory = await mkdtemp(join(tmpdir(), 'feed-bench-'))
  teardowns.teardown(() => rm(directory, { recursive: true, force: true }))
  const floor = await startProcess(teardowns, 'floor-feed-server', ['--import', 'tsx', fileURLToPath(new URL('floor-feed-server.ts', import.meta.url))],
    { REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix, CHANGES_KEY: changesKey(organizationId) }, directory)

  let n = 0
  /** One tier: `subscribers` streams of `origin`, then the timed changes; the service's memory per subscriber when `memory`. */
  const runTier = async (origin: string, subscribers: number, memory: boolean) => {
    log(`${subscribers} subscriber(s) of the ${memory ? 'service' : 'floor'}: connecting`)
    const before = memory ? await serviceMemory(origin) : undefined
    const clients = startClients(teardowns, { mode: 'subscribe', origin, organizationId, subscribers, client: 'raw' })
    // A first change that every subscriber gets: all are connected and following.
    await waitForAll(clients, pool, incidentIds, n++)
    const connected = before === undefined ? undefined : await serviceMemory(origin)
    const warm = await clients.report()
    log(`${subscribers} subscriber(s): ${settings.changes} changes, ${settings.spacingMs} ms apart`)
    const committed = await commitChanges(pool, incidentIds, n, settings.changes, settings.spacingMs)
    await clients.complete(n + settings.changes - 1)
    n += settings.changes
    const report = await clients.report()
    await clients.worker.terminate()
    const samples = latencies(committed, report.arrivals)
    if (samples.length !== subscribers * settings.changes) throw new Error(`${subscribers} subscribers: ${samples.length} events of ${subscribers * settings.changes}`)
    if (report.outOfOrder !== 0) throw new Error(`${subscribers} subscribers: ${report.outOfOrder} events out of order`)
    return {
      subscribers,
      latency: summarize(samples),
      memory_per_subscriber: before === undefined || connected === undefined ? null : { rss_bytes: (connected.rss - before.rss) / subscribers, heap_bytes: (connected.heap - before.heap) / subscribers },
      bytes_per_change: (sum(report.bytes) - sum(warm.bytes)) / subscribers / settings.changes,
      out_of_order: report.outOfOrder
    }
  }
  const tiers = []
  const floorTiers = []
  for (const subscribers of settings.tiers) {
    tiers.push(await runTier(service.origin, subscribers, true))
    floorTiers.push(await runTier(floor, subscribers, false))
  }

  log(`side by side: one subscriber and one client polling every ${POLL_INTERVAL_MS} ms, ${settings.sideBySideChanges} changes`)
  const stream = startClients(teardowns, { mode: 'subscribe', origin: service.origin, organizationId, subscribers: 1, client: 'sdk' })
  const poll = startClients(teardowns, { mode: 'poll', origin: service.origin, organizationId })
  await waitForAll(stream, pool, incidentIds, n++, poll)
  // What each received from here on is what the timed changes cost it.
  const [streamBefore, pollBefore] = await Promise.all([stream.report(), poll.report()])
  const committed = await commitChanges(pool, incidentIds, n, settings.sideBySideChanges, SIDE_BY_SIDE_SPACING_MS)
  const last = n + settings.sideBySideChanges - 1
  await Promise.all([stream.complete(last), poll.complete(last, 2 * POLL_INTERVAL_MS + 30_000)])
  const [streamAfter, pollAfter] = await Promise.all([stream.report(), poll.report()])
  await Promise.all([stream.worker.terminate(), poll.worker.terminate()])
  const figures = (who: string, after: WorkerReport, before: WorkerReport) => {
    const samples = latencies(committed, after.arrivals)
    if (samples.length !== settings.sideBySideChanges) throw new Error(`side by side: the ${who} had ${samples.length} of ${settings.sideBySideChanges} changes`)
    return { latency: summarize(samples), bytes_per_change: (after.bytes[0]! - before.bytes[0]!) / settings.sideBySideChanges }
  }
  return {
    incidents: incidentIds.length,
    changes_per_tier: settings.changes,
    spacing_ms: settings.spacingMs,
    tiers,
    floor_tiers: floorTiers,
    side_by_side: {
      changes: settings.sideBySideChanges,
      stream: figures('subscriber', streamAfter, streamBefore),
      poll: { ...figures('poller', pollAfter, pollBefore), interval_ms: POLL_INTERVAL_MS }
    }
  }
}

/** Commits change n and waits until every client of each worker has it. */
async function waitForAll (clients: Clients, pool: import('pg').Pool, incidentIds: string[], n: number, ...more: Clients[]): Promise<void> {
  // The subscribers connect in the background: repeat the change until all of them have one.
  for (let attempt = 0; ; attempt++) {
    await pool.query('update incidents.incidents set title = $2 where incident_id = $1', [incidentIds[n % incidentIds.length], `${TITLE}${n}`])
    try {
      await Promise.all([clients, ...more].map(c => c.complete(n, 1000)))
      return
    } catch (error) {
      if (attempt === 30) throw error
      // The same title again changes nothing: a marker in metadata makes a new version.
      await pool.query("update incidents.incidents set metadata = jsonb_build_object('warm_up', $2::int) where incident_id = $1", [incidentIds[n % incidentIds.length], attempt])
    }
  }
}

function format (report: Awaited<ReturnType<typeof main>>): string {
  const rows = report.tiers.map((tier, i) => {
    const floor = report.floor_tiers[i]!
    const memory = tier.memory_per_subscriber
    return [
      count(tier.subscribers), ms(tier.latency.p50_ms), ms(tier.latency.p99_ms), ms(tier.latency.max_ms), count(tier.latency.n),
      ms(floor.latency.p50_ms), ms(floor.latency.p99_ms),
      memory === null || tier.subscribers === 1 ? '–' : bytes(memory.rss_bytes), memory === null || tier.subscribers === 1 ? '–' : bytes(memory.heap_bytes),
      bytes(tier.bytes_per_change)
    ]
  })
  const { stream, poll, changes } = report.side_by_side
  return [
    `## The change feed: commit in SQL → the subscriber has the event (${report.incidents} current incidents, ${report.changes_per_tier} changes per row, ${report.spacing_ms} ms apart)`,
    '',
    table(['subscribers', 'p50', 'p99', 'max', 'events', 'floor p50', 'floor p99', 'RSS per subscriber', 'heap per subscriber', 'bytes per change (each)'], rows),
    '',
    'The floor: a bare node:http server following the same change log (floor-feed-server.ts), with the same subscribers, in the same run.',
    '',
    `## Beside it: one subscriber and one client polling the organization list every ${poll.interval_ms / 1000} s (${changes} changes)`,
    '',
    table(['client', 'p50', 'p99', 'max', 'bytes per change'], [
      ['stream (SSE)', ms(stream.latency.p50_ms), ms(stream.latency.p99_ms), ms(stream.latency.max_ms), bytes(stream.bytes_per_change)],
      ['poll (If-None-Match, gzip)', ms(poll.latency.p50_ms), ms(poll.latency.p99_ms), ms(poll.latency.max_ms), bytes(poll.bytes_per_change)]
    ])
  ].join('\n')
}

if (isMainThread) await runBenchmark(main, format)
else runWorker(workerData as WorkerTask)
