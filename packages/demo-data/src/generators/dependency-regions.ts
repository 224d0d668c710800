import type { RecordRef } from './demo-data-set.js'
import { addEdge } from './dependencies.js'
import { DAY, MINUTE, type GenerationContext, type Organization } from './generation-context.js'
import { addIntelRequest } from './intel-requests.js'

export interface RegionSizes {
  diamondRoots: number
  diamondDepth: number
  chains: number
  chainLength: number
  cycles: number
}

/** Cycle lengths, in turn. */
const CYCLE_LENGTHS = [2, 3, 7] as const

/**
 * Dependency regions of an organization, intel requests only (blocker → dependent): every
 * diamond root feeds one shared stack of diamonds, chains hang from their heads, and cycles
 * close on themselves (the API refuses those; the schema does not).
 */
export function addDependencyRegions (context: GenerationContext, organization: Organization, regions: RegionSizes): void {
  const { random, reference, data } = context
  let clock = reference - 3 * DAY
  const request = (type: string, description: string): RecordRef => {
    clock += MINUTE
    return addIntelRequest(context, organization, { type, description }, { status: random.weighted([['pending', 50], ['in_progress', 50]]), created: clock })
  }
  const edge = (blocker: RecordRef, dependent: RecordRef) => addEdge(context, organization, blocker, dependent, clock)

  if (regions.diamondRoots > 0 && regions.diamondDepth > 0) {
    const roots = Array.from({ length: regions.diamondRoots }, (_, r) =>
      request('damage_assessment', `Storm restoration program: feeder patrol ${r + 1}`))
    let tops = roots
    for (let layer = 1; layer <= regions.diamondDepth; layer++) {
      const a = request('crew_dispatch', `Storm restoration program: stage ${layer}, line crew`)
      const b = request('crew_dispatch', `Storm restoration program: stage ${layer}, substation crew`)
      const join = request('restoration_estimate', `Storm restoration program: stage ${layer} sign-off`)
      for (const top of tops) {
        edge(top, a)
        edge(top, b)
      }
      edge(a, join)
      edge(b, join)
      tops = [join]
    }
    data.regions.diamondRoots = roots
  }

  for (let c = 0; c < regions.chains; c++) {
    let previous = request('vendor_escalation', `Parts escalation ${c + 1}: step 0`)
    data.regions.chainRoots.push(previous)
    for (let step = 1; step <= regions.chainLength; step++) {
      const next = request('vendor_escalation', `Parts escalation ${c + 1}: step ${step}`)
      edge(previous, next)
      previous = next
    }
  }

  for (let c = 0; c < regions.cycles; c++) {
    const length = CYCLE_LENGTHS[c % CYCLE_LENGTHS.length]!
    const members = Array.from({ length }, (_, m) => request('mutual_aid', `Mutual-aid loop ${c + 1}: member ${m + 1} of ${length}`))
    members.forEach((member, m) => edge(member, members[(m + 1) % length]!))
    data.regions.cycleMembers.push(...members)
  }
}
