import t from 'tap'
import { setTimeout as sleep } from 'node:timers/promises'
import { runConcurrentCalls, timeSequentialCalls } from '../src/index.js'

const answer = (status: number) => ({ response: new Response(null, { status }) })

t.test('timeSequentialCalls makes the calls one at a time, in index order', async t => {
  const indexes: number[] = []
  let inFlight = 0
  let mostInFlight = 0
  const run = await timeSequentialCalls({
    requests: 5,
    call: async index => {
      indexes.push(index)
      mostInFlight = Math.max(mostInFlight, ++inFlight)
      await sleep(1)
      inFlight--
      return answer(200)
    }
  })
  t.same(indexes, [0, 1, 2, 3, 4])
  t.equal(mostInFlight, 1)
  t.equal(run.failure, undefined)
  t.match(run.summary, { requests: 5, errors: 0, non_2xx: 0 })
  t.ok(run.summary.p50_ms <= run.summary.p99_ms && run.summary.p99_ms <= run.summary.max_ms, 'p50 <= p99 <= max')
})

t.test('timeSequentialCalls stops at the first answer that is not 2xx', async t => {
  const run = await timeSequentialCalls({ requests: 10, call: async index => answer(index === 2 ? 404 : 204) })
  t.equal(run.failure, 'HTTP 404 from ')
  t.match(run.summary, { requests: 2, errors: 0, non_2xx: 1 })
})

t.test('timeSequentialCalls counts a call that throws as an error, and stops', async t => {
  const run = await timeSequentialCalls({
    requests: 10,
    call: async index => {
      if (index === 3) throw new Error('connection refused')
      return undefined
    }
  })
  t.equal(run.failure, 'connection refused')
  t.match(run.summary, { requests: 3, errors: 1, non_2xx: 0 })
})

t.test('runConcurrentCalls holds exactly `workers` calls in flight, each index once', async t => {
  const indexes: number[] = []
  let inFlight = 0
  let mostInFlight = 0
  const run = await runConcurrentCalls({
    workers: 3,
    durationSeconds: 0.1,
    call: async index => {
      indexes.push(index)
      mostInFlight = Math.max(mostInFlight, ++inFlight)
      await sleep(2)
      inFlight--
      return answer(200)
    }
  })
  t.equal(mostInFlight, 3)
  t.same(indexes, Array.from({ length: indexes.length }, (_, i) => i))
  t.equal(run.failure, undefined)
  t.equal(run.summary.requests, indexes.length)
  t.equal(run.latencies_ms.length, indexes.length)
  t.match(run.summary, { workers: 3, errors: 0, non_2xx: 0 })
  t.equal(run.summary.requests_per_second, indexes.length / (run.summary.duration_ms / 1000))
})

t.test('runConcurrentCalls ends the run at the first failure', async t => {
  let calls = 0
  const run = await runConcurrentCalls({
    workers: 2,
    durationSeconds: 60,
    call: async index => {
      calls++
      await sleep(1)
      return answer(index === 4 ? 500 : 200)
    }
  })
  t.equal(run.failure, 'HTTP 500 from ')
  t.equal(run.summary.non_2xx, 1)
  t.equal(run.summary.errors, 0)
  // The other worker's call in flight at the failure still completes; none starts after it.
  t.ok(calls <= 6, `${calls} calls made`)
  t.equal(run.summary.requests, calls - 1)
})
