export interface Settings {
  mode: 'full' | 'quick'
  /** seedDemoData's options: the analysis's scale (full) or a tiny set (quick). */
  data: {
    seed: number
    organizations: number
    currentIncidents: number
    smallOrganizationIncidents: number
    regions: { diamondRoots: number, diamondDepth: number, chains: number, chainLength: number, cycles: number }
  }
  /** The analysis's CTE may not hold one statement longer (its own session). */
  statementTimeoutMs: number
  recursion: {
    /** How many diamond roots each row of the comparison walks from. */
    rootCounts: number[]
    /** Interleaved pairs per row, in the order of rootCounts. */
    iterations: number[]
    maxDistance: number
  }
  /**
   * Lattices of intel requests, each in an organization of its own: `layers` layers of `width`
   * under a root, every node of a layer blocking every node of the next.
   */
  lattice: {
    /** The analysis's CTE runs on them in a session of its own with this statement timeout. */
    statementTimeoutMs: number
    maxDistance: number
    /** Each lattice with its number of interleaved pairs. */
    shapes: Array<{ layers: number, width: number, pairs: number }>
  }
  organizationQuery: { iterations: number }
  sender: {
    /** Current incidents with intel requests that the runs loop over. */
    sample: number
    workers: number
    /** Timed rounds per side, alternating, each `roundSeconds` long. */
    rounds: number
    roundSeconds: number
    /** Pairs timed one at a time. */
    sequential: number
    /** Pairs of the variant whose recursion runs the analysis's CTE in SQL. */
    oldSql: number
  }
  cacheLag: { changesPerSecond: number, seconds: number, timeoutMs: number }
}

export const FULL: Settings = {
  mode: 'full',
  data: {
    seed: 1,
    organizations: 21,
    currentIncidents: 3000,
    smallOrganizationIncidents: 50,
    regions: { diamondRoots: 100, diamondDepth: 8, chains: 5, chainLength: 40, cycles: 3 }
  },
  statementTimeoutMs: 5000,
  recursion: { rootCounts: [1, 10, 100], iterations: [30, 20, 10], maxDistance: 10 },
  lattice: { statementTimeoutMs: 5000, maxDistance: 10, shapes: [{ layers: 10, width: 5, pairs: 4 }, { layers: 4, width: 5, pairs: 30 }] },
  organizationQuery: { iterations: 10 },
  sender: { sample: 500, workers: 10, rounds: 4, roundSeconds: 5, sequential: 200, oldSql: 50 },
  cacheLag: { changesPerSecond: 50, seconds: 10, timeoutMs: 10_000 }
}

export const QUICK: Settings = {
  mode: 'quick',
  data: {
    seed: 1,
    organizations: 2,
    currentIncidents: 40,
    smallOrganizationIncidents: 5,
    regions: { diamondRoots: 10, diamondDepth: 3, chains: 1, chainLength: 5, cycles: 3 }
  },
  statementTimeoutMs: 5000,
  recursion: { rootCounts: [1, 3, 10], iterations: [3, 3, 3], maxDistance: 10 },
  lattice: { statementTimeoutMs: 1000, maxDistance: 10, shapes: [{ layers: 10, width: 5, pairs: 2 }, { layers: 4, width: 5, pairs: 3 }] },
  organizationQuery: { iterations: 3 },
  sender: { sample: 20, workers: 4, rounds: 1, roundSeconds: 0.5, sequential: 10, oldSql: 3 },
  cacheLag: { changesPerSecond: 20, seconds: 1, timeoutMs: 10_000 }
}
