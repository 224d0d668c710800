import t from 'tap'
import { percentile, summarize } from '../src/index.js'

t.test('percentile is nearest-rank over an ascending list', async t => {
  const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
  t.same([percentile(sorted, 0), percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), percentile(sorted, 100)], [1, 5, 9, 10, 10])
  t.equal(percentile([42], 50), 42)
})

t.test('no samples: every figure NaN, the count 0, never a throw', async t => {
  t.ok(Number.isNaN(percentile([], 50)))
  const empty = summarize([])
  t.equal(empty.n, 0)
  t.ok([empty.min_ms, empty.p50_ms, empty.p90_ms, empty.p99_ms, empty.max_ms, empty.mean_ms].every(Number.isNaN))
})

t.test('summarize sorts a copy and reports every figure', async t => {
  const samples = [5, 1, 4, 2, 3]
  t.same(summarize(samples), { n: 5, min_ms: 1, p50_ms: 3, p90_ms: 5, p99_ms: 5, max_ms: 5, mean_ms: 3 })
  t.same(samples, [5, 1, 4, 2, 3], 'the input untouched')
})
