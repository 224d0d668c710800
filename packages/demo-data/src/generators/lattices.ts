import type { RecordRef } from './demo-data-set.js'
import { addEdge } from './dependencies.js'
import { DAY, MINUTE, type GenerationContext, type Organization } from './generation-context.js'
import { addIntelRequest } from './intel-requests.js'
import type { LatticeSizes } from './shapes.js'

/** A lattice's layers of intel requests, top first. */
export type Lattice = RecordRef[][]

/** `layers` layers of `width` intel requests, every node of a layer blocking every node of the next. */
export function addLattice (context: GenerationContext, organization: Organization, layers: number, width: number, label: string): Lattice {
  const { random, reference } = context
  let clock = reference - 5 * DAY
  const lattice: Lattice = []
  for (let layer = 1; layer <= layers; layer++) {
    const nodes = Array.from({ length: width }, (_, n) => {
      clock += MINUTE
      return addIntelRequest(context, organization, { type: 'crew_dispatch', description: `${label}: stage ${layer}, crew ${n + 1}` },
        { status: random.weighted([['pending', 50], ['in_progress', 50]]), created: clock })
    })
    for (const blocker of lattice.at(-1) ?? []) for (const dependent of nodes) addEdge(context, organization, blocker, dependent, clock)
    lattice.push(nodes)
  }
  return lattice
}

/**
 * The production shape's dependency region: each gateway (a second-level intel request of a
 * current incident) blocks the top layer of one of `sizes.count` shared lattices, in turn; the
 * first gateway (the bad-day incident's) blocks `sizes.badDay` more.
 */
export function addLattices (context: GenerationContext, organization: Organization, gateways: readonly RecordRef[], sizes: LatticeSizes): Lattice[] {
  const lattices = Array.from({ length: sizes.count + sizes.badDay }, (_, l) =>
    addLattice(context, organization, sizes.layers, sizes.width, `Regional restoration program ${l + 1}`))
  const at = context.reference - 4 * DAY
  gateways.forEach((gateway, g) => {
    const reached = g === 0 ? [lattices[0]!, ...lattices.slice(sizes.count)] : [lattices[g % sizes.count]!]
    for (const lattice of reached) for (const top of lattice[0]!) addEdge(context, organization, gateway, top, at)
  })
  return lattices
}
