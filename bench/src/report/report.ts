import type { PairedComparison } from '../comparison.js'
import type { CacheLagResult } from '../comparisons/cache-lag.js'
import type { LatticeComparison } from '../comparisons/lattice.js'
import type { OrganizationQueryComparison } from '../comparisons/organization-query.js'
import type { SenderComparison } from '../comparisons/sender-context.js'
import type { Settings } from '../settings.js'
import type { Machine } from './machine.js'

/** Everything one run measured: report.json as written, and the source of report.md and the chart. */
export interface Report {
  mode: Settings['mode']
  started_at: string
  total_seconds: number
  machine: Machine
  load_average_at_end: number
  settings: Settings
  data: {
    seed_ms: number
    warm_cache_ms: number
    organizations: number
    large_organization: { organization_id: string, name: string, current_incidents: number }
    counts: Record<string, number>
    regions: { diamond_roots: number, chain_roots: number, cycle_members: number }
  }
  recursion: PairedComparison[]
  direct: PairedComparison[]
  lattice: LatticeComparison[]
  organization_query: OrganizationQueryComparison
  sender: SenderComparison
  cache_lag: CacheLagResult
}
