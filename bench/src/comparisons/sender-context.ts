import type pg from 'pg'
import { percentile, runConcurrentCalls, summarize, timeSequentialCalls } from '@incident-intel/test-support'
import { runOldSenderMessage, runOldSenderSequence, type SenderContext } from '../baselines/sender-call-sequence.js'
import { expectData, type Clients } from '../clients.js'
import { log } from '../log.js'
import { sampleIncidents } from '../seed.js'
import { assertSameSet, interleave, pairedComparison, side, timed } from '../runner.js'
import type { Settings } from '../settings.js'

/** The run's sizes (settings.sender) and where to run them. */
export type SenderOptions = Settings['sender'] & {
  clients: Clients
  pool: pg.Pool
  session: pg.Client
  organizationId: string
  statementTimeoutMs: number
}

/** The sender's one read now: the cached current-incident document. */
async function readCurrent (clients: Clients, incidentId: string) {
  const result = await clients.incidents.GET('/incidents/current/{incident_id}', { params: { path: { incident_id: incidentId } } })
  const document = expectData(result, 'GET /incidents/current/{incident_id}')
  return { document, cache: result.response.headers.get('x-cache') }
}

/** Both ways must hand the sender the same intel requests and assets, and ours from the cache. */
async function verify (clients: Clients, incidents: readonly string[]): Promise<void> {
  for (const incidentId of incidents) {
    const old: SenderContext = await runOldSenderSequence(clients, incidentId)
    const { document, cache } = await readCurrent(clients, incidentId)
    if (cache !== 'hit') throw new Error(`GET /incidents/current/${incidentId}: x-cache ${cache}, the cache is not warm`)
    assertSameSet(`incident ${incidentId}: direct intel requests (old calls, document)`, old.direct, document.intel_requests.map(r => r.intel_request_id))
    assertSameSet(`incident ${incidentId}: second-level intel requests (old calls, document)`, old.second, document.parent_intel_requests.map(r => r.intel_request_id))
    assertSameSet(`incident ${incidentId}: assets (old calls, document)`, old.assets, document.assets.map(a => a.asset_id))
  }
}

/**
 * The headline, per message: the analysis's call sequence with the old SQL inside it, paired with
 * ours, and ours alone over many more messages (ratios of p50, p90, p99: old / ours); the call
 * pattern alone over HTTP, one at a time and under load (per round baseline p50 / ours p50, their median).
 */
export async function compareSenderContext (options: SenderOptions) {
  const { clients } = options
  const incidents = (await sampleIncidents(options.pool, options.organizationId, options.sample)).map(row => row.incident_id)
  const at = (i: number) => incidents[i % incidents.length]!
  log(`sender context: checking both ways agree on ${incidents.length} sampled incidents`)
  await verify(clients, incidents)
  const verified = `for each of ${incidents.length} sampled incidents, the same direct and second-level intel requests and assets; every GET /incidents/current a cache hit`

  log(`sender context: ${options.sequential} interleaved pairs one at a time`)
  const sequence = await interleave(options.sequential,
    (i) => timed(() => runOldSenderSequence(clients, at(i))),
    (i) => timed(() => readCurrent(clients, at(i))))
  const oneAtATime = pairedComparison('sender-one-at-a-time', 'the sender\'s context for one incident, one at a time', {
    baseline: '(d) old call sequence over HTTP (3 calls)',
    ours: 'GET /incidents/current/{id} (1 call)'
  }, sequence, verified)

  log(`sender, per message: ${options.messages} interleaved pairs, the old calls with the analysis's SQL vs one GET`)
  const messages = await interleave(options.messages,
    (i) => timed(() => runOldSenderMessage(clients, options.session, at(i))).then(({ ms, value }) => ({ ms, timedOut: value.timedOut })),
    (i) => timed(() => readCurrent(clients, at(i))))
  const pairs = pairedComparison('sender-per-message', 'the sender\'s whole context per message', {
    baseline: 'the analysis\'s call sequence, the old SQL inside it',
    ours: 'GET /incidents/current/{id} (1 call)'
  }, messages, verified)
  log(`sender, per message: ours alone over ${options.oursMessages} messages`)
  const alone = await timeSequentialCalls({ requests: options.oursMessages, call: async i => { await readCurrent(clients, at(i)); return undefined } })
  if (alone.failure !== undefined) throw new Error(`GET /incidents/current/{id}: ${alone.failure}`)
  const oursAlone = side('GET /incidents/current/{id} (1 call)', alone.latencies_ms.map(ms => ({ ms })))
  const ratio = (p: 'p50_ms' | 'p90_ms' | 'p99_ms') => pairs.baseline.summary[p] / oursAlone.summary[p]
  const perMessage = {
    pairs, old: pairs.baseline, ours: oursAlone, ratios: { p50: ratio('p50_ms'), p90: ratio('p90_ms'), p99: ratio('p99_ms') }, statement_timeout_ms: options.statementTimeoutMs
  }

  log(`sender context under load: ${options.workers} workers, ${options.rounds} round(s) of ${options.roundSeconds} s per side, alternating`)
  // Each call checks its own answers; the first failure ends the run. Rounds alternate which side goes first.
  const load = async (call: (i: number) => Promise<unknown>) => {
    const run = await runConcurrentCalls({ workers: options.workers, durationSeconds: options.roundSeconds, call: async i => { await call(i); return undefined } })
    if (run.failure !== undefined) throw new Error(`sender load run failed: ${run.failure}`)
    return run
  }
  const rounds = await interleave(options.rounds, () => load(i => runOldSenderSequence(clients, at(i))), () => load(i => readCurrent(clients, at(i))))
  const roundRatios = rounds.map(({ baseline: b, ours: o }) => summarize(b.latencies_ms).p50_ms / summarize(o.latencies_ms).p50_ms)
  const loadSide = (label: string, runs: Array<{ latencies_ms: number[], summary: { duration_ms: number } }>) => {
    const latencies = runs.flatMap(run => run.latencies_ms)
    const seconds = runs.reduce((sum, run) => sum + run.summary.duration_ms, 0) / 1000
    return { label, summary: summarize(latencies), contexts: latencies.length, contexts_per_second: latencies.length / seconds, samples_ms: latencies }
  }
  const baseline = loadSide('(d) old call sequence over HTTP (3 calls)', rounds.map(round => round.baseline))
  const ours = loadSide('GET /incidents/current/{id} (1 call)', rounds.map(round => round.ours))
  return {
    sample: incidents.length,
    per_message: perMessage,
    one_at_a_time: oneAtATime,
    load: {
      workers: options.workers,
      rounds: options.rounds,
      seconds_per_side: options.rounds * options.roundSeconds,
      baseline,
      ours,
      p50_ratio_median_of_rounds: percentile(roundRatios.sort((x, y) => x - y), 50),
      throughput_ratio: ours.contexts_per_second / baseline.contexts_per_second
    },
    verified
  }
}
