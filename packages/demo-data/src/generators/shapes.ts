/** Weighted counts: [value, weight] pairs for Random.weighted. */
export type Counts = ReadonlyArray<readonly [number, number]>

/**
 * How many related records each incident gets. `demo` is a plausible mix for trying the API;
 * `production` follows the analysis's figures for the large customer (1–5 outages each with a
 * location of its own, up to ~15 linked assets, direct and second-level intel requests), so that
 * the flat LEFT JOIN of the old design builds over 100,000 rows for 3,000 current incidents.
 */
export interface FanOut {
  outages: Counts
  internetOutages: Counts
  linkedAssets: Counts
  directRequests: Counts
  followUps: Counts
  /** Resolved incidents generated per current one (the history). */
  resolvedPerCurrent: number
  /** Assets of an organization per incident. */
  assetsPerIncident: number
  /** Incidents carry a dispatch log and assets their service record in metadata, as production's rows do. */
  fullMetadata: boolean
}

export type Shape = 'demo' | 'production'

export const FAN_OUT: Record<Shape, FanOut> = {
  demo: {
    outages: [[0, 30], [1, 35], [2, 20], [3, 15]],
    internetOutages: [[0, 50], [1, 35], [2, 15]],
    linkedAssets: [[0, 20], [1, 30], [2, 25], [3, 15], [4, 10]],
    directRequests: [[0, 5], [1, 25], [2, 40], [3, 30]],
    followUps: [[0, 30], [1, 45], [2, 20], [3, 5]],
    resolvedPerCurrent: 0.2,
    assetsPerIncident: 1 / 3,
    fullMetadata: false
  },
  production: {
    outages: [[1, 25], [2, 30], [3, 22], [4, 13], [5, 10]],
    internetOutages: [[0, 60], [1, 30], [2, 10]],
    linkedAssets: [[0, 6], [1, 8], [2, 10], [3, 12], [4, 10], [5, 10], [6, 10], [8, 10], [10, 9], [12, 8], [15, 7]],
    directRequests: [[1, 30], [2, 40], [3, 30]],
    followUps: [[0, 10], [1, 38], [2, 34], [3, 18]],
    resolvedPerCurrent: 1,
    assetsPerIncident: 1 / 2,
    fullMetadata: true
  }
}

/**
 * Dense lattices of intel requests: `layers` layers of `width` under a gateway, every node of a
 * layer blocking every node of the next, so the path-enumerating CTE makes width^layers rows
 * from the gateway while the edges number only width + (layers - 1) × width².
 */
export interface LatticeSizes {
  /** Lattices in the organization; gateways are spread over them in turn. */
  count: number
  layers: number
  width: number
  /** Extra lattices under the bad-day incident's gateway (one incident reaches them all). */
  badDay: number
}
