import { PRODUCTION_SIZES, type DemoDataOptions } from '@incident-intel/demo-data'

export type Settings = typeof FULL

export const FULL = {
  mode: 'full' as 'full' | 'quick',
  /** seedDemoData's options: production's shape at its scale (full) or a tiny one (quick). */
  data: { ...PRODUCTION_SIZES, shape: 'production' } as DemoDataOptions & { shape: 'production' },
  /** No statement of the analysis's designs may run longer (each in a session of its own). */
  statementTimeoutMs: 30_000,
  /** max_distance of our walks: enough to reach the deepest lattice edge, so both sides give every edge. */
  maxDistance: 10,
  /** Interleaved pairs of each row: one gateway, one incident, the bad-day incident, a batch of `batch` gateways. */
  recursion: { pairs: 6, badDayPairs: 2, batch: 10 },
  organizationQuery: { iterations: 4 },
  sender: {
    /** Current incidents with intel requests that the runs loop over: the messages. */
    sample: 200,
    /** The headline: messages of the old design (calls + the analysis's SQL), each paired with ours. */
    messages: 16,
    /** Ours alone, one at a time, over the sample: its distribution over many messages. */
    oursMessages: 2000,
    /** The call pattern over HTTP without the old SQL: pairs one at a time, then `workers` under load. */
    sequential: 200,
    workers: 10,
    rounds: 2,
    roundSeconds: 5
  },
  cacheLag: { changesPerSecond: 50, seconds: 10, timeoutMs: 10_000 },
  /** Ours only: intel-requests-api's routes, one at a time then at `connections`; the cache's encodings. */
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
