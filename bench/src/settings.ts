import { PRODUCTION_SIZES, type DemoDataOptions } from '@incident-intel/demo-data'

export interface Settings {
  mode: 'full' | 'quick'
  /** seedDemoData's options: production's shape at its scale (full) or a tiny one (quick). */
  data: DemoDataOptions & { shape: 'production' }
  /** No statement of the analysis's designs may run longer (each in a session of its own). */
  statementTimeoutMs: number
  /** max_distance of our walks: enough to reach the deepest lattice edge, so both sides give every edge. */
  maxDistance: number
  recursion: {
    /** Interleaved pairs of each row: one gateway, one incident, the bad-day incident, a batch of gateways. */
    pairs: number
    badDayPairs: number
    batch: number
  }
  organizationQuery: { iterations: number }
  sender: {
    /** Current incidents with intel requests that the runs loop over: the messages. */
    sample: number
    /** The headline: messages of the old design (calls + the analysis's SQL), each paired with ours. */
    messages: number
    /** Ours alone, one at a time, over the sample: its distribution over many messages. */
    oursMessages: number
    /** The call pattern over HTTP without the old SQL: pairs one at a time, then under load. */
    sequential: number
    workers: number
    rounds: number
    roundSeconds: number
  }
  cacheLag: { changesPerSecond: number, seconds: number, timeoutMs: number }
  /** Ours only: intel-requests-api's routes, one at a time then at `connections`; the cache's encodings. */
  services: { requests: number, connections: number, seconds: number, bulk: number, encodingIterations: number }
}

export const FULL: Settings = {
  mode: 'full',
  data: { ...PRODUCTION_SIZES, shape: 'production' },
  statementTimeoutMs: 30_000,
  maxDistance: 10,
  recursion: { pairs: 6, badDayPairs: 2, batch: 10 },
  organizationQuery: { iterations: 4 },
  sender: { sample: 200, messages: 16, oursMessages: 2000, sequential: 200, workers: 10, rounds: 2, roundSeconds: 5 },
  cacheLag: { changesPerSecond: 50, seconds: 10, timeoutMs: 10_000 },
  services: { requests: 1000, connections: 10, seconds: 5, bulk: 100, encodingIterations: 5000 }
}

/** A few seconds of each, on a small production shape: CI checks the answers, not the times. */
export const QUICK: Settings = {
  ...FULL,
  mode: 'quick',
  data: { shape: 'production', currentIncidents: 150, lattices: { count: 3, layers: 4, width: 3, badDay: 2 } },
  statementTimeoutMs: 5000,
  recursion: { pairs: 2, badDayPairs: 1, batch: 3 },
  organizationQuery: { iterations: 2 },
  sender: { ...FULL.sender, sample: 10, messages: 3, oursMessages: 20, sequential: 4, workers: 2, rounds: 1, roundSeconds: 0.5 },
  cacheLag: { ...FULL.cacheLag, changesPerSecond: 20, seconds: 1 },
  services: { requests: 20, connections: 2, seconds: 0.5, bulk: 10, encodingIterations: 100 }
}
