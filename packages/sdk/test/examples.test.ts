import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import t, { type Test } from 'tap'
import { createOrganization, createRecords, createTestDatabase, createTestRedis, startServiceProcess, waitUntil, testRedisUrl } from '@incident-intel/test-support'

// The examples the READMEs point to, run as a user would run them (`node examples/<name>.ts`)
// against a real incidents-api: what they print is what the service sent.
const { url: databaseUrl, pool } = await createTestDatabase(t)
const { prefix } = await createTestRedis(t)
const organizationId = await createOrganization(pool, 'Example organization')
const incidentIds = await createRecords(pool, 'incidents', organizationId, 3)
const service = await startServiceProcess(t, 'incidents-api', {
  // No reconciler: its first sweep would rebuild the organization, and so reload the examples, mid-test.
  env: { DATABASE_URL: databaseUrl, REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: prefix, CACHE_RECONCILE_INTERVAL_MS: '0' }
})

async function rebuild (): Promise<number> {
  const response = await fetch(`${service.origin}/incidents/current/rebuild`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ organization_id: organizationId })
  })
  await response.arrayBuffer()
  return response.status
}
// The fixtures' queued refreshes first (on a cold cache they start a rebuild of their own), then a
// rebuild: from here on only the tests change the documents, and no reset comes unasked.
await waitUntil(async () => (await pool.query('select 1 from current_incidents.refresh_queue limit 1')).rowCount === 0, 15_000, 'the fixtures did not drain')
t.equal(await rebuild(), 200, 'the cache is built')

// From another client, in SQL: each change reaches the cache, and the example, once.
const STATEMENTS = {
  title: 'update incidents.incidents set title = $2 where incident_id = $1',
  status: 'update incidents.incidents set status = $2 where incident_id = $1'
}
async function update (incidentId: string, column: keyof typeof STATEMENTS, value: string): Promise<number> {
  const { rowCount } = await pool.query(STATEMENTS[column], [incidentId, value])
  return rowCount ?? 0
}

/** Runs an example with only the environment it documents; its output lines are collected. */
function runExample (t: Test, name: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [fileURLToPath(new URL(`../examples/${name}.ts`, import.meta.url))], {
    env: { PATH: process.env.PATH ?? '', INCIDENTS_API_URL: service.origin, ORGANIZATION_ID: organizationId, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const lines: string[] = []
  let partial = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n')
    partial = parts.pop()!
    lines.push(...parts)
  })
  let errors = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { errors += chunk })
  const exited = new Promise<number | null>(resolve => child.once('close', code => resolve(code)))
  t.teardown(() => { child.kill('SIGKILL') })
  return { lines, exited, errors: () => errors, stop: () => child.kill('SIGTERM') }
}

t.test('live-view.ts prints the snapshot, then each change, and stops cleanly', async t => {
  const example = runExample(t, 'live-view', {})
  await waitUntil(async () => example.lines.length >= 1, 15_000, 'no snapshot line')
  t.match(example.lines[0], /^snapshot: 3 current incidents, cursor \S+$/)
  t.equal(await update(incidentIds[0]!, 'title', 'Seen by the example'), 1)
  t.equal(await update(incidentIds[1]!, 'status', 'resolved'), 1)
  await waitUntil(async () => example.lines.length >= 3, 10_000, 'the changes were not printed')
  t.match(example.lines.slice(1), [
    new RegExp(`^upsert ${incidentIds[0]} v\\d+: Seen by the example$`),
    new RegExp(`^remove ${incidentIds[1]} v\\d+$`)
  ])
  example.stop()
  t.equal(await example.exited, 0, example.errors())
  t.equal(example.lines.at(-1), 'stopped with 2 current incidents')
})

t.test('follow-changes.ts loads the documents, applies each change once, and reloads after a reset', async t => {
  const example = runExample(t, 'follow-changes', { POLL_MS: '50' })
  await waitUntil(async () => example.lines.length >= 1, 15_000, 'no load line')
  t.match(example.lines[0], /^loaded 2 current incidents, cursor \d+-\d+$/)
  t.equal(await update(incidentIds[2]!, 'title', 'Pulled by the sender'), 1)
  t.equal(await update(incidentIds[1]!, 'status', 'active'), 1)
  await waitUntil(async () => example.lines.length >= 3, 10_000, 'the changes were not printed')
  t.match(example.lines.slice(1), [
    new RegExp(`^upsert ${incidentIds[2]} v\\d+: Pulled by the sender$`),
    new RegExp(`^upsert ${incidentIds[1]} v\\d+: `)
  ])
  t.equal(await rebuild(), 200)
  await waitUntil(async () => example.lines.length >= 4, 10_000, 'the reset did not reload')
  t.match(example.lines[3], /^loaded 3 current incidents, cursor \d+-\d+$/)
  example.stop()
  t.equal(await example.exited, 0, example.errors())
  t.equal(example.lines.at(-1), 'stopped with 3 current incidents')
  t.equal(example.lines.length, 5, 'nothing applied twice')
})
