import type { CacheLagResult } from '../comparisons/cache-lag.js'
import type { OrganizationQueryComparison } from '../comparisons/organization-query.js'
import type { SenderComparison } from '../comparisons/sender-context.js'
import type { ServicesResult } from '../comparisons/services.js'
import type { PairedComparison } from '../runner.js'
import type { Settings } from '../settings.js'
import type { Machine } from './machine.js'

/** Everything one run measured: report.json as written, and the source of report.md, summary.json and the chart. */
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
    organization: { organization_id: string, name: string, current_incidents: number }
    counts: Record<string, number>
    /** Second-level intel requests above a lattice. */
    gateways: number
  }
  recursion: PairedComparison[]
  direct: PairedComparison[]
  organization_query: OrganizationQueryComparison
  sender: SenderComparison
  services: ServicesResult
  cache_lag: CacheLagResult
}
