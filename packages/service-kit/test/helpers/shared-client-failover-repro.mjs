// Reproduction for issue 20f: one Cluster client (createRedisClient, as the services use it)
// shared by a MULTI, scripts (EVALSHA via defineCommand, and EVAL) and auto-pipelined HMGETs on
// the keys of one slot; that slot's master SIGKILLed mid-traffic. Every reply is checked against
// what its command must return. Errors are fine (timeouts, closed connections); a wrong value is
// not, nor is a MOVED error handed to the caller.
//
//   cd packages/service-kit && node test/helpers/shared-client-failover-repro.mjs [trials] [--separate]
//
// --separate: each kind of call gets a client of its own (what the failover test does now).
import { createRedisClient } from '../../dist/index.js'
import { replicasOf, startRedisCluster, waitForNewMaster } from '@incident-intel/test-support'

const TRIALS = Number(process.argv[2] ?? 5)
const SEPARATE = process.argv.includes('--separate')
const COMMAND_TIMEOUT_MS = 500
const PREFIX = 'repro:'
const HASH = '{org}:documents'
const MULTI_KEY = '{org}:changes'
const SCRIPT_KEY = '{org}:script'

const teardowns = []
const cluster = await startRedisCluster({ teardown: fn => teardowns.push(fn) })

function client () {
  const c = createRedisClient({
    url: '',
    clusterNodes: cluster.nodes.map(node => ({ host: '127.0.0.1', port: node.port })),
    keyPrefix: PREFIX,
    commandTimeoutMs: COMMAND_TIMEOUT_MS
  })
  c.on('error', () => {})
  c.defineCommand('echoScript', { numberOfKeys: 1, lua: "redis.call('SET', KEYS[1], ARGV[1]) return ARGV[1]" })
  return c
}

const wrong = [] // { trial, kind, ms, got }
const moved = []
const counts = {}
function count (kind, what) { counts[kind] ??= {}; counts[kind][what] = (counts[kind][what] ?? 0) + 1 }

function show (value) {
  return JSON.stringify(value, (_k, v) => v instanceof Error ? `Error(${v.message})` : (v?.type === 'Buffer' ? Buffer.from(v.data).toString() : v))
}

async function trial (n) {
  const shared = client()
  const clients = SEPARATE ? [shared, client(), client()] : [shared, shared, shared]
  await Promise.all([...new Set(clients)].map(c => c.connect()))
  const [reads, scripts, multis] = clients
  await reads.hset(HASH, 'ready', '1')
  const master = await cluster.masterOf(PREFIX + HASH)
  const [replica] = await replicasOf(cluster, master)
  let killedAt = 0
  let stop = false
  const since = () => killedAt ? Date.now() - killedAt : -1
  let seq = 0

  const check = (kind, promise, ok) => promise.then(value => {
    if (ok(value)) count(kind, 'ok')
    else { count(kind, 'WRONG'); wrong.push({ trial: n, kind, ms: since(), got: show(value) }) }
  }, error => {
    const message = String(error?.message ?? error)
    if (/^(MOVED|ASK) /.test(message) || (error?.previousErrors ?? []).some(e => /^(MOVED|ASK) /.test(e.message))) {
      count(kind, 'MOVED to caller'); moved.push({ trial: n, kind, ms: since(), got: message })
    } else count(kind, `error: ${message.replace(/[0-9]+/g, 'N').slice(0, 60)}`)
  })

  // One "request" per tick: every kind issued in the same turn of the event loop, so the
  // auto-pipeline of the node and the MULTI go out together on the same connection.
  async function loop () {
    while (!stop) {
      const token = `t${n}-${++seq}`
      await Promise.all([
        check('hmget (auto-pipelined)', reads.hmget(HASH, 'ready', 'missing'),
          v => Array.isArray(v) && v.length === 2 && v[0] === '1' && v[1] === null),
        check('evalsha (defineCommand)', scripts.echoScript(SCRIPT_KEY, token), v => v === token),
        check('eval', scripts.eval('return ARGV[1]', 1, SCRIPT_KEY, token), v => v === token),
        check('multi hset+expire', multis.multi().hset(MULTI_KEY, token, '1').expire(MULTI_KEY, 600).exec(),
          v => Array.isArray(v) && v.length === 2 && v[0][0] === null && v[0][1] === 1 && v[1][0] === null && v[1][1] === 1),
        check('hmget (auto-pipelined) 2', reads.hmget(HASH, 'ready'), v => Array.isArray(v) && v.length === 1 && v[0] === '1')
      ])
    }
  }
  const loops = [loop(), loop(), loop()]
  await new Promise(resolve => setTimeout(resolve, 300))
  killedAt = Date.now(); globalThis.__trace = true
  await cluster.node(master.port).kill('SIGKILL')
  await waitForNewMaster(cluster, PREFIX + HASH, master.port)
  await new Promise(resolve => setTimeout(resolve, 1000))
  stop = true; globalThis.__trace = false
  await Promise.all(loops)
  for (const c of new Set(clients)) c.disconnect()
  await cluster.node(master.port).start()
  await cluster.waitUntilOk()
  // The restarted node rejoins as the new master's replica; wait until it is synced.
  const { waitUntil } = await import('@incident-intel/test-support')
  await waitUntil(async () => /master_link_status:up/.test(String(await cluster.command(master.port, 'INFO', 'replication'))), 20000, 'old master not resynced')
  void replica
}

try {
  for (let n = 1; n <= TRIALS; n++) {
    const before = wrong.length + moved.length
    await trial(n)
    console.log(`trial ${n}: ${wrong.filter(w => w.trial === n).length} wrong replies, ${moved.filter(w => w.trial === n).length} MOVED to callers (${wrong.length + moved.length - before})`)
  }
} finally {
  for (const fn of teardowns.reverse()) await fn()
}
console.log(JSON.stringify(counts, null, 1))
for (const w of wrong.slice(0, 40)) console.log('WRONG', w)
for (const w of moved.slice(0, 20)) console.log('MOVED', w)
console.log(`trials with a wrong reply: ${new Set(wrong.map(w => w.trial)).size}/${TRIALS}; with MOVED to callers: ${new Set(moved.map(w => w.trial)).size}/${TRIALS}`)
