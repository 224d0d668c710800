/*
 * Times loading the demo data set and removing it again (`pnpm demo-data --replace`), both
 * through the database's triggers, in a private database dropped at the end. Prints numbers,
 * asserts none; fails only when a removal leaves a row behind.
 *   pnpm --filter @incident-intel/demo-data bench [--quick] [--runs N]
 * --quick: 3 organizations, 300 current incidents, one run.
 */
import { parseArgs } from 'node:util'
import { createTeardowns, createTestDatabase } from '@incident-intel/test-support'
import { DEFAULT_SIZES, findDemoOrganizations, removeDemoData, seedDemoData, type DemoDataOptions } from '../src/index.js'

const QUICK: DemoDataOptions = { organizations: 3, currentIncidents: 300, smallOrganizationIncidents: 20 }

const args = process.argv.slice(2).filter(arg => arg !== '--')
const { values } = parseArgs({ args, options: { quick: { type: 'boolean', default: false }, runs: { type: 'string' } } })
const options = values.quick ? QUICK : DEFAULT_SIZES
const runs = Number(values.runs ?? (values.quick ? 1 : 3))
const teardowns = createTeardowns()
try {
  const { pool } = await createTestDatabase(teardowns)
  const rows = (sql: string, values: unknown[] = []) =>
    pool.query<{ count: number }>(`select (${sql})::int as count`, values).then(result => result.rows[0]!.count)
  const lastRefresh = () => rows('select coalesce(max(refresh_id), 0) from current_incidents.refresh_queue')
  const queuedSince = (after: number) => rows('select count(*) from current_incidents.refresh_queue where refresh_id > $1', [after])
  console.log(`demo data: ${options.organizations} organizations, ${options.currentIncidents} current incidents in the first; ${runs} run(s)`)
  console.log('| run | rows | load ms | refreshes queued by the load | remove ms | refreshes queued by the removal |')
  console.log('|---|---|---|---|---|---|')
  for (let run = 1; run <= runs; run++) {
    const beforeLoad = await lastRefresh()
    const loaded = await seedDemoData(pool, options)
    const queuedByLoad = await queuedSince(beforeLoad)
    const beforeRemoval = await lastRefresh()
    const total = Object.values(loaded.counts).reduce((sum, count) => sum + count, 0)
    const started = performance.now()
    await removeDemoData(pool, loaded.seed)
    const removeMs = performance.now() - started
    const left = await findDemoOrganizations(pool, loaded.seed)
    const leftIncidents = await rows('select count(*) from incidents.incidents')
    if (left.length > 0 || leftIncidents > 0) throw new Error(`the removal left ${left.length} organizations, ${leftIncidents} incidents`)
    const queuedByRemoval = await queuedSince(beforeRemoval)
    console.log(`| ${run} | ${total} | ${loaded.elapsedMs} | ${queuedByLoad} | ${Math.round(removeMs)} | ${queuedByRemoval} |`)
  }
} catch (error) {
  process.exitCode = 1
  console.error(error)
} finally {
  await teardowns.run()
}
