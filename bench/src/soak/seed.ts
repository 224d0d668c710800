import type { Pool } from 'pg'
import { seedDemoData } from '@incident-intel/demo-data'

const ORGANIZATIONS = 5

/**
 * The demo data set: one large organization of `incidents` current incidents (with the demo's
 * dependency regions: diamonds, chains, cycles) and four small ones of a twentieth of that each.
 * Returns the organizations' ids, largest first.
 */
export async function seedSoakData (pool: Pool, incidents: number, log: (line: string) => void): Promise<string[]> {
  log(`seeding demo data: ${ORGANIZATIONS} organizations, ${incidents} current incidents in the first`)
  const summary = await seedDemoData(pool, {
    organizations: ORGANIZATIONS,
    currentIncidents: incidents,
    smallOrganizationIncidents: Math.max(1, Math.round(incidents / 20))
  })
  const rows = Object.entries(summary.counts).map(([table, count]) => `${table.split('.')[1]} ${count.toLocaleString('en-US')}`)
  log(`seeded in ${(summary.elapsedMs / 1000).toFixed(1)} s: ${rows.join(', ')}`)
  return summary.organizations.map(organization => organization.organization_id)
}
