// The cache and change feed suites against a private Redis Cluster (3 masters, 3 replicas), then
// the proof that every script and pipeline touched one slot: no node counted a CROSSSLOT error, nor
// a MOVED or ASK (the cluster does not move slots during the run), and the scripts really ran on
// more than one master. Usage: tsx scripts/test-on-redis-cluster.ts [test files...]
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { createTeardowns, startRedisCluster } from '@incident-intel/test-support'

// Single-node by nature: they start a private redis-server and stop, restart or flush it.
const SINGLE_NODE: Record<string, string> = {
  'test/cache/cache-epoch.test.ts': 'restarts a private Redis to change its run id',
  'test/cache/committed-writes.test.ts': 'stops a private Redis mid-write',
  'test/cache/flushed-cache.test.ts': 'flushes and stops a private Redis',
  'test/cache/redis-down-backoff.test.ts': 'stops a private Redis to watch the drainer back off',
  'test/feed/redis-restarted.test.ts': 'restarts a private Redis empty under a subscriber'
}
const FAILING_ERRORS = ['CROSSSLOT', 'MOVED', 'ASK']

const listed = process.argv.slice(2)
const files = listed.length > 0
  ? listed
  : ['test/cache', 'test/feed'].flatMap(dir => readdirSync(dir).filter(name => name.endsWith('.test.ts')).map(name => `${dir}/${name}`))
      .filter(file => SINGLE_NODE[file] === undefined)

const teardowns = createTeardowns()
let status = 1
try {
  const cluster = await startRedisCluster(teardowns)
  console.log(`Redis Cluster ${cluster.seeds}\nsingle-node only (run by the ordinary suite):`)
  for (const [file, why] of Object.entries(SINGLE_NODE)) console.log(`  ${file}: ${why}`)
  const started = Date.now()
  const tap = spawn('npx', ['tap', '--disable-coverage', ...files], {
    stdio: 'inherit',
    env: { ...process.env, TEST_REDIS_CLUSTER_NODES: cluster.seeds }
  })
  const tapStatus = await new Promise<number>(resolve => tap.once('exit', code => resolve(code ?? 1)))
  console.log(`\n${files.length} files on the cluster in ${((Date.now() - started) / 1000).toFixed(1)} s`)

  const problems: string[] = []
  const mastersRunningScripts: number[] = []
  for (const state of await cluster.topology()) {
    const errors = counts(String(await cluster.command(state.port, 'INFO', 'errorstats')), /^errorstat_(\w+):count=(\d+)/gm)
    const calls = counts(String(await cluster.command(state.port, 'INFO', 'commandstats')), /^cmdstat_(\w+):calls=(\d+)/gm)
    console.log(`${state.address} ${state.role}: evalsha ${calls.evalsha ?? 0}, eval ${calls.eval ?? 0}; errors ${JSON.stringify(errors)}`)
    for (const name of FAILING_ERRORS) {
      if ((errors[name] ?? 0) > 0) problems.push(`${state.address} answered ${errors[name]} ${name} error(s)`)
    }
    if (state.role === 'master' && (calls.evalsha ?? 0) > 0) mastersRunningScripts.push(state.port)
  }
  if (mastersRunningScripts.length < 2) problems.push(`the scripts ran on ${mastersRunningScripts.length} master(s): the cluster check proves nothing`)
  for (const problem of problems) console.error(`FAIL: ${problem}`)
  status = tapStatus !== 0 ? tapStatus : problems.length > 0 ? 1 : 0
} finally {
  await teardowns.run()
}
process.exit(status)

function counts (info: string, line: RegExp): Record<string, number> {
  return Object.fromEntries([...info.matchAll(line)].map(([, name, count]) => [name!, Number(count)]))
}
